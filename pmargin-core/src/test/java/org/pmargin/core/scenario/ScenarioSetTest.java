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
