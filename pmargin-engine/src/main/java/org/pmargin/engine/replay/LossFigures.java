package org.pmargin.engine.replay;

import org.pmargin.engine.event.EventOutcome;

/**
 * The loss waterfall's figures after one snapshot of a replay: the insurance fund's balance, the ADL closes and the
 * socialised loss. The engine does not run the waterfall yet (its bankruptcies only add up to bad debt), so
 * {@link #from} answers {@link #NOT_MODELLED}: this is the seam where the engine's insurance fund and ADL, once
 * {@link EventOutcome} carries them, fill the cascade's series without changing its shape.
 *
 * @param modelled  whether the engine reported these figures (false: they are zeros, not measurements)
 * @param insuranceFundUsd  the fund's balance after the snapshot, USD
 * @param adlEvents  ADL closes booked after the snapshot
 * @param socialisedUsd  loss socialised after the snapshot, USD
 */
public record LossFigures(boolean modelled, double insuranceFundUsd, int adlEvents, double socialisedUsd) {

  /** The engine does not report a loss waterfall. */
  public static final LossFigures NOT_MODELLED = new LossFigures(false, 0, 0, 0);

  /**
   * The figures of one outcome.
   *
   * @param outcome  what the engine did after a snapshot
   * @return {@link #NOT_MODELLED} until the engine's outcome carries fund draws and ADL closes
   */
  public static LossFigures from(EventOutcome outcome) {
    return NOT_MODELLED;
  }
}
