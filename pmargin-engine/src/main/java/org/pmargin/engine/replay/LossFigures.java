package org.pmargin.engine.replay;

import org.pmargin.engine.event.EventOutcome;

/**
 * The loss waterfall's figures after one snapshot of a replay: the insurance fund's balance, the ADL closes and the
 * socialised loss, from the engine's loss journal ({@link EventOutcome#losses()}) and its running summary.
 *
 * @param modelled  whether the engine reported these figures (false: they are zeros, not measurements)
 * @param insuranceFundUsd  the fund's balance after the snapshot, USD
 * @param adlEvents  ADL closes booked after the snapshot
 * @param socialisedUsd  loss socialised after the snapshot, USD
 */
public record LossFigures(boolean modelled, double insuranceFundUsd, int adlEvents, double socialisedUsd) {

  /** No loss waterfall ran (the engine's {@code lossWaterfall} off). */
  public static final LossFigures NOT_MODELLED = new LossFigures(false, 0, 0, 0);

  /**
   * The figures of one outcome.
   *
   * @param outcome  what the engine did after a snapshot
   * @param summary  the engine's loss summary after it
   * @param modelled  whether the engine runs the loss waterfall
   * @return the fund's balance after the snapshot, and the ADL fills and socialised loss of this snapshot
   */
  public static LossFigures from(EventOutcome outcome, org.pmargin.engine.liquidation.LossSummary summary,
      boolean modelled) {
    if (!modelled) {
      return NOT_MODELLED;
    }
    int adl = 0;
    long socialised = 0;
    for (org.pmargin.engine.event.LossEntry l : outcome.losses()) {
      if (l.kind().equals("adl")) {
        adl++;
      } else if (l.kind().equals("socialised")) {
        socialised += l.amount();
      }
    }
    return new LossFigures(true, summary.fundUsd(), adl, socialised / 1e6);
  }
}
