package org.pmargin.core.liquidation;

import java.util.List;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.portfolio.Account;

/**
 * One executed step of a liquidation: what was traded and why, and the account and its margin after it.
 *
 * @param kind  the kind of step
 * @param description  what it did, e.g. "20% of every BTC position"
 * @param parts  the trades, one per position touched
 * @param costUsd  the total expected cost (fees, spread, impact), USD
 * @param maintenanceBeforeUsd  the account's maintenance margin before the step, USD
 * @param maintenanceAfterUsd  after the step, USD (less than before for the planner's steps; the baselines have no
 *     such guard)
 * @param worstLossBeforeUsd  the account's worst stress loss before the step, USD (≥ 0)
 * @param worstLossAfterUsd  after the step, USD (never more than before for the planner's steps)
 * @param account  the account after the step
 * @param margin  its margin after the step
 */
public record LiquidationStep(StepKind kind, String description, List<ClosedPart> parts, double costUsd,
    double maintenanceBeforeUsd, double maintenanceAfterUsd, double worstLossBeforeUsd, double worstLossAfterUsd,
    Account account, MarginResult margin) {

  /** Copies. */
  public LiquidationStep {
    parts = List.copyOf(parts);
  }

  /** The maintenance margin this step removed, USD. */
  public double maintenanceRemovedUsd() {
    return maintenanceBeforeUsd - maintenanceAfterUsd;
  }
}
