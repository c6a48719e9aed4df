package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/**
 * Checks every analytic Greek of Black-76 and Black-Scholes (delta, gamma, vega, theta, vanna, volga) against central
 * finite differences of the price, over seeded random cases.
 */
class GreeksFiniteDifferenceTest {

  private static final long SEED = 0x5EED_6EE4L;
  private static final int CASES = 300;

  /** Relative tolerance of analytic vs finite difference; steps are chosen so the FD error is far below it. */
  private static final double REL_TOL = 1e-5;
  /** Absolute floor, as a fraction of each Greek's natural scale (see {@link Case}), for Greeks near zero. */
  private static final double ABS_TOL = 1e-7;

  /** Relative bump of the underlying, as a fraction of σ√T (the natural scale of log-moves). */
  private static final double UNDERLYING_BUMP = 1e-3;
  /** Relative bump of the vol. */
  private static final double VOL_BUMP = 1e-3;
  /** Relative bump of the expiry. */
  private static final double EXPIRY_BUMP = 1e-4;

  /**
   * One random case; x is the forward (Black-76) or the spot (Black-Scholes).
   *
   * @param seed  the generator seed
   * @param index  the case number in the stream
   */
  record Case(long seed, int index, OptionType type, double x, double strike, double expiry, double vol, double rate,
      double dividendYield) {
  }

  static Stream<Case> cases() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    return IntStream.range(0, CASES).mapToObj(i -> {
      double x = Math.exp(rng.nextDouble(Math.log(0.5), Math.log(100_000)));
      double moneyness = Math.exp(rng.nextDouble(Math.log(0.5), Math.log(2.0)));
      double expiry = Math.exp(rng.nextDouble(Math.log(1.0 / 365), Math.log(3.0)));
      double vol = Math.exp(rng.nextDouble(Math.log(0.05), Math.log(2.5)));
      double rate = rng.nextDouble(-0.02, 0.10);
      double q = rng.nextDouble(-0.05, 0.10);
      OptionType type = rng.nextBoolean() ? OptionType.CALL : OptionType.PUT;
      return new Case(SEED, i, type, x, x * moneyness, expiry, vol, rate, q);
    }).toList().stream();
  }

  /** A price as a function of the underlying, the expiry and the vol, everything else fixed. */
  @FunctionalInterface
  interface Pricer {
    double price(double x, double expiry, double vol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchFiniteDifferencesForBlack76(Case c) {
    OptionGreeks g = Black76.greeks(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate());
    Pricer p = (x, t, v) -> Black76.price(c.type(), x, c.strike(), t, v, c.rate());
    double discount = Math.exp(-c.rate() * c.expiry());
    checkAll(c, g, p, discount, c.rate(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchFiniteDifferencesForBlackScholes(Case c) {
    OptionGreeks g = BlackScholes.greeks(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate(),
        c.dividendYield());
    Pricer p = (x, t, v) -> BlackScholes.greeks(c.type(), x, c.strike(), t, v, c.rate(), c.dividendYield()).price();
    // the Greeks w.r.t. spot carry the dividend discount e^{-qT} where Black-76 has e^{-rT}
    double discount = Math.exp(-c.dividendYield() * c.expiry()) + Math.exp(-c.rate() * c.expiry());
    checkAll(c, g, p, discount, c.rate(), c.dividendYield());
  }

  private static void checkAll(Case c, OptionGreeks g, Pricer p, double discount, double rate, double q) {
    double x = c.x();
    double t = c.expiry();
    double v = c.vol();
    double sd = v * Math.sqrt(t);
    double h = x * sd * UNDERLYING_BUMP;
    double k = v * VOL_BUMP;
    double dt = t * EXPIRY_BUMP;

    double p0 = p.price(x, t, v);
    double pUp = p.price(x + h, t, v);
    double pDown = p.price(x - h, t, v);
    double fdDelta = (pUp - pDown) / (2 * h);
    double fdGamma = (pUp - 2 * p0 + pDown) / (h * h);
    double fdVega = (p.price(x, t, v + k) - p.price(x, t, v - k)) / (2 * k);
    double fdVolga = (p.price(x, t, v + k) - 2 * p0 + p.price(x, t, v - k)) / (k * k);
    double fdTheta = -(p.price(x, t + dt, v) - p.price(x, t - dt, v)) / (2 * dt);
    double fdVanna = (p.price(x + h, t, v + k) - p.price(x + h, t, v - k) - p.price(x - h, t, v + k)
        + p.price(x - h, t, v - k)) / (4 * h * k);

    // natural scales of each Greek (upper bounds of their magnitude up to O(1) factors)
    double deltaScale = discount;
    double gammaScale = discount / (x * sd);
    double vegaScale = discount * x * Math.sqrt(t);
    double thetaScale = discount * x * (v / Math.sqrt(t) + Math.abs(rate) + Math.abs(q));
    double vannaScale = discount / v;
    double volgaScale = discount * x * Math.sqrt(t) * (1 + sd * sd) / v;

    assertThat(g.price()).as("price").isEqualTo(p0);
    check("delta", g.delta(), fdDelta, deltaScale);
    check("gamma", g.gamma(), fdGamma, gammaScale);
    check("vega", g.vega(), fdVega, vegaScale);
    check("theta", g.theta(), fdTheta, thetaScale);
    check("vanna", g.vanna(), fdVanna, vannaScale);
    check("volga", g.volga(), fdVolga, volgaScale);
  }

  private static void check(String greek, double analytic, double fd, double scale) {
    assertThat(analytic).as("%s is finite", greek).isFinite();
    double error = Math.abs(analytic - fd);
    assertThat(error).as("%s: analytic %s vs finite difference %s (scale %s)", greek, analytic, fd, scale)
        .isLessThanOrEqualTo(REL_TOL * Math.abs(analytic) + ABS_TOL * scale);
  }
}
