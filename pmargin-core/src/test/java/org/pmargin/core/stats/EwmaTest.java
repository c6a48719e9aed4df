package org.pmargin.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/** EWMA recursion against a hand computation, the no-look-ahead timing, and covariance consistency. */
class EwmaTest {

  @Test
  void shouldFollowTheRecursionByHand() {
    Ewma ewma = new Ewma(0.9, 2);
    double[] r = {0.01, -0.03, 0.02};
    // seed: sample variance of {0.01, −0.03}: mean −0.01, deviations ±0.02, (0.0004 + 0.0004)/1 = 0.0008
    // v1 = 0.9·0.0008 + 0.1·0.0001 = 0.00073; v2 = 0.9·0.00073 + 0.1·0.0009 = 0.000747;
    // v3 = 0.9·0.000747 + 0.1·0.0004 = 0.0007123
    double[] v = ewma.variances(r);
    assertThat(v).hasSize(4);
    assertThat(v[0]).isCloseTo(0.0008, within(1e-15));
    assertThat(v[1]).isCloseTo(0.00073, within(1e-15));
    assertThat(v[2]).isCloseTo(0.000747, within(1e-15));
    assertThat(v[3]).isCloseTo(0.0007123, within(1e-15));
    assertThat(ewma.volatility(r)).isCloseTo(Math.sqrt(0.0007123), within(1e-15));
  }

  @Test
  void shouldNotLookAhead() {
    // changing return t must leave forecasts 0..t unchanged (beyond the seed window)
    double[] r = TestData.correlatedReturns(7, 1, 100, 0.02)[0];
    double[] v1 = Ewma.riskMetrics().volatilities(r);
    r[60] = 0.5;
    double[] v2 = Ewma.riskMetrics().volatilities(r);
    for (int t = 0; t <= 60; t++) {
      assertThat(v2[t]).isEqualTo(v1[t]);
    }
    assertThat(v2[61]).isGreaterThan(v1[61]);
  }

  @Test
  void shouldTrackARegimeChange() {
    double[] r = new double[400];
    for (int t = 0; t < 400; t++) {
      r[t] = (t % 2 == 0 ? 1 : -1) * (t < 200 ? 0.01 : 0.04);
    }
    double[] vol = Ewma.riskMetrics().volatilities(r);
    assertThat(vol[199]).isCloseTo(0.01, within(1e-6));
    assertThat(vol[400]).isCloseTo(0.04, within(1e-6));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 5, 11, 99})
  void shouldAgreeBetweenCovarianceDiagonalAndVariance(long seed) {
    System.out.println("EwmaTest seed " + seed);
    double[][] r = TestData.correlatedReturns(seed, 3, 300, 0.03);
    Ewma ewma = new Ewma(0.97, 30);
    double[][] c = ewma.covariance(r);
    double[][] rho = ewma.correlation(r);
    for (int i = 0; i < 3; i++) {
      double[] v = ewma.variances(r[i]);
      assertThat(c[i][i]).isCloseTo(v[v.length - 1], within(1e-18));
      assertThat(rho[i][i]).isEqualTo(1);
      for (int j = 0; j < 3; j++) {
        assertThat(c[i][j]).isEqualTo(c[j][i]);
        assertThat(rho[i][j]).isBetween(-1.0, 1.0);
      }
    }
  }

  @Test
  void shouldRejectBadParameters() {
    assertThatThrownBy(() -> new Ewma(1.0, 20)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("lambda");
    assertThatThrownBy(() -> new Ewma(Double.NaN, 20)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("lambda");
    assertThatThrownBy(() -> new Ewma(0.94, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("seed_observations");
    assertThatThrownBy(() -> Ewma.riskMetrics().variances(new double[5])).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("returns");
  }
}
