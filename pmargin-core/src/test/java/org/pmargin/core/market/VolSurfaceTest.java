package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.pmargin.core.market.VolSurface.Slice;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the vol surface: total variance linear in time between slices at fixed log-moneyness, flat vols outside the
 * quoted expiries, calendar-arbitrage rejection and validation.
 */
class VolSurfaceTest {

  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  /** 73 days = 0.2 y and 365 days = 1 y under ACT/365 Fixed. */
  private static final Instant T_02 = AS_OF.plus(Duration.ofDays(73));
  private static final Instant T_1 = AS_OF.plus(Duration.ofDays(365));
  private static final double VOL_02 = 0.80;
  private static final double VOL_1 = 0.60;
  private static final VolSurface FLAT_SLICES = new VolSurface(AS_OF,
      List.of(new Slice(T_1, new FlatSmile(VOL_1)), new Slice(T_02, new FlatSmile(VOL_02))));

  private static final double TOL = 1e-14;

  @Test
  void shouldReturnTheSliceVolsAtTheQuotedExpiries() {
    assertThat(FLAT_SLICES.vol(100, 100, 0.2)).isCloseTo(VOL_02, within(TOL));
    assertThat(FLAT_SLICES.vol(100, 100, 1.0)).isCloseTo(VOL_1, within(TOL));
    assertThat(FLAT_SLICES.slices()).extracting(Slice::expiry).containsExactly(T_02, T_1);
  }

  @Test
  void shouldInterpolateTotalVarianceLinearlyInTime() {
    // w(0.2) = 0.64·0.2 = 0.128, w(1) = 0.36; at t = 0.6 (half way) w = 0.244, vol = sqrt(0.244/0.6)
    assertThat(FLAT_SLICES.totalVariance(0.0, 0.6)).isCloseTo(0.244, within(TOL));
    assertThat(FLAT_SLICES.vol(90, 100, 0.6)).isCloseTo(Math.sqrt(0.244 / 0.6), within(TOL));
    // at t = 0.4 (a quarter of the way) w = 0.128 + 0.25·0.232 = 0.186
    assertThat(FLAT_SLICES.totalVariance(0.3, 0.4)).isCloseTo(0.186, within(TOL));
  }

  @Test
  void shouldHoldTheFirstVolFlatBeforeTheFirstExpiry() {
    for (double t : new double[] {1.0 / 365 / 24, 0.01, 0.1, 0.2}) {
      assertThat(FLAT_SLICES.vol(120, 100, t)).isCloseTo(VOL_02, within(TOL));
    }
  }

  @Test
  void shouldHoldTheLastVolFlatAfterTheLastExpiry() {
    for (double t : new double[] {1.0, 1.5, 3, 30}) {
      assertThat(FLAT_SLICES.vol(80, 100, t)).isCloseTo(VOL_1, within(TOL));
    }
  }

  @Test
  void shouldInterpolateSkewedSlicesAtFixedLogMoneyness() {
    SviSmile near = new SviSmile(0.02, 0.1, -0.3, 0.0, 0.1);
    SviSmile far = new SviSmile(0.08, 0.2, -0.3, 0.0, 0.2);
    VolSurface surface = new VolSurface(AS_OF, List.of(new Slice(T_02, near), new Slice(T_1, far)));
    for (double k : new double[] {-1.0, -0.2, 0.0, 0.35, 1.5}) {
      double w0 = 0.02 + 0.1 * (-0.3 * k + Math.sqrt(k * k + 0.01));
      double w1 = 0.08 + 0.2 * (-0.3 * k + Math.sqrt(k * k + 0.04));
      assertThat(surface.totalVariance(k, 0.2)).isCloseTo(w0, within(TOL));
      assertThat(surface.totalVariance(k, 1.0)).isCloseTo(w1, within(TOL));
      assertThat(surface.totalVariance(k, 0.6)).isCloseTo(0.5 * (w0 + w1), within(TOL));
      // flat vol in time at fixed k outside the quoted range
      assertThat(surface.totalVariance(k, 0.05)).isCloseTo(w0 * 0.25, within(TOL));
      assertThat(surface.totalVariance(k, 2.0)).isCloseTo(w1 * 2, within(TOL));
      // the vol reads k = ln(K/F)
      double forward = 250.0;
      double strike = forward * Math.exp(k);
      assertThat(surface.vol(strike, forward, 0.6)).isCloseTo(Math.sqrt(0.5 * (w0 + w1) / 0.6), within(1e-12));
    }
  }

  @Test
  void shouldBuildAFlatSurface() {
    VolSurface flat = VolSurface.flat(AS_OF, 0.55);
    for (double t : new double[] {0.01, 0.5, 1, 4}) {
      for (double strike : new double[] {10, 100, 1000}) {
        assertThat(flat.vol(strike, 100, t)).isCloseTo(0.55, within(TOL));
      }
    }
  }

  @Test
  void shouldRejectCalendarArbitrage() {
    // w(0.2) = 0.128 but w(1) = 0.1: total variance falls
    assertThatThrownBy(() -> new VolSurface(AS_OF,
        List.of(new Slice(T_02, new FlatSmile(0.8)), new Slice(T_1, new FlatSmile(0.316)))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expiries[1]"))
        .hasMessageContaining("calendar");
  }

  @Test
  void shouldRejectCalendarArbitrageInTheWingsOnly() {
    // ATM total variances 0.02 + 0.01 = 0.03 (near) < 0.03 + 0.01 = 0.04 (far), but the near smile's steeper wings
    // (b = 0.3 against 0.05) put its total variance above the far one's for |k| beyond about 0.1
    SviSmile near = new SviSmile(0.0, 0.3, 0.0, 0.0, 0.1);
    SviSmile far = new SviSmile(0.035, 0.05, 0.0, 0.0, 0.1);
    assertThat(near.totalVariance(0, 1)).isLessThan(far.totalVariance(0, 1));
    assertThat(near.totalVariance(1.5, 1)).isGreaterThan(far.totalVariance(1.5, 1));
    assertThatThrownBy(() -> new VolSurface(AS_OF, List.of(new Slice(T_02, near), new Slice(T_1, far))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expiries[1]"));
  }

  @Test
  void shouldNameEachBadField() {
    assertField(() -> new VolSurface(null, List.of(new Slice(T_1, new FlatSmile(0.5)))), "as_of");
    assertField(() -> new VolSurface(AS_OF, null), "expiries");
    assertField(() -> new VolSurface(AS_OF, List.of()), "expiries");
    assertField(() -> new VolSurface(AS_OF, List.of(new Slice(AS_OF, new FlatSmile(0.5)))), "expiries[0].expiry");
    assertField(() -> new VolSurface(AS_OF, List.of(new Slice(AS_OF.minusSeconds(60), new FlatSmile(0.5)))),
        "expiries[0].expiry");
    assertField(() -> new VolSurface(AS_OF,
        List.of(new Slice(T_1, new FlatSmile(0.5)), new Slice(T_1, new FlatSmile(0.6)))), "expiries[1].expiry");
    assertField(() -> new Slice(null, new FlatSmile(0.5)), "expiry");
    assertField(() -> new Slice(T_1, null), "smile");
    assertField(() -> new FlatSmile(0.0), "vol");
    assertField(() -> new FlatSmile(Double.NaN), "vol");
    assertField(() -> FLAT_SLICES.vol(0.0, 100, 0.5), "strike");
    assertField(() -> FLAT_SLICES.vol(100, Double.NaN, 0.5), "forward");
    assertField(() -> FLAT_SLICES.vol(100, 100, 0.0), "expiry_years");
    assertField(() -> FLAT_SLICES.vol(100, 100, Double.POSITIVE_INFINITY), "expiry_years");
  }

  /**
   * A null slice among others is bad input and must be named ("expiries[i]"), as it is for a one-slice list.
   */
  @Test
  void shouldNameANullSliceAmongOthers() {
    List<Slice> slices = new ArrayList<>();
    slices.add(new Slice(T_1, new FlatSmile(0.5)));
    slices.add(null);
    assertThatThrownBy(() -> new VolSurface(AS_OF, slices))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).startsWith("expiries["));
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
