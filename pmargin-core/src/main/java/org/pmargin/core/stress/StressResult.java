package org.pmargin.core.stress;

import java.util.List;
import java.util.Map;

/**
 * An account's P&L in one stress scenario, in USD, and what each exposure contributed.
 *
 * @param scenario  the scenario
 * @param pnlUsd  the account's P&L (negative: a loss)
 * @param byExposure  P&L per position symbol or {@code balance:ASSET}, in the account's order
 * @param equityAfterUsd  the account's equity after the stress (haircut balances plus positions, re-valued)
 */
public record StressResult(StressScenario scenario, double pnlUsd, Map<String, Double> byExposure,
    double equityAfterUsd) {

  /** The exposures that lost the most, worst first, at most {@code count}. */
  public List<Map.Entry<String, Double>> largestLosses(int count) {
    return byExposure.entrySet().stream().filter(e -> e.getValue() < 0)
        .sorted(Map.Entry.comparingByValue()).limit(count).toList();
  }
}
