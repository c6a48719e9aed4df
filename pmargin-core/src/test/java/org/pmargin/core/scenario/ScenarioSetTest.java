package org.pmargin.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.validation.InvalidInputException;

/** Scenario sets: validation, and the margin-period-of-risk stretch of less liquid assets. */
class ScenarioSetTest {

  private static final Asset SOL = Asset.of("SOL");

  @Test
  void shouldStretchAnAltsShocksBySquareRootOfItsLongerPeriod() {
    ScenarioSet set = new ScenarioSet("s", List.of(Asset.BTC, SOL), new double[][] {{0.1, -0.2}, {-0.05, 0.3}},
        new double[][] {{0.01, 0.02}, {0, 0}}, null);
    SimulationConfig c = SimulationConfig.standard();
    // Defaults: majors 1 day, alts 2 days over a 1-day horizon: SOL × √2, BTC × 1.
    assertThat(c.mporScale("majors")).isEqualTo(1.0);
    assertThat(c.mporScale("alts")).isCloseTo(Math.sqrt(2), within(1e-15));
    assertThat(c.mporScale("illiquid")).isCloseTo(Math.sqrt(5), within(1e-15));
    ScenarioSet scaled = set.scaled(Map.of(SOL, Math.sqrt(2)), "scaled");
    assertThat(scaled.logReturn(0, 0)).isEqualTo(0.1);
    assertThat(scaled.logReturn(0, 1)).isCloseTo(-0.2 * Math.sqrt(2), within(1e-15));
    assertThat(scaled.volLogChange(0, 1)).isCloseTo(0.02 * Math.sqrt(2), within(1e-15));
    assertThat(scaled.size()).isEqualTo(2);
  }

  @Test
  void shouldLetAClassPeriodOverrideAShorterHorizonOnlyAndDropItWhenUniform() {
    SimulationConfig c = SimulationConfig.standard();
    // horizon 1: alts over their 2 days, illiquid over 5, majors and stablecoins over 1
    assertThat(c.horizonDays("alts")).isEqualTo(2);
    assertThat(c.horizonDays("illiquid")).isEqualTo(5);
    assertThat(c.horizonDays("majors")).isEqualTo(1);
    // horizon 3: the class period never shortens it (alts 3, illiquid still 5)
    SimulationConfig three = c.with("filtered", 3, true);
    assertThat(three.horizonDays("alts")).isEqualTo(3);
    assertThat(three.horizonDays("illiquid")).isEqualTo(5);
    assertThat(three.mporScale("illiquid")).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    // --horizon-all-classes: every class over the horizon, no stretch
    SimulationConfig uniform = c.withUniformHorizon();
    assertThat(uniform.mporDays()).isEmpty();
    assertThat(uniform.horizonDays("alts")).isEqualTo(1);
    assertThat(uniform.mporScale("illiquid")).isEqualTo(1.0);
    assertThat(uniform.horizonDays()).isEqualTo(c.horizonDays());
  }

  @Test
  void shouldNameBadShocks() {
    assertThatThrownBy(() -> new ScenarioSet("s", List.of(Asset.BTC), new double[][] {{Double.NaN}}, null, null))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("log_returns[0][0]"));
    assertThatThrownBy(() -> new ScenarioSet("s", List.of(Asset.BTC, Asset.BTC), new double[][] {{0, 0}}, null,
        null)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("factors"));
    assertThatThrownBy(() -> new ScenarioSet("s", List.of(Asset.BTC), new double[][] {{0, 1}}, null, null))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("log_returns[0]"));
  }
}
