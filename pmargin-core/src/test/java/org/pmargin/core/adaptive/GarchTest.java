package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

class GarchTest {

  private static final double[] R = {1, -2, 0.5};

  @Test
  void logLikelihoodOfAHandWorkedExample() {
    // sigma2: 1 (seed), 0.1 + 0.1*1 + 0.8*1 = 1.0, 0.1 + 0.1*4 + 0.8*1 = 1.3;
    // l = -1/2 [3 ln 2pi + (0 + 1) + (0 + 4) + (ln 1.3 + 0.25/1.3)], worked out separately
    assertThat(Garch.logLikelihood(GarchParameters.garch(0.1, 0.1, 0.8), R, 1)).isCloseTo(-5.48415157800161,
        within(1e-12));
    // GJR: the negative return adds gamma*4 to sigma2_2 = 2.1
    assertThat(Garch.logLikelihood(new GarchParameters(0.1, 0.1, 0.2, 0.6), R, 1)).isCloseTo(
        logLikelihood(new double[] {1, 0.1 + 0.1 + 0.6, 0.1 + 0.3 * 4 + 0.6 * 0.8}), within(1e-12));
    assertThat(Garch.logLikelihood(new GarchParameters(0.1, 0.1, 0.2, 0.59), R, 1)).isNotCloseTo(
        -5.6873080815025165, within(1e-3));
  }

  @Test
  void filterAndForecasts() {
    GarchParameters p = new GarchParameters(0.05, 0.1, 0.2, 0.7);
    double[] v = Garch.variances(p, R, 1);
    // 1; 0.05 + 0.1*1 + 0.7*1; 0.05 + (0.1 + 0.2)*4 + 0.7*0.85; 0.05 + 0.1*0.25 + 0.7*1.845
    assertThat(v).containsExactly(new double[] {1, 0.85, 1.845, 1.3665}, within(1e-14));
    // persistence 0.9, long-run 0.5: E[sigma2_{t+3}] = 0.5 + 0.81 * (2 - 0.5)
    assertThat(p.persistence()).isCloseTo(0.9, within(1e-15));
    assertThat(p.longRunVariance()).isCloseTo(0.5, within(1e-14));
    assertThat(Garch.forecast(p, 2, 3)).isCloseTo(1.715, within(1e-13));
    assertThat(Garch.horizonVariance(p, 2, 3)).isCloseTo(2 + 1.85 + 1.715, within(1e-13));
  }

  @Test
  void constraintsAreEnforced() {
    assertThatThrownBy(() -> GarchParameters.garch(0.1, 0.2, 0.8)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("persistence");
    assertThatThrownBy(() -> new GarchParameters(0.1, 0.1, 0.4, 0.71)).hasMessageContaining("persistence");
    assertThatThrownBy(() -> GarchParameters.garch(0, 0.1, 0.8)).hasMessageContaining("omega");
    assertThatThrownBy(() -> GarchParameters.garch(0.1, -0.01, 0.8)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new GarchParameters(0.1, 0.1, -0.1, 0.8)).hasMessageContaining("gamma");
    assertThatThrownBy(() -> GarchParameters.garch(0.1, 0.1, Double.NaN)).hasMessageContaining("beta");
  }

  @Test
  void badReturnsNameTheField() {
    assertThatThrownBy(() -> Garch.variances(GarchParameters.garch(0.1, 0.1, 0.8), new double[] {0.1, Double.NaN},
        1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("returns[1]");
    assertThatThrownBy(() -> Garch.logLikelihood(GarchParameters.garch(0.1, 0.1, 0.8), new double[0], 1))
        .hasMessageContaining("returns");
    assertThatThrownBy(() -> Garch.logLikelihood(GarchParameters.garch(0.1, 0.1, 0.8), R, 0))
        .hasMessageContaining("seed_variance");
  }

  private static double logLikelihood(double[] sigma2) {
    double s = 0;
    for (int t = 0; t < R.length; t++) {
      s += Math.log(2 * Math.PI) + Math.log(sigma2[t]) + R[t] * R[t] / sigma2[t];
    }
    return -0.5 * s;
  }
}
