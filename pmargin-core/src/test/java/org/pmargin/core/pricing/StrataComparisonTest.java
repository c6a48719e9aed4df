package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/**
 * Checks Black-76 price, delta, gamma, vega, vanna, volga and (driftless) theta against OpenGamma Strata's
 * independent implementation, BlackFormulaRepository, over seeded random cases.
 */
class StrataComparisonTest {

  private static final long SEED = 7_919L;
  private static final int CASES = 400;

  /** Both implementations are closed-form with accurate erfc; they should agree to far better than this. */
  private static final double REL_TOL = 1e-9;
  /** Absolute floor for results that underflow towards zero (e.g. gamma far from the money). */
  private static final double ABS_FLOOR = 1e-300;
  /** Cases whose undiscounted price is below this fraction of F are skipped: both sides lose relative digits. */
  private static final double MIN_PRICE_FRACTION = 1e-12;

  /**
   * One random case.
   *
   * @param seed  the generator seed
   * @param index  the case number (cases with tiny prices are skipped, so indices have gaps)
   */
  record Case(long seed, int index, OptionType type, double forward, double strike, double expiry, double vol,
      double rate) {
  }

  static Stream<Case> cases() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    List<Case> out = new ArrayList<>();
    for (int i = 0; out.size() < CASES; i++) {
      double f = Math.exp(rng.nextDouble(Math.log(0.1), Math.log(200_000)));
      double moneyness = Math.exp(rng.nextDouble(Math.log(0.5), Math.log(2.0)));
      double expiry = Math.exp(rng.nextDouble(Math.log(1.0 / 365), Math.log(3.0)));
      double vol = Math.exp(rng.nextDouble(Math.log(0.05), Math.log(2.5)));
      double rate = rng.nextDouble(-0.02, 0.10);
      OptionType type = rng.nextBoolean() ? OptionType.CALL : OptionType.PUT;
      double k = f * moneyness;
      if (BlackFormulaRepository.price(f, k, expiry, vol, type.isCall()) > MIN_PRICE_FRACTION * f) {
        out.add(new Case(SEED, i, type, f, k, expiry, vol, rate));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldAgreeWithStrataDiscounted(Case c) {
    boolean call = c.type().isCall();
    double d = Math.exp(-c.rate() * c.expiry());
    OptionGreeks g = Black76.greeks(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), c.rate());
    double f = c.forward();
    double k = c.strike();
    double t = c.expiry();
    double v = c.vol();
    close("price", g.price(), d * BlackFormulaRepository.price(f, k, t, v, call));
    close("price (Black76.price)", Black76.price(c.type(), f, k, t, v, c.rate()),
        d * BlackFormulaRepository.price(f, k, t, v, call));
    close("delta", g.delta(), d * BlackFormulaRepository.delta(f, k, t, v, call));
    close("gamma", g.gamma(), d * BlackFormulaRepository.gamma(f, k, t, v));
    close("vega", g.vega(), d * BlackFormulaRepository.vega(f, k, t, v));
    close("vanna", g.vanna(), d * BlackFormulaRepository.vanna(f, k, t, v));
    close("volga", g.volga(), d * BlackFormulaRepository.volga(f, k, t, v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchStrataDriftlessThetaAtZeroRate(Case c) {
    OptionGreeks g = Black76.greeks(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), 0.0);
    // Strata's driftlessTheta is -F φ(d1) σ / (2√T): -∂V/∂T of the undiscounted price, F fixed
    close("theta", g.theta(), BlackFormulaRepository.driftlessTheta(c.forward(), c.strike(), c.expiry(), c.vol()));
  }

  private static void close(String what, double ours, double strata) {
    assertThat(ours).as("%s is finite", what).isFinite();
    assertThat(Math.abs(ours - strata)).as("%s: ours %s, Strata %s", what, ours, strata)
        .isLessThanOrEqualTo(REL_TOL * Math.abs(strata) + ABS_FLOOR);
  }
}
