package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the strike-grid smile: linear interpolation of total variance in log-moneyness, flat wing vols, static
 * arbitrage rejection and validation.
 */
class StrikeSmileTest {

  private static final double FORWARD = 100.0;
  private static final double EXPIRY = 0.5;
  private static final double[] STRIKES = {80, 90, 100, 110, 120};
  private static final double[] VOLS = {0.30, 0.27, 0.25, 0.24, 0.245};
  /**
   * VOLS with a spike at 100: undiscounted Black call slopes between strikes become -0.81, -0.34, -0.67, -0.18
   * (hand-checked in python), so the call price is not convex at strike 100: a butterfly 90/100/110 has a negative
   * price.
   */
  private static final double[] SPIKE = {0.30, 0.27, 0.35, 0.24, 0.245};
  /** VOLS with a 90% vol at 120: the call at 120 is worth more than the call at 110 (slope +1.54). */
  private static final double[] CALL_SPREAD = {0.30, 0.27, 0.25, 0.24, 0.90};

  private static final StrikeSmile SMILE = StrikeSmile.of(FORWARD, EXPIRY, STRIKES, VOLS);

  @Test
  void shouldStoreLogMoneyness() {
    double[] k = SMILE.logMoneyness();
    for (int i = 0; i < STRIKES.length; i++) {
      assertThat(k[i]).isCloseTo(Math.log(STRIKES[i] / FORWARD), within(1e-15));
    }
    assertThat(SMILE.vols()).containsExactly(VOLS);
  }

  @Test
  void shouldReturnTheQuotedVolsAtTheQuotedStrikes() {
    for (int i = 0; i < STRIKES.length; i++) {
      double k = Math.log(STRIKES[i] / FORWARD);
      assertThat(SMILE.totalVariance(k, EXPIRY)).isCloseTo(VOLS[i] * VOLS[i] * EXPIRY, within(1e-15));
    }
  }

  @Test
  void shouldInterpolateTotalVarianceLinearlyInLogMoneyness() {
    double k1 = Math.log(0.9);
    double k2 = 0.0;
    // midpoint: the average of the two total variances, 0.5·(0.27² + 0.25²)·0.5
    assertThat(SMILE.totalVariance(0.5 * (k1 + k2), EXPIRY))
        .isCloseTo(0.5 * (0.0729 + 0.0625) * EXPIRY, within(1e-15));
    // a quarter of the way from k(100) = 0 to k(110) = ln 1.1: 0.75·0.25² + 0.25·0.24²
    assertThat(SMILE.totalVariance(0.25 * Math.log(1.1), EXPIRY))
        .isCloseTo((0.75 * 0.0625 + 0.25 * 0.0576) * EXPIRY, within(1e-15));
    // total variance is in proportion to the expiry the smile is asked about
    assertThat(SMILE.totalVariance(0.25 * Math.log(1.1), 2.0))
        .isCloseTo((0.75 * 0.0625 + 0.25 * 0.0576) * 2.0, within(1e-15));
  }

  @Test
  void shouldHoldTheWingVolsFlat() {
    for (double k : new double[] {Math.log(0.8), -0.5, -3, -50}) {
      assertThat(SMILE.totalVariance(k, EXPIRY)).isCloseTo(0.09 * EXPIRY, within(1e-15));
    }
    for (double k : new double[] {Math.log(1.2), 0.5, 3, 50}) {
      assertThat(SMILE.totalVariance(k, EXPIRY)).isCloseTo(0.245 * 0.245 * EXPIRY, within(1e-15));
    }
  }

  @Test
  void shouldAcceptASingleQuote() {
    StrikeSmile one = StrikeSmile.of(FORWARD, EXPIRY, new double[] {100}, new double[] {0.6});
    assertThat(one.totalVariance(-1, 2.0)).isCloseTo(0.72, within(1e-15));
    assertThat(one.totalVariance(1, 2.0)).isCloseTo(0.72, within(1e-15));
  }

  @Test
  void shouldRejectAVolSpikeAsButterflyArbitrage() {
    assertThatThrownBy(() -> StrikeSmile.of(FORWARD, EXPIRY, STRIKES, SPIKE))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vols[2]"))
        .hasMessageContaining("butterfly");
  }

  @Test
  void shouldRejectACallSpreadArbitrage() {
    assertThatThrownBy(() -> StrikeSmile.of(FORWARD, EXPIRY, STRIKES, CALL_SPREAD))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vols[4]"))
        .hasMessageContaining("call-spread");
  }

  /**
   * The Smile contract ("validated for static arbitrage on construction") holds for the canonical constructor too,
   * when the smile is built directly from log-moneyness.
   */
  @Test
  void shouldRejectButterflyArbitrageInTheCanonicalConstructorToo() {
    double[] k = new double[STRIKES.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = Math.log(STRIKES[i] / FORWARD);
    }
    // total variance at 100 is 0.35² = 0.1225 against 0.0729 and 0.0576 at its neighbours: the same spike as
    // SPIKE, which is a butterfly arbitrage for any expiry up to several years
    double[] spiked = {0.30, 0.27, 0.35, 0.24, 0.245};
    assertThatThrownBy(() -> new StrikeSmile(EXPIRY, k, spiked))
        .as("new StrikeSmile(T, k, vols) with a vol spike at k = 0")
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void shouldNameEachBadField() {
    assertField(() -> StrikeSmile.of(0.0, EXPIRY, STRIKES, VOLS), "forward");
    assertField(() -> StrikeSmile.of(Double.NaN, EXPIRY, STRIKES, VOLS), "forward");
    assertField(() -> StrikeSmile.of(FORWARD, 0.0, STRIKES, VOLS), "expiry_years");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, null, VOLS), "strikes");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, STRIKES, null), "vols");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {80, -90}, new double[] {0.3, 0.3}),
        "strikes[1]");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {90, 90}, new double[] {0.3, 0.3}),
        "strikes[1]");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {100, 90}, new double[] {0.3, 0.3}),
        "strikes[1]");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {90, 100}, new double[] {0.3}), "vols");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {}, new double[] {}), "vols");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {90, 100}, new double[] {0.3, Double.NaN}),
        "vols[1]");
    assertField(() -> StrikeSmile.of(FORWARD, EXPIRY, new double[] {90, 100}, new double[] {0.0, 0.3}),
        "vols[0]");
    assertField(() -> new StrikeSmile(1.0, new double[] {Double.NaN}, new double[] {0.3}), "strikes[0]");
  }

  @Test
  void shouldCopyItsArrays() {
    double[] k = {-0.1, 0.0, 0.1};
    double[] v = {0.5, 0.5, 0.5};
    StrikeSmile s = new StrikeSmile(1.0, k, v);
    k[1] = 5;
    v[1] = 5;
    s.vols()[0] = 9;
    assertThat(s.totalVariance(0.0, 1.0)).isEqualTo(0.25);
    assertThat(s.vols()).containsExactly(0.5, 0.5, 0.5);
    assertThat(s).isEqualTo(new StrikeSmile(1.0, new double[] {-0.1, 0.0, 0.1}, new double[] {0.5, 0.5, 0.5}))
        .hasSameHashCodeAs(new StrikeSmile(1.0, new double[] {-0.1, 0.0, 0.1}, new double[] {0.5, 0.5, 0.5}));
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
