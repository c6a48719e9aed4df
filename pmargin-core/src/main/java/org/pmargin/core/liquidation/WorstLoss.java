package org.pmargin.core.liquidation;

import java.util.List;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.stress.StressTest;

/**
 * The account's P&L over a fixed set of stresses (by default the hypothetical library: every coin gapping down 40%
 * or up 60% with vol shocks, correlation breakdowns, depegs), and its worst loss, USD, ≥ 0. The planner's second
 * guard beside the margin: a step may shrink a profit but never create or deepen a loss in any stress
 * ({@link #allows}), so it cannot trade a smaller margin for a tail the model does not see, nor leave a hedged leg
 * naked (closing the perpetual that covers a short call turns the squeeze scenario from a profit into a loss).
 */
public final class WorstLoss {

  private final List<StressScenario> scenarios;

  /** Over the given stresses. */
  public WorstLoss(List<StressScenario> scenarios) {
    this.scenarios = List.copyOf(scenarios);
  }

  /** Over the hypothetical stress library. */
  public static WorstLoss hypothetical() {
    return new WorstLoss(StressLibrary.hypothetical());
  }

  /** How many stresses. */
  public int size() {
    return scenarios.size();
  }

  /** The worst loss of an account, USD, ≥ 0 (0 when no stress loses). */
  public double of(Account account, MarketSnapshot market) {
    return worst(pnl(account, market));
  }

  /** The account's P&L in each stress, USD, in the order of the stresses. */
  public double[] pnl(Account account, MarketSnapshot market) {
    List<StressResult> results = StressTest.run(account, market, scenarios, HaircutSchedule.standard());
    double[] out = new double[results.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = results.get(i).pnlUsd();
    }
    return out;
  }

  /** The worst loss of a P&L profile, USD, ≥ 0. */
  public static double worst(double[] pnl) {
    double worst = 0;
    for (double v : pnl) {
      worst = Math.min(worst, v);
    }
    return -worst;
  }

  /**
   * Whether a step from one profile to another is allowed: in every stress the P&L after is at least the smaller of
   * the P&L before and zero (a profit may shrink to nothing, a loss may not appear or grow), to a tolerance of
   * {@code tolerance} × (1 + |before|) USD.
   */
  public static boolean allows(double[] before, double[] after, double tolerance) {
    for (int i = 0; i < before.length; i++) {
      if (after[i] < Math.min(before[i], 0) - tolerance * (1 + Math.abs(before[i]))) {
        return false;
      }
    }
    return true;
  }
}
