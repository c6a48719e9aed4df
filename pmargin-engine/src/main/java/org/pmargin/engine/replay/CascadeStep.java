package org.pmargin.engine.replay;

import java.time.Instant;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;

/**
 * One snapshot of a replay, for the cascade's series over time: what the liquidation did after it, the bad debt so
 * far, the accounts by state, and the market impact of the liquidations on the marks.
 *
 * @param time  the snapshot's time
 * @param steps  liquidation steps booked after it
 * @param accountsLiquidated  distinct accounts with a step booked after it
 * @param notionalUsd  the notional the steps traded, USD
 * @param costUsd  their cost, USD
 * @param bankruptcies  accounts reported bankrupt after it
 * @param badDebtUsd  the engine's bad debt after it, USD (running total)
 * @param states  accounts per health state after it (every state present)
 * @param flowUsd  the net signed cash delta the steps traded per underlying, USD (selling negative)
 * @param shift  the log shift of each underlying's marks the snapshot was margined on (0 without feedback)
 * @param loss  the loss waterfall's figures ({@link LossFigures#NOT_MODELLED} until the engine runs it)
 */
public record CascadeStep(Instant time, int steps, int accountsLiquidated, double notionalUsd, double costUsd,
    int bankruptcies, double badDebtUsd, Map<HealthState, Integer> states, Map<Asset, Double> flowUsd,
    Map<Asset, Double> shift, LossFigures loss) {

  /** Copies. */
  public CascadeStep {
    states = Map.copyOf(states);
    flowUsd = Map.copyOf(flowUsd);
    shift = Map.copyOf(shift);
  }
}
