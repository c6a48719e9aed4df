package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/** Checks Gatheral's raw SVI smile: the total variance formula and the rejection of invalid or arbitrageable smiles. */
class SviSmileTest {

  // An equity-like skew: a = 0.04, b = 0.4, rho = -0.4, m = 0.1, sigma = 0.2. Its minimum total variance is
  // a + b·sigma·sqrt(1 - rho²) = 0.1133 and Gatheral's g(k) stays above 0.2 on [-3, 3] (checked by hand in python).
  private static final double A = 0.04;
  private static final double B = 0.4;
  private static final double RHO = -0.4;
  private static final double M = 0.1;
  private static final double SIGMA = 0.2;
  private static final SviSmile SMILE = new SviSmile(A, B, RHO, M, SIGMA);

  // Gatheral & Jacquier, "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14(1), 2014, Example 3.1
  // (due to Axel Vogt): raw SVI a = -0.0410, b = 0.1331, rho = 0.3060, m = 0.3586, sigma = 0.4153 has a positive
  // minimum variance and satisfies Lee's bound, yet its density g(k) is negative (about -0.033 near k = 0.88):
  // butterfly arbitrage.
  private static final double VOGT_A = -0.0410;
  private static final double VOGT_B = 0.1331;
  private static final double VOGT_RHO = 0.3060;
  private static final double VOGT_M = 0.3586;
  private static final double VOGT_SIGMA = 0.4153;

  @Test
  void shouldEvaluateTheRawSviFormula() {
    // at k = m: w = a + b·sigma = 0.04 + 0.4·0.2
    assertThat(SMILE.totalVariance(M, 1.0)).isCloseTo(0.12, within(1e-15));
    // k - m = 0.15: sqrt(0.15² + 0.2²) = 0.25, so w = 0.04 + 0.4·(-0.4·0.15 + 0.25) = 0.04 + 0.4·0.19 = 0.116
    assertThat(SMILE.totalVariance(M + 0.15, 1.0)).isCloseTo(0.116, within(1e-15));
    // k - m = -0.15: w = 0.04 + 0.4·(0.06 + 0.25) = 0.164
    assertThat(SMILE.totalVariance(M - 0.15, 1.0)).isCloseTo(0.164, within(1e-15));
    // k - m = 0.375: sqrt(0.140625 + 0.04) = 0.425, w = 0.04 + 0.4·(-0.15 + 0.425) = 0.15
    assertThat(SMILE.totalVariance(M + 0.375, 1.0)).isCloseTo(0.15, within(1e-15));
  }

  @Test
  void shouldIgnoreTheExpiryBecauseSviIsQuotedInTotalVariance() {
    for (double t : new double[] {0.01, 1, 5}) {
      assertThat(SMILE.totalVariance(-0.5, t)).isEqualTo(SMILE.totalVariance(-0.5, 1.0));
    }
  }

  @Test
  void shouldHaveWingSlopesBTimesOnePlusOrMinusRho() {
    // w'(+inf) = b(1 + rho) = 0.24, w'(-inf) = -b(1 - rho) = -0.56
    assertThat(SMILE.totalVariance(1001, 1) - SMILE.totalVariance(1000, 1)).isCloseTo(B * (1 + RHO), within(1e-6));
    assertThat(SMILE.totalVariance(-1001, 1) - SMILE.totalVariance(-1000, 1))
        .isCloseTo(B * (1 - RHO), within(1e-6));
  }

  @Test
  void shouldRejectANegativeB() {
    assertField(() -> new SviSmile(A, -0.01, RHO, M, SIGMA), "b");
    assertField(() -> new SviSmile(A, Double.NaN, RHO, M, SIGMA), "b");
  }

  @ParameterizedTest(name = "rho = {0}")
  @ValueSource(doubles = {1.0, -1.0, 1.5, -2.0, Double.NaN})
  void shouldRejectRhoOutsideTheOpenUnitInterval(double rho) {
    assertField(() -> new SviSmile(A, B, rho, M, SIGMA), "rho");
  }

  @Test
  void shouldNameOtherNonFiniteParameters() {
    assertField(() -> new SviSmile(Double.NaN, B, RHO, M, SIGMA), "a");
    assertField(() -> new SviSmile(A, B, RHO, Double.POSITIVE_INFINITY, SIGMA), "m");
    assertField(() -> new SviSmile(A, B, RHO, M, 0.0), "sigma");
    assertField(() -> new SviSmile(A, B, RHO, M, -0.1), "sigma");
  }

  @Test
  void shouldRejectANegativeMinimumVariance() {
    // a + b·sigma·sqrt(1 - rho²) = -0.1 + 0.4·0.2·sqrt(0.84) = -0.0267 < 0
    assertField(() -> new SviSmile(-0.1, B, RHO, M, SIGMA), "a");
  }

  @Test
  void shouldRejectWingsSteeperThanLeesMomentBound() {
    // b(1 + |rho|) = 1.5·1.5 = 2.25 > 2 (Lee 2004: the total variance grows at most like 2|k|)
    assertField(() -> new SviSmile(0.5, 1.5, 0.5, 0.0, 0.1), "b");
    assertThatThrownBy(() -> new SviSmile(0.5, 1.5, -0.5, 0.0, 0.1)).hasMessageContaining("Lee");
  }

  @Test
  void shouldRejectVogtsButterflyArbitrageExample() {
    assertThatThrownBy(() -> new SviSmile(VOGT_A, VOGT_B, VOGT_RHO, VOGT_M, VOGT_SIGMA))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("svi"))
        .hasMessageContaining("butterfly");
  }

  @Test
  void shouldAcceptAFlatSmileAsSviWithZeroB() {
    SviSmile flat = new SviSmile(0.09, 0.0, 0.0, 0.0, 0.1);
    for (double k = -2; k <= 2; k += 0.5) {
      assertThat(flat.totalVariance(k, 1)).isEqualTo(0.09);
    }
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
