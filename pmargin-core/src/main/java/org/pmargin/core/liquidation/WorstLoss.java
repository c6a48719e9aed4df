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
 * The account's worst loss over a fixed set of stresses (by default the hypothetical library: each coin ± large
 * moves with vol shocks, depegs, correlated crashes), USD, ≥ 0. The planner's second guard beside the margin: a
 * step must lower neither, so that it cannot trade a smaller margin for a fatter tail the model does not see.
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

  /** The worst loss of an account, USD, ≥ 0 (0 when no stress loses). */
  public double of(Account account, MarketSnapshot market) {
    double worst = 0;
    for (StressResult r : StressTest.run(account, market, scenarios, HaircutSchedule.standard())) {
      worst = Math.min(worst, r.pnlUsd());
    }
    return -worst;
  }
}
