package org.pmargin.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/** Sample mean, variance, covariance and correlation against hand computations and their defining properties. */
class SampleEstimatorsTest {

  @Test
  void shouldComputeMeanVarianceAndVolByHand() {
    double[] x = {1, 2, 3, 4};
    // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; / (n − 1) = 5/3
    assertThat(SampleEstimators.mean(x)).isEqualTo(2.5);
    assertThat(SampleEstimators.variance(x)).isCloseTo(5.0 / 3, within(1e-15));
    assertThat(SampleEstimators.volatility(x)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    assertThat(SampleEstimators.variance(x, 2)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void shouldComputeCovarianceAndCorrelationByHand() {
    double[][] r = {{1, 2, 3, 4}, {2, 4, 6, 8}, {4, 3, 2, 1}};
    double[][] c = SampleEstimators.covariance(r);
    assertThat(c[0][1]).isCloseTo(10.0 / 3, within(1e-14));
    assertThat(c[1][1]).isCloseTo(20.0 / 3, within(1e-14));
    double[][] rho = SampleEstimators.correlation(r);
    assertThat(rho[0][1]).isCloseTo(1, within(1e-15));
    assertThat(rho[0][2]).isCloseTo(-1, within(1e-15));
    assertThat(rho[2][2]).isEqualTo(1);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2025})
  void shouldGiveSymmetricCorrelationsWithinUnitBounds(long seed) {
    System.out.println("SampleEstimatorsTest seed " + seed);
    double[][] r = TestData.correlatedReturns(seed, 4, 500, 0.02);
    double[][] cov = SampleEstimators.covariance(r);
    double[][] rho = SampleEstimators.correlation(r);
    for (int i = 0; i < 4; i++) {
      assertThat(cov[i][i]).isCloseTo(SampleEstimators.variance(r[i]), within(1e-18));
      assertThat(rho[i][i]).isEqualTo(1);
      for (int j = 0; j < 4; j++) {
        assertThat(rho[i][j]).isEqualTo(rho[j][i]).isBetween(-1.0, 1.0);
      }
    }
    // common-factor construction gives correlation 0.36
    assertThat(rho[0][1]).isCloseTo(0.36, within(0.15));
  }

  @Test
  void shouldRejectBadInputNamingTheField() {
    assertThatThrownBy(() -> SampleEstimators.variance(new double[] {1}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("returns");
    assertThatThrownBy(() -> SampleEstimators.mean(new double[] {1, Double.NaN}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("returns[1]");
    assertThatThrownBy(() -> SampleEstimators.covariance(new double[][] {{1, 2, 3}, {1, 2}}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("returns[1]");
    assertThatThrownBy(() -> SampleEstimators.correlation(new double[][] {{1, 1, 1}, {1, 2, 3}}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("zero variance");
  }
}
