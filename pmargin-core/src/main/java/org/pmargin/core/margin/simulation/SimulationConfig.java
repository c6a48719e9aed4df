package org.pmargin.core.margin.simulation;

import java.util.Locale;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Everything the simulation model is configured by in a risk-parameter file: the margin parameters, how scenarios are
 * generated from history, and the add-ons' settings.
 *
 * @param margin  confidence, view and IM/MM factors
 * @param scenarios  {@code historical}, {@code filtered} or {@code monte-carlo}
 * @param horizonDays  the margin period of risk in days, ≥ 1
 * @param ewmaLambda  the EWMA decay of filtering and Monte Carlo vols, in (0, 1)
 * @param studentTDegrees  Monte Carlo's Student-t degrees of freedom, &gt; 2
 * @param monteCarloScenarios  the number of Monte Carlo scenarios, ≥ 100
 * @param seed  the Monte Carlo seed
 * @param addOns  whether to charge the stress, floor and liquidity add-ons
 * @param stressWeight  the weight of the worst stress loss, in [0, 1]
 * @param impactCoefficient  k of the square-root liquidity cost, ≥ 0
 * @param volumeDays  days of volume averaged for the liquidity cost, ≥ 1
 * @param mporDays  the margin period of risk of each collateral class (by class name: stablecoins, majors, alts,
 *     illiquid); an asset's shocks are stretched by √(its class's MPOR / horizonDays), so less liquid assets are
 *     margined over the longer time it takes to close them
 */
public record SimulationConfig(SimulationParameters margin, String scenarios, int horizonDays, double ewmaLambda,
    double studentTDegrees, int monteCarloScenarios, long seed, boolean addOns, double stressWeight,
    double impactCoefficient, int volumeDays, java.util.Map<String, Integer> mporDays) {

  /**
   * The scenario kinds: plain and EWMA-filtered historical, the adaptive presets filtered by a GARCH or GJR fit
   * (docs/ADAPTIVE.md; {@code core.adaptive.GarchFilteredScenarios}), and Monte Carlo.
   */
  public static final java.util.List<String> KINDS = java.util.List.of("historical", "filtered", "filtered-garch",
      "filtered-gjr", "monte-carlo");

  /** Validates the fields. */
  public SimulationConfig {
    Checks.notNull(margin, "margin");
    Checks.notNull(scenarios, "scenarios");
    scenarios = scenarios.toLowerCase(Locale.ROOT);
    if (!KINDS.contains(scenarios)) {
      throw new InvalidInputException("scenarios", "must be historical, filtered, filtered-garch, filtered-gjr or "
          + "monte-carlo, got '" + scenarios + "'");
    }
    Checks.require(horizonDays >= 1 && horizonDays <= 250, "horizon_days", "must be in [1, 250], got " + horizonDays);
    Checks.require(ewmaLambda > 0 && ewmaLambda < 1, "ewma_lambda", "must be in (0, 1), got " + ewmaLambda);
    Checks.require(studentTDegrees > 2 && Double.isFinite(studentTDegrees), "student_t_degrees",
        "must be a finite number > 2, got " + studentTDegrees);
    Checks.require(monteCarloScenarios >= 100 && monteCarloScenarios <= 1_000_000, "monte_carlo_scenarios",
        "must be in [100, 1000000], got " + monteCarloScenarios);
    Checks.inRange(stressWeight, 0, 1, "stress_weight");
    Checks.nonNegative(impactCoefficient, "impact_coefficient");
    Checks.require(volumeDays >= 1, "volume_days", "must be at least 1, got " + volumeDays);
    Checks.notNull(mporDays, "mpor_days");
    for (java.util.Map.Entry<String, Integer> e : mporDays.entrySet()) {
      Integer d = Checks.notNull(e.getValue(), "mpor_days." + e.getKey());
      Checks.require(d >= 1 && d <= 250, "mpor_days." + e.getKey(), "must be in [1, 250], got " + d);
    }
    mporDays = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(mporDays));
  }

  /**
   * The scale of an asset's shocks for its class's margin period of risk: √(MPOR / horizonDays), at least 1 (a class
   * is never margined over a shorter period than the set's horizon).
   */
  public double mporScale(String className) {
    return Math.sqrt(horizonDays(className) / (double) horizonDays);
  }

  /**
   * The margin period of risk a class is margined over: its own {@code mpor_days}, but never less than
   * {@code horizonDays} (so the class period overrides a shorter horizon, never a longer one).
   */
  public int horizonDays(String className) {
    return Math.max(mporDays.getOrDefault(className, horizonDays), horizonDays);
  }

  /**
   * The same settings with no class margin periods of risk: every class is margined over {@code horizonDays}
   * (the command line's {@code --horizon-all-classes}).
   */
  public SimulationConfig withUniformHorizon() {
    return new SimulationConfig(margin, scenarios, horizonDays, ewmaLambda, studentTDegrees, monteCarloScenarios,
        seed, addOns, stressWeight, impactCoefficient, volumeDays, java.util.Map.of());
  }

  /** The same settings with another collateral schedule. */
  public SimulationConfig withHaircuts(org.pmargin.core.collateral.HaircutSchedule schedule) {
    return new SimulationConfig(margin.withHaircuts(schedule), scenarios, horizonDays, ewmaLambda, studentTDegrees,
        monteCarloScenarios, seed, addOns, stressWeight, impactCoefficient, volumeDays, mporDays);
  }

  /**
   * The same settings with the scenario kind and horizon replaced (command-line overrides). A funding horizon equal to
   * the margin period of risk (24 × horizonDays hours, the default) follows the new horizon; any other is kept.
   */
  public SimulationConfig with(String newScenarios, int newHorizonDays, boolean newAddOns) {
    SimulationParameters m = margin.fundingHours() == 24.0 * horizonDays && newHorizonDays >= 1
        && newHorizonDays <= 250 ? margin.withFundingHours(24.0 * newHorizonDays) : margin;
    return new SimulationConfig(m, newScenarios, newHorizonDays, ewmaLambda, studentTDegrees,
        monteCarloScenarios, seed, newAddOns, stressWeight, impactCoefficient, volumeDays, mporDays);
  }

  /**
   * The defaults: ES 97.5% unified, filtered historical over 1 day, λ 0.94, t(5), 10,000 scenarios, add-ons on;
   * margin periods of risk of 1 day for stablecoins and majors, 2 days for listed alts and 5 days for everything
   * else (our choice: the days a liquidator selling 10–25% of a day's volume needs, from the volumes in the data).
   */
  public static SimulationConfig standard() {
    return new SimulationConfig(SimulationParameters.standard(), "filtered", 1, 0.94, 5, 10_000, 20240617L, true, 0.5,
        1.0, 30, java.util.Map.of("stablecoins", 1, "majors", 1, "alts", 2, "illiquid", 5));
  }
}
