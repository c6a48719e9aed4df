package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GarchForecasterTest {

  private static final GarchParameters TRUE = new GarchParameters(0.0016 * 0.04, 0.05, 0.1, 0.86);

  @ParameterizedTest
  @ValueSource(ints = {300, 341, 420, 599})
  void aForecastAtTIsUnchangedWhenEveryReturnFromTOnIsAltered(int t) {
    double[] r = Sim.garchPath(TRUE, 600, 11);
    GarchForecaster f = new GarchForecaster(GarchFit.Variant.GJR, false, 250, 40);
    VolForecast base = f.forecast(r);
    double[] altered = r.clone();
    for (int j = t; j < altered.length; j++) {
      altered[j] = -3 * altered[j] + 0.05; // a crash after t
    }
    VolForecast other = f.forecast(altered);
    assertThat(Arrays.copyOf(other.variance(), t + 1)).containsExactly(Arrays.copyOf(base.variance(), t + 1));
    // and the alteration does show after t
    assertThat(other.variance()[t + 1]).isNotEqualTo(base.variance()[t + 1]);
  }

  @Test
  void refitsOnTheScheduleAndCarriesTheRecursionBetween() {
    double[] r = Sim.garchPath(TRUE, 600, 12);
    VolForecast v = new GarchForecaster(GarchFit.Variant.GARCH, true, 250, 100).forecast(r);
    assertThat(v.refits()).isEqualTo(4); // at 250, 350, 450, 550
    assertThat(v.first()).isEqualTo(250);
    assertThat(v.variance()).hasSize(601);
    assertThat(v.name()).isEqualTo("garch-vt");
    // between refits: sigma2_{t+1} = next(r_t, sigma2_t) with the parameters of the refit at 350
    GarchParameters p = GarchFit.fit(Arrays.copyOf(r, 350), GarchFit.Variant.GARCH, true,
        GarchFit.fit(Arrays.copyOf(r, 250), GarchFit.Variant.GARCH, true).parameters()).parameters();
    for (int t = 351; t < 450; t++) {
      assertThat(v.variance()[t]).isCloseTo(p.next(r[t - 1], v.variance()[t - 1]),
          org.assertj.core.api.Assertions.within(1e-15));
    }
  }

  @Test
  void tooShortAHistoryNamesTheField() {
    assertThatThrownBy(() -> new GarchForecaster(GarchFit.Variant.GARCH, false, 250, 20).forecast(new double[250]))
        .hasMessageContaining("returns");
    assertThatThrownBy(() -> new GarchForecaster(GarchFit.Variant.GARCH, false, 50, 20))
        .hasMessageContaining("min_fit");
    assertThatThrownBy(() -> new GarchForecaster(GarchFit.Variant.GARCH, false, 250, 0))
        .hasMessageContaining("refit_every");
  }
}
