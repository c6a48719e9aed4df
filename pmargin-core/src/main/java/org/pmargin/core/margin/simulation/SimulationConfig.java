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
 */
public record SimulationConfig(SimulationParameters margin, String scenarios, int horizonDays, double ewmaLambda,
    double studentTDegrees, int monteCarloScenarios, long seed, boolean addOns, double stressWeight,
    double impactCoefficient, int volumeDays) {

  /** Validates the fields. */
  public SimulationConfig {
    Checks.notNull(margin, "margin");
    Checks.notNull(scenarios, "scenarios");
    scenarios = scenarios.toLowerCase(Locale.ROOT);
    if (!scenarios.equals("historical") && !scenarios.equals("filtered") && !scenarios.equals("monte-carlo")) {
      throw new InvalidInputException("scenarios", "must be historical, filtered or monte-carlo, got '" + scenarios
          + "'");
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
  }

  /** The same settings with another collateral schedule. */
  public SimulationConfig withHaircuts(org.pmargin.core.collateral.HaircutSchedule schedule) {
    return new SimulationConfig(margin.withHaircuts(schedule), scenarios, horizonDays, ewmaLambda, studentTDegrees,
        monteCarloScenarios, seed, addOns, stressWeight, impactCoefficient, volumeDays);
  }

  /** The same settings with the scenario kind and horizon replaced (command-line overrides). */
  public SimulationConfig with(String newScenarios, int newHorizonDays, boolean newAddOns) {
    return new SimulationConfig(margin, newScenarios, newHorizonDays, ewmaLambda, studentTDegrees,
        monteCarloScenarios, seed, newAddOns, stressWeight, impactCoefficient, volumeDays);
  }

  /** The defaults: ES 97.5% unified, filtered historical over 1 day, λ 0.94, t(5), 10,000 scenarios, add-ons on. */
  public static SimulationConfig standard() {
    return new SimulationConfig(SimulationParameters.standard(), "filtered", 1, 0.94, 5, 10_000, 20240617L, true, 0.5,
        1.0, 30);
  }
}
