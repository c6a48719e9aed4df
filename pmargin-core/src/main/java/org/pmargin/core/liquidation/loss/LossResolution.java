package org.pmargin.core.liquidation.loss;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one bankrupt deficit was resolved: the fund draw, the ADL fills, the socialised shares, what stayed uncovered,
 * and the journal of events. All amounts are minor units of the settlement asset.
 *
 * @param bankrupt  the bankrupt position
 * @param fundBefore  the fund before
 * @param fundAfter  the fund after the draw
 * @param fundDraw  drawn from the fund
 * @param adl  the auto-deleveraging outcome
 * @param socialised  the socialised split
 * @param events  the journal, in order
 */
public record LossResolution(
    BankruptPosition bankrupt,
    InsuranceFund fundBefore,
    InsuranceFund fundAfter,
    long fundDraw,
    AutoDeleveraging.Result adl,
    SocialisedLoss.Result socialised,
    List<LossEvent> events) {

  /** Copies the journal. */
  public LossResolution {
    events = List.copyOf(events);
  }

  /** The part of the deficit the waterfall could not cover. */
  public long uncovered() {
    return socialised.uncovered();
  }

  /**
   * Whether the books balance exactly: deficit = fund draw + ADL transfer + socialised + uncovered, every layer
   * non-negative, the fund fell by exactly the draw, and the per-account changes sum to zero with the fund's.
   */
  public boolean conserves() {
    long layers = fundDraw + adl.transferred() + socialised.socialised() + socialised.uncovered();
    long changes = 0;
    for (long delta : equityChanges().values()) {
      changes += delta;
    }
    return layers == bankrupt.deficit()
        && fundDraw >= 0 && adl.transferred() >= 0 && socialised.socialised() >= 0 && socialised.uncovered() >= 0
        && fundBefore.balance() - fundAfter.balance() == fundDraw
        && changes - fundDraw == 0;
  }

  /**
   * Each account's equity change, minor units, by account id: the bankrupt account rises by what was covered, the
   * deleveraged and socialised accounts fall by what they bore. With the fund's fall, these sum to zero.
   */
  public Map<String, Long> equityChanges() {
    Map<String, Long> changes = new TreeMap<>();
    changes.merge(bankrupt.accountId(), bankrupt.deficit() - uncovered(), Long::sum);
    for (AdlFill f : adl.fills()) {
      changes.merge(f.accountId(), -f.transfer(), Long::sum);
    }
    for (SocialisedLoss.AccountEquity s : socialised.shares()) {
      changes.merge(s.accountId(), -s.equity(), Long::sum);
    }
    return changes;
  }
}
