package org.pmargin.core.liquidation;

import java.util.List;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.portfolio.Account;

/**
 * The steps of one liquidation and where they left the account.
 *
 * @param method  the planner or baseline that made it, for reports
 * @param steps  the steps, in order (empty when the account already met the target)
 * @param account  the account after the last step
 * @param margin  its margin then
 * @param reachedTarget  whether the account met the target at the end; when not, no risk-reducing step was left
 *     (the account goes to a backstop or is bankrupt)
 * @param worstLossUsd  the account's worst stress loss at the end, USD
 */
public record LiquidationPlan(String method, List<LiquidationStep> steps, Account account, MarginResult margin,
    boolean reachedTarget, double worstLossUsd) {

  /** Copies. */
  public LiquidationPlan {
    steps = List.copyOf(steps);
  }

  /** The total expected cost of the steps, USD. */
  public double costUsd() {
    double c = 0;
    for (LiquidationStep s : steps) {
      c += s.costUsd();
    }
    return c;
  }
}
