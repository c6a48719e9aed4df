package org.pmargin.core.margin.simulation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.validation.Checks;

/**
 * What simulation margin adds to the Expected Shortfall in a unified account:
 * IM = max(ES, stressWeight × worst stress loss, ES over the anti-procyclical floor scenarios) + liquidity add-on.
 *
 * <ul>
 *   <li><b>Stress</b>: the worst loss over the stress scenarios (hypothetical and crash windows), weighted.</li>
 *   <li><b>Anti-procyclicality</b> (EMIR Art. 28's "stressed look-back" option): the ES over a long plain-historical
 *       scenario set that keeps the crashes in view, as a floor, so margin does not collapse in calm markets
 *       (filtered scenarios follow today's low vol) and jump in a crash.</li>
 *   <li><b>Liquidity / concentration</b>: the square-root market-impact cost of closing each coin's net cash delta
 *       E against its average daily USD volume V: k·σ_daily·|E|·√(|E|/V), so a position that is large against its
 *       market pays more per dollar.</li>
 * </ul>
 *
 * @param stresses  the stress scenarios (empty for none)
 * @param stressWeight  the weight of the worst stress loss, in [0, 1]
 * @param floorScenarios  the anti-procyclical floor's scenario set, or null for none
 * @param averageDailyVolumeUsd  average daily volume per coin, USD
 * @param dailyVol  daily log-return vol per coin
 * @param impactCoefficient  k of the square-root law (≈ 1 in the empirical literature)
 */
public record SimulationAddOns(List<StressScenario> stresses, double stressWeight, ScenarioSet floorScenarios,
    Map<Asset, Double> averageDailyVolumeUsd, Map<Asset, Double> dailyVol, double impactCoefficient) {

  /** Validates and copies. */
  public SimulationAddOns {
    stresses = List.copyOf(Checks.notNull(stresses, "stresses"));
    Checks.inRange(stressWeight, 0, 1, "stress_weight");
    averageDailyVolumeUsd = copy(averageDailyVolumeUsd, "average_daily_volume_usd");
    dailyVol = copy(dailyVol, "daily_vol");
    Checks.nonNegative(impactCoefficient, "impact_coefficient");
  }

  private static Map<Asset, Double> copy(Map<Asset, Double> m, String field) {
    Checks.notNull(m, field);
    for (Map.Entry<Asset, Double> e : m.entrySet()) {
      Checks.positive(Checks.notNull(e.getValue(), field + "." + e.getKey()), field + "." + e.getKey());
    }
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }
}
