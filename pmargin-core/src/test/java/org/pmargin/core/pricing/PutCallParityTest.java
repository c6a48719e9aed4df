package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/**
 * Checks model-free identities of Black-76 and Black-Scholes over seeded random cases: put-call parity, the
 * no-arbitrage price bounds, monotonicity in vol and strike, convexity in strike, and BSM = Black-76 on the forward.
 */
class PutCallParityTest {

  private static final long SEED = 42_2024L;
  private static final int CASES = 250;

  /** Parity and bounds hold to rounding: 1e-12 of max(F, K). */
  private static final double PARITY_TOL = 1e-12;

  /**
   * One random case; x is the forward (Black-76) or the spot (Black-Scholes).
   *
   * @param seed  the generator seed
   * @param index  the case number
   */
  record Case(long seed, int index, double x, double strike, double expiry, double vol, double rate,
      double dividendYield) {
  }

  static Stream<Case> cases() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    return IntStream.range(0, CASES).mapToObj(i -> {
      double x = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(1_000_000)));
      double moneyness = Math.exp(rng.nextDouble(Math.log(0.25), Math.log(4.0)));
      double expiry = Math.exp(rng.nextDouble(Math.log(1.0 / 365 / 24), Math.log(5.0)));
      double vol = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(4.0)));
      double rate = rng.nextDouble(-0.05, 0.20);
      double q = rng.nextDouble(-0.10, 0.20);
      return new Case(SEED, i, x, x * moneyness, expiry, vol, rate, q);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldSatisfyPutCallParityForBlack76(Case c) {
    double f = c.x();
    double k = c.strike();
    double call = Black76.price(OptionType.CALL, f, k, c.expiry(), c.vol(), c.rate());
    double put = Black76.price(OptionType.PUT, f, k, c.expiry(), c.vol(), c.rate());
    double discount = Math.exp(-c.rate() * c.expiry());
    assertThat(call - put).isCloseTo(discount * (f - k), within(PARITY_TOL * Math.max(f, k)));

    OptionGreeks gc = Black76.greeks(OptionType.CALL, f, k, c.expiry(), c.vol(), c.rate());
    OptionGreeks gp = Black76.greeks(OptionType.PUT, f, k, c.expiry(), c.vol(), c.rate());
    // differentiating parity: delta_C - delta_P = D, and gamma, vega, vanna, volga are equal for call and put
    assertThat(gc.delta() - gp.delta()).isCloseTo(discount, within(1e-15 + 1e-14 * discount));
    assertThat(gc.gamma()).isEqualTo(gp.gamma());
    assertThat(gc.vega()).isEqualTo(gp.vega());
    assertThat(gc.vanna()).isEqualTo(gp.vanna());
    assertThat(gc.volga()).isEqualTo(gp.volga());
    // theta: -d/dT [D (F - K)] = r D (F - K)
    assertThat(gc.theta() - gp.theta()).isCloseTo(c.rate() * discount * (f - k),
        within(PARITY_TOL * Math.max(f, k) * (Math.abs(c.rate()) + c.vol() / Math.sqrt(c.expiry()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldSatisfyPutCallParityForBlackScholes(Case c) {
    double s = c.x();
    double k = c.strike();
    OptionGreeks call = BlackScholes.greeks(OptionType.CALL, s, k, c.expiry(), c.vol(), c.rate(), c.dividendYield());
    OptionGreeks put = BlackScholes.greeks(OptionType.PUT, s, k, c.expiry(), c.vol(), c.rate(), c.dividendYield());
    double dq = Math.exp(-c.dividendYield() * c.expiry());
    double dr = Math.exp(-c.rate() * c.expiry());
    double scale = Math.max(s * dq, k * dr);
    assertThat(call.price() - put.price()).isCloseTo(s * dq - k * dr, within(PARITY_TOL * scale));
    assertThat(call.delta() - put.delta()).isCloseTo(dq, within(1e-15 + 1e-14 * dq));
    assertThat(call.gamma()).isEqualTo(put.gamma());
    assertThat(call.vega()).isEqualTo(put.vega());
    // theta: -d/dT [S e^{-qT} - K e^{-rT}] = q S e^{-qT} - r K e^{-rT}
    assertThat(call.theta() - put.theta()).isCloseTo(c.dividendYield() * s * dq - c.rate() * k * dr,
        within(PARITY_TOL * scale * (Math.abs(c.rate()) + Math.abs(c.dividendYield()) + c.vol()
            / Math.sqrt(c.expiry()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldPriceASpotOptionAsBlack76OnTheForward(Case c) {
    double forward = c.x() * Math.exp((c.rate() - c.dividendYield()) * c.expiry());
    assertThat(BlackScholes.forward(c.x(), c.expiry(), c.rate(), c.dividendYield()))
        .isCloseTo(forward, within(1e-15 * forward));
    double carry = forward / c.x();
    for (OptionType type : OptionType.values()) {
      OptionGreeks bs = BlackScholes.greeks(type, c.x(), c.strike(), c.expiry(), c.vol(), c.rate(),
          c.dividendYield());
      OptionGreeks b76 = Black76.greeks(type, forward, c.strike(), c.expiry(), c.vol(), c.rate());
      double scale = Math.max(forward, c.strike());
      assertThat(bs.price()).as("%s price", type).isCloseTo(b76.price(), within(PARITY_TOL * scale));
      // chain rule with dF/dS = e^{(r-q)T}
      assertThat(bs.delta()).as("%s delta", type).isCloseTo(b76.delta() * carry, within(1e-12));
      assertThat(bs.gamma()).as("%s gamma", type)
          .isCloseTo(b76.gamma() * carry * carry, within(1e-10 * b76.gamma() * carry * carry + 1e-300));
      assertThat(bs.vega()).as("%s vega", type).isCloseTo(b76.vega(), within(1e-10 * b76.vega() + 1e-300));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldStayWithinTheNoArbitrageBounds(Case c) {
    double f = c.x();
    double k = c.strike();
    double d = Math.exp(-c.rate() * c.expiry());
    double tol = PARITY_TOL * Math.max(f, k);
    double call = Black76.price(OptionType.CALL, f, k, c.expiry(), c.vol(), c.rate());
    double put = Black76.price(OptionType.PUT, f, k, c.expiry(), c.vol(), c.rate());
    assertThat(call).isBetween(Math.max(d * (f - k), 0) - tol, d * f + tol).isGreaterThanOrEqualTo(0);
    assertThat(put).isBetween(Math.max(d * (k - f), 0) - tol, d * k + tol).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldIncreaseWithVol(Case c) {
    double tol = PARITY_TOL * Math.max(c.x(), c.strike());
    for (OptionType type : OptionType.values()) {
      double prev = -1;
      double prevVega = 0;
      for (double m = 0.5; m <= 2.0; m += 0.25) {
        double vol = c.vol() * m;
        double price = Black76.price(type, c.x(), c.strike(), c.expiry(), vol, c.rate());
        // non-decreasing up to rounding where the price has saturated at a bound; strictly increasing wherever
        // the vega makes the step clearly visible
        assertThat(price).as("%s at vol %s", type, vol).isGreaterThanOrEqualTo(prev - tol);
        if (prevVega * 0.25 * c.vol() > 1e3 * tol) {
          assertThat(price).as("%s at vol %s, strictly", type, vol).isGreaterThan(prev);
        }
        prev = price;
        prevVega = Black76.greeks(type, c.x(), c.strike(), c.expiry(), vol, c.rate()).vega();
      }
      OptionGreeks g = Black76.greeks(type, c.x(), c.strike(), c.expiry(), c.vol(), c.rate());
      assertThat(g.vega()).isGreaterThanOrEqualTo(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldBeMonotoneAndConvexInStrike(Case c) {
    double f = c.x();
    double k = c.strike();
    double h = 0.01 * k;
    double tol = PARITY_TOL * Math.max(f, k);
    double[] calls = new double[3];
    double[] puts = new double[3];
    for (int i = 0; i < 3; i++) {
      calls[i] = Black76.price(OptionType.CALL, f, k + (i - 1) * h, c.expiry(), c.vol(), c.rate());
      puts[i] = Black76.price(OptionType.PUT, f, k + (i - 1) * h, c.expiry(), c.vol(), c.rate());
    }
    double d = Math.exp(-c.rate() * c.expiry());
    // calls fall and puts rise with the strike, by at most the discounted strike difference
    assertThat(calls[1]).isLessThanOrEqualTo(calls[0] + tol).isGreaterThanOrEqualTo(calls[0] - d * h - tol);
    assertThat(calls[2]).isLessThanOrEqualTo(calls[1] + tol).isGreaterThanOrEqualTo(calls[1] - d * h - tol);
    assertThat(puts[1]).isGreaterThanOrEqualTo(puts[0] - tol).isLessThanOrEqualTo(puts[0] + d * h + tol);
    assertThat(puts[2]).isGreaterThanOrEqualTo(puts[1] - tol).isLessThanOrEqualTo(puts[1] + d * h + tol);
    // butterflies are worth something
    assertThat(calls[0] - 2 * calls[1] + calls[2]).isGreaterThanOrEqualTo(-4 * tol);
    assertThat(puts[0] - 2 * puts[1] + puts[2]).isGreaterThanOrEqualTo(-4 * tol);
  }
}
