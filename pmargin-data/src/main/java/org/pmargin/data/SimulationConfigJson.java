package org.pmargin.data;

import java.util.Set;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code simulation} section of a risk-parameter file: the defaults of {@link SimulationConfig#standard()}
 * with any field replaced.
 */
public final class SimulationConfigJson {

  private static final Set<String> FIELDS = Set.of("confidence", "var_confidence", "view", "im_factor", "mm_factor",
      "scenarios", "horizon_days", "ewma_lambda", "student_t_degrees", "monte_carlo_scenarios", "seed", "add_ons",
      "stress_weight", "impact_coefficient", "volume_days", "mpor_days", "funding_hours");

  private SimulationConfigJson() {
  }

  /** Reads the section. */
  public static SimulationConfig read(Fields f, HaircutSchedule haircuts) {
    f.onlyKnown(FIELDS);
    SimulationConfig d = SimulationConfig.standard();
    SimulationParameters m = d.margin();
    MarginView view = MarginViewJson.read(f, m.view());
    boolean addOns = d.addOns();
    if (f.has("add_ons")) {
      JsonNode b = f.node().get("add_ons");
      if (!b.isBoolean()) {
        throw new InvalidInputException(f.pathOf("add_ons"), "must be true or false, got " + b);
      }
      addOns = b.asBoolean();
    }
    java.util.Map<String, Integer> mpor = new java.util.LinkedHashMap<>(d.mporDays());
    if (f.has("mpor_days")) {
      Fields m2 = f.object("mpor_days");
      for (String cls : m2.node().propertyNames()) {
        long days = m2.integer(cls);
        if (days < 1 || days > 250) {
          throw new InvalidInputException(m2.pathOf(cls), "must be in [1, 250], got " + days);
        }
        mpor.put(cls, (int) days);
      }
    }
    try {
      long horizon = f.integer("horizon_days", d.horizonDays());
      // The funding provision's horizon is the margin period of risk unless the file sets it.
      SimulationParameters margin = new SimulationParameters(f.number("confidence", m.confidence()),
          f.number("var_confidence", m.varConfidence()), view, f.number("im_factor", m.imFactor()),
          f.number("mm_factor", m.mmFactor()), haircuts, f.number("funding_hours", 24.0 * horizon));
      return new SimulationConfig(margin, f.text("scenarios", d.scenarios()), (int) horizon, f.number("ewma_lambda", d.ewmaLambda()),
          f.number("student_t_degrees", d.studentTDegrees()),
          (int) f.integer("monte_carlo_scenarios", d.monteCarloScenarios()), f.integer("seed", d.seed()), addOns,
          f.number("stress_weight", d.stressWeight()), f.number("impact_coefficient", d.impactCoefficient()),
          (int) f.integer("volume_days", d.volumeDays()), mpor);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
    }
  }
}
