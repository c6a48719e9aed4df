package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.market.ForwardCurve.ForwardPoint;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the forward curve: log-linear interpolation of F/S in time, the index at or before the valuation time,
 * flat carry beyond the last quote, scaling, and validation.
 */
class ForwardCurveTest {

  private static final Instant AS_OF = Instant.parse("2024-01-01T08:00:00Z");
  private static final double SPOT = 100.0;
  /** 73 days = 0.2 years and 365 days = 1 year under ACT/365 Fixed. */
  private static final Instant T_02 = AS_OF.plus(Duration.ofDays(73));
  private static final Instant T_1 = AS_OF.plus(Duration.ofDays(365));
  private static final double F_02 = 102.0;
  private static final double F_1 = 110.0;
  private static final ForwardCurve CURVE =
      new ForwardCurve(AS_OF, SPOT, List.of(new ForwardPoint(T_1, F_1), new ForwardPoint(T_02, F_02)));

  private static final double REL = 1e-13;

  @Test
  void shouldReturnTheQuotesAtTheirExpiries() {
    assertThat(CURVE.forward(T_02)).isCloseTo(F_02, within(REL * F_02));
    assertThat(CURVE.forward(T_1)).isCloseTo(F_1, within(REL * F_1));
    assertThat(CURVE.forward(0.2)).isCloseTo(F_02, within(REL * F_02));
    assertThat(CURVE.forward(1.0)).isCloseTo(F_1, within(REL * F_1));
  }

  @Test
  void shouldInterpolateLogLinearlyFromTheIndexToTheFirstQuote() {
    // t = 0.1 is half way from (0, ln 1) to (0.2, ln 1.02): F = 100·1.02^(1/2)
    assertThat(CURVE.forward(0.1)).isCloseTo(100 * Math.sqrt(1.02), within(REL * SPOT));
    // t = 0.05 is a quarter of the way: F = 100·1.02^(1/4)
    assertThat(CURVE.forward(0.05)).isCloseTo(100 * Math.pow(1.02, 0.25), within(REL * SPOT));
  }

  @Test
  void shouldInterpolateLogLinearlyBetweenQuotes() {
    // t = 0.6 is half way between 0.2 and 1.0: F = 100·sqrt(1.02·1.10) (geometric mean of the quotes)
    assertThat(CURVE.forward(0.6)).isCloseTo(Math.sqrt(F_02 * F_1), within(REL * SPOT));
    // t = 0.8: three quarters of the way: F = 102^(1/4)·110^(3/4)
    assertThat(CURVE.forward(0.8)).isCloseTo(Math.pow(F_02, 0.25) * Math.pow(F_1, 0.75), within(REL * SPOT));
    assertThat(CURVE.forward(AS_OF.plus(Duration.ofDays(219)))).isCloseTo(Math.sqrt(F_02 * F_1),
        within(REL * SPOT));
  }

  @Test
  void shouldHoldTheLastCarryRateFlatBeyondTheLastQuote() {
    // ln(F/S) grows in proportion to t at the last quote's rate ln(1.1) per year
    assertThat(CURVE.forward(2.0)).isCloseTo(121.0, within(REL * 121));
    assertThat(CURVE.forward(3.0)).isCloseTo(133.1, within(REL * 133.1));
    assertThat(CURVE.forward(1.5)).isCloseTo(100 * Math.pow(1.1, 1.5), within(REL * SPOT));
  }

  @Test
  void shouldGiveTheIndexAtOrBeforeTheValuationTime() {
    assertThat(CURVE.forward(0.0)).isEqualTo(SPOT);
    assertThat(CURVE.forward(-1.0)).isEqualTo(SPOT);
    assertThat(CURVE.forward(AS_OF)).isEqualTo(SPOT);
    assertThat(CURVE.forward(AS_OF.minus(Duration.ofDays(3)))).isEqualTo(SPOT);
  }

  @Test
  void shouldBeFlatWithoutQuotes() {
    ForwardCurve flat = ForwardCurve.flat(AS_OF, SPOT);
    assertThat(flat.points()).isEmpty();
    for (double t : new double[] {0.001, 0.5, 1, 10}) {
      assertThat(flat.forward(t)).isEqualTo(SPOT);
    }
  }

  @Test
  void shouldScaleTheIndexAndEveryQuote() {
    ForwardCurve scaled = CURVE.scaled(1.5);
    assertThat(scaled.spot()).isEqualTo(150.0);
    assertThat(scaled.asOf()).isEqualTo(AS_OF);
    for (double t : new double[] {0.0, 0.1, 0.2, 0.6, 1.0, 2.5}) {
      assertThat(scaled.forward(t)).isCloseTo(1.5 * CURVE.forward(t), within(REL * 150));
    }
    assertField(() -> CURVE.scaled(0.0), "factor");
    assertField(() -> CURVE.scaled(Double.NaN), "factor");
  }

  @Test
  void shouldSortThePoints() {
    assertThat(CURVE.points()).extracting(ForwardPoint::expiry).containsExactly(T_02, T_1);
  }

  @Test
  void shouldNameEachBadField() {
    assertField(() -> new ForwardCurve(null, SPOT, List.of()), "as_of");
    assertField(() -> new ForwardCurve(AS_OF, 0.0, List.of()), "index");
    assertField(() -> new ForwardCurve(AS_OF, Double.NaN, List.of()), "index");
    assertField(() -> new ForwardCurve(AS_OF, SPOT, null), "forwards");
    assertField(() -> new ForwardCurve(AS_OF, SPOT, List.of(new ForwardPoint(AS_OF, 100))), "forwards[0].expiry");
    assertField(() -> new ForwardCurve(AS_OF, SPOT,
        List.of(new ForwardPoint(T_1, 100), new ForwardPoint(AS_OF.minusSeconds(1), 100))), "forwards[0].expiry");
    assertField(() -> new ForwardCurve(AS_OF, SPOT,
        List.of(new ForwardPoint(T_1, 100), new ForwardPoint(T_1, 101))), "forwards[1].expiry");
    assertField(() -> new ForwardPoint(T_1, Double.NaN), "price");
    assertField(() -> new ForwardPoint(T_1, -5), "price");
    assertField(() -> new ForwardPoint(null, 100), "expiry");
    assertField(() -> new ForwardCurve(AS_OF, SPOT, Arrays.asList((ForwardPoint) null)), "forwards[0]");
  }

  /**
   * A null entry in a list of quotes is bad input like any other and must be named ("forwards[i]"), as it is for
   * a one-element list.
   */
  @Test
  void shouldNameANullQuoteAmongOthers() {
    List<ForwardPoint> points = new ArrayList<>();
    points.add(new ForwardPoint(T_1, F_1));
    points.add(null);
    assertThatThrownBy(() -> new ForwardCurve(AS_OF, SPOT, points))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).startsWith("forwards["));
  }

  record CurveCase(long seed, int index, double spot, double[] times, double[] forwards, double t) {

    @Override
    public String toString() {
      return "CurveCase[seed=" + seed + ", index=" + index + ", spot=" + spot + ", times=" + Arrays.toString(times)
          + ", forwards=" + Arrays.toString(forwards) + ", t=" + t + "]";
    }
  }

  static Stream<CurveCase> curves() {
    long seed = 31_337L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 250).mapToObj(i -> {
      int n = 1 + rng.nextInt(5);
      double spot = Math.exp(rng.nextDouble(Math.log(0.1), Math.log(100_000)));
      double[] times = new double[n];
      double[] fwds = new double[n];
      int day = 0;
      for (int j = 0; j < n; j++) {
        day += 1 + rng.nextInt(200);
        times[j] = day / 365.0;
        fwds[j] = spot * Math.exp(rng.nextDouble(-0.3, 0.3) * times[j]);
      }
      double t = rng.nextDouble(-0.1, 1.5 * times[n - 1]);
      return new CurveCase(seed, i, spot, times, fwds, t);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curves")
  void shouldMatchPiecewiseLinearLogBasisComputedIndependently(CurveCase c) {
    List<ForwardPoint> points = new ArrayList<>();
    for (int j = 0; j < c.times().length; j++) {
      points.add(new ForwardPoint(AS_OF.plus(Duration.ofDays(Math.round(c.times()[j] * 365))), c.forwards()[j]));
    }
    ForwardCurve curve = new ForwardCurve(AS_OF, c.spot(), points);
    // reference: linear interpolation of y = ln(F/S) through (0, 0), (t_i, y_i), extrapolated through the origin
    // beyond the last node with the last node's slope y_n/t_n
    double[] ts = c.times();
    double[] ys = Arrays.stream(c.forwards()).map(f -> Math.log(f / c.spot())).toArray();
    double t = c.t();
    double y;
    if (t <= 0) {
      y = 0;
    } else if (t > ts[ts.length - 1]) {
      y = ys[ys.length - 1] * t / ts[ts.length - 1];
    } else {
      double t0 = 0;
      double y0 = 0;
      int j = 0;
      while (t > ts[j]) {
        t0 = ts[j];
        y0 = ys[j];
        j++;
      }
      y = y0 + (ys[j] - y0) * (t - t0) / (ts[j] - t0);
    }
    assertThat(curve.forward(t)).isCloseTo(c.spot() * Math.exp(y), within(1e-12 * c.spot()));
    for (int j = 0; j < ts.length; j++) {
      assertThat(curve.forward(ts[j])).isCloseTo(c.forwards()[j], within(1e-12 * c.forwards()[j]));
    }
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
