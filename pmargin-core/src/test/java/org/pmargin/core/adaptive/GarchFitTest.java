package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

class GarchFitTest {

  /** A crypto-like daily GARCH: long-run vol 4%/day, persistence 0.97. */
  private static final GarchParameters TRUE_GARCH = GarchParameters.garch(0.0016 * 0.03, 0.1, 0.87);
  private static final GarchParameters TRUE_GJR = new GarchParameters(0.0016 * 0.03, 0.04, 0.12, 0.87);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void recoversGarchParametersFromALongSimulatedPath(long seed) {
    double[] r = Sim.garchPath(TRUE_GARCH, 6000, seed);
    GarchFit fit = GarchFit.fit(r, GarchFit.Variant.GARCH, false);
    GarchParameters p = fit.parameters();
    assertThat(p.gamma()).isZero();
    assertThat(p.alpha()).isCloseTo(0.1, within(0.025));
    assertThat(p.beta()).isCloseTo(0.87, within(0.03));
    assertThat(p.persistence()).isCloseTo(0.97, within(0.012));
    assertThat(Math.sqrt(p.longRunVariance())).isCloseTo(0.04, within(0.006));
    // a maximum: at least the likelihood of the true parameters
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(Garch.logLikelihood(TRUE_GARCH, r,
        fit.sampleVariance()));
    assertThat(fit.observations()).isEqualTo(6000);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void recoversTheAsymmetryOfAGjrPath(long seed) {
    double[] r = Sim.garchPath(TRUE_GJR, 6000, seed);
    GarchParameters p = GarchFit.fit(r, GarchFit.Variant.GJR, false).parameters();
    assertThat(p.gamma()).isCloseTo(0.12, within(0.045));
    assertThat(p.alpha()).isCloseTo(0.04, within(0.03));
    assertThat(p.beta()).isCloseTo(0.87, within(0.03));
    // plain GARCH on the same path finds no asymmetry but a comparable persistence
    GarchParameters g = GarchFit.fit(r, GarchFit.Variant.GARCH, false).parameters();
    assertThat(g.persistence()).isCloseTo(p.persistence(), within(0.03));
  }

  @Test
  void varianceTargetingFixesTheLongRunVarianceAtTheSampleVariance() {
    double[] r = Sim.garchPath(TRUE_GARCH, 3000, 7);
    GarchFit fit = GarchFit.fit(r, GarchFit.Variant.GJR, true);
    double s2 = Arrays.stream(r).map(x -> x * x).sum() / r.length;
    assertThat(fit.sampleVariance()).isCloseTo(s2, within(1e-15));
    assertThat(fit.parameters().longRunVariance()).isCloseTo(s2, within(s2 * 1e-9));
    assertThat(fit.parameters().persistence()).isLessThan(GarchFit.MAX_PERSISTENCE + 1e-12);
  }

  @Test
  void aWarmStartFindsTheSameOptimum() {
    double[] r = Sim.garchPath(TRUE_GARCH, 3000, 8);
    GarchFit cold = GarchFit.fit(r, GarchFit.Variant.GARCH, false);
    GarchFit warm = GarchFit.fit(r, GarchFit.Variant.GARCH, false, TRUE_GARCH);
    assertThat(warm.logLikelihood()).isCloseTo(cold.logLikelihood(), within(1e-3));
    assertThat(warm.parameters().persistence()).isCloseTo(cold.parameters().persistence(), within(2e-3));
  }

  @Test
  void badInputNamesTheField() {
    double[] r = Sim.garchPath(TRUE_GARCH, 200, 9);
    r[17] = Double.NaN;
    assertThatThrownBy(() -> GarchFit.fit(r, GarchFit.Variant.GARCH, false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("returns[17]");
    assertThatThrownBy(() -> GarchFit.fit(new double[99], GarchFit.Variant.GARCH, false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("returns")
        .hasMessageContaining("at least 100");
    assertThatThrownBy(() -> GarchFit.fit(new double[150], GarchFit.Variant.GJR, true))
        .hasMessageContaining("all zero");
    assertThatThrownBy(() -> GarchFit.fit(Sim.garchPath(TRUE_GARCH, 200, 9), null, true))
        .hasMessageContaining("variant");
  }
}
