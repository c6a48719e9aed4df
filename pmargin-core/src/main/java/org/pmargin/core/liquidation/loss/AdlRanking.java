package org.pmargin.core.liquidation.loss;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The auto-deleveraging queue: which opposite positions are closed first.
 *
 * <p>Score (BitMEX and the Binance formula the issue names): {@code PnL% × effective leverage} when the PnL is
 * positive, {@code PnL% / effective leverage} when it is negative (so among losers the least leveraged loser goes
 * first, and every loser ranks after every winner), 0 at zero PnL or zero leverage. Highest score first; equal
 * scores by account id ascending, so the order is total and deterministic. Only the side opposite the bankrupt
 * position is ranked, and accounts without positive equity are left out (they cannot absorb a transfer).
 */
public final class AdlRanking {

  private AdlRanking() {}

  /** The ranking score of one candidate (see the class comment). */
  public static double score(AdlCandidate c, MoneyUnit unit) {
    double pnl = c.pnlPercent();
    double leverage = c.effectiveLeverage(unit);
    if (pnl == 0.0 || leverage == 0.0) {
      return 0.0;
    }
    return pnl > 0 ? pnl * leverage : pnl / leverage;
  }

  /** Highest score first, then account id ascending. */
  public static Comparator<AdlCandidate> order(MoneyUnit unit) {
    return Comparator.comparingDouble((AdlCandidate c) -> score(c, unit))
        .reversed()
        .thenComparing(AdlCandidate::accountId);
  }

  /**
   * The queue for a bankrupt position on {@code bankruptSide}: the opposite-side candidates with positive equity,
   * ordered by {@link #order(MoneyUnit)}.
   *
   * @param candidates  open positions on the instrument (either side; the same side is dropped)
   * @param bankruptSide  the bankrupt position's side
   * @param unit  the settlement asset's unit
   * @return a new list, first to be deleveraged first
   */
  public static List<AdlCandidate> rank(List<AdlCandidate> candidates, Side bankruptSide, MoneyUnit unit) {
    List<AdlCandidate> queue = new ArrayList<>();
    for (AdlCandidate c : candidates) {
      if (c.side() == bankruptSide.opposite() && c.equity() > 0) {
        queue.add(c);
      }
    }
    queue.sort(order(unit));
    return queue;
  }
}
