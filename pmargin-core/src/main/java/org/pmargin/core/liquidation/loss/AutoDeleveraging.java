package org.pmargin.core.liquidation.loss;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Auto-deleveraging: closes ranked opposite positions against the bankrupt one until its lots are all closed, at the
 * ADL price, so that the counterparties take the part of the deficit the insurance fund did not cover.
 *
 * <p>Closing a counterparty at the bankruptcy price instead of at mark moves {@code lots × |bankruptcy − mark|} of
 * value from it to the bankrupt account (Binance, BitMEX: "closed at the bankruptcy price"). When the fund has already
 * paid part of the deficit, the price is moved towards mark in proportion, so that ADL moves exactly the rest
 * {@code R}: {@code price = mark + (bankruptcy − mark) × R / deficit}. In minor units, lot {@code k} of {@code Q} bears
 * {@code floor(R·k/Q) − floor(R·(k−1)/Q)}, so a fill of lots {@code (a, b]} bears {@code floor(R·b/Q) − floor(R·a/Q)}
 * and the fills of all {@code Q} lots sum to {@code R} exactly. A fill never takes more than the account's positive
 * equity (so ADL cannot push anyone below zero); what a cap or a short queue leaves is returned for socialisation.
 */
public final class AutoDeleveraging {

  private AutoDeleveraging() {}

  /**
   * The ADL outcome.
   *
   * @param fills  the closes, in queue order
   * @param transferred  the sum of the fills' transfers, minor units
   * @param lotsClosed  lots of the bankrupt position closed (less than its size only when the queue ran out)
   */
  public record Result(List<AdlFill> fills, long transferred, long lotsClosed) {
    /** Copies the fills. */
    public Result {
      fills = List.copyOf(fills);
    }
  }

  /**
   * Deleverages {@code remaining} minor units of the bankrupt position's deficit.
   *
   * @param bankrupt  the bankrupt position
   * @param remaining  the deficit left after the fund draw, 0 to {@code bankrupt.deficit()}
   * @param queue  the ranked queue from {@link AdlRanking#rank}
   * @return the fills and what they transferred
   */
  public static Result deleverage(BankruptPosition bankrupt, long remaining, List<AdlCandidate> queue) {
    if (remaining < 0 || remaining > bankrupt.deficit()) {
      throw new InvalidInputException("remaining", "must be 0 to the deficit " + bankrupt.deficit() + ", got " + remaining);
    }
    if (remaining == 0) {
      return new Result(List.of(), 0, 0);
    }
    double price = bankrupt.markPrice()
        + (bankrupt.bankruptcyPrice() - bankrupt.markPrice()) * ((double) remaining / bankrupt.deficit());
    long total = bankrupt.lots();
    Map<String, Long> equityLeft = new HashMap<>();
    List<AdlFill> fills = new ArrayList<>();
    long closed = 0;
    long transferred = 0;
    for (AdlCandidate c : queue) {
      if (closed == total) {
        break;
      }
      if (c.side() != bankrupt.side().opposite()) {
        throw new InvalidInputException("queue", c.accountId() + " is on the bankrupt position's side");
      }
      long lots = Math.min(c.lots(), total - closed);
      long share = lotShare(remaining, closed + lots, total) - lotShare(remaining, closed, total);
      long equity = equityLeft.getOrDefault(c.accountId(), c.equity());
      long transfer = Math.max(0, Math.min(share, equity));
      equityLeft.put(c.accountId(), equity - transfer);
      closed += lots;
      transferred += transfer;
      fills.add(new AdlFill(c.accountId(), lots, price, transfer));
    }
    return new Result(fills, transferred, closed);
  }

  /** {@code floor(amount × lots / total)} exactly. */
  static long lotShare(long amount, long lots, long total) {
    return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(lots)).divide(BigInteger.valueOf(total)).longValueExact();
  }
}
