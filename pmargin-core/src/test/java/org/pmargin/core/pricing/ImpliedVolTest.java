package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.InvalidInputException;

/** Checks the Black-76 implied vol: round trips, a textbook value, Strata's solver, and rejection of bad prices. */
class ImpliedVolTest {

  private static final long SEED = 1_000_003L;
  private static final int CASES = 300;

  /** The vol is recovered to this absolute accuracy whenever the price determines it that well. */
  private static final double VOL_TOL = 1e-8;
  /** Strata's Newton solver stops at 1e-7 in vol (BlackFormulaRepository.ROOT_ACCURACY). */
  private static final double STRATA_VOL_TOL = 1e-6;

  // Hull, Options, Futures, and Other Derivatives (9th ed.), Section 15.11 "Implied volatilities": a European call
  // on a non-dividend-paying stock, S0 = 21, K = 20, r = 0.1, T = 0.25, c = 1.875 has an implied vol of 0.235
  // (23.5% per annum; printed to 3 decimals, tolerance half a unit of the 3rd).
  private static final double HULL_SPOT = 21.0;
  private static final double HULL_STRIKE = 20.0;
  private static final double HULL_RATE = 0.10;
  private static final double HULL_EXPIRY = 0.25;
  private static final double HULL_PRICE = 1.875;
  private static final double HULL_VOL = 0.235;

  private static final double F = 100.0;
  private static final double K = 110.0;
  private static final double T = 0.5;
  private static final double R = 0.03;

  /**
   * One random case.
   *
   * @param seed  the generator seed
   * @param index  the case number
   */
  record Case(long seed, int index, OptionType type, double forward, double strike, double expiry, double vol,
      double rate) {

    double scale() {
      return Math.max(forward, strike);
    }
  }

  static Stream<Case> cases() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    return IntStream.range(0, CASES).mapToObj(i -> {
      double f = Math.exp(rng.nextDouble(Math.log(0.1), Math.log(200_000)));
      double moneyness = Math.exp(rng.nextDouble(Math.log(0.5), Math.log(2.0)));
      double expiry = Math.exp(rng.nextDouble(Math.log(1.0 / 365), Math.log(3.0)));
      double vol = Math.exp(rng.nextDouble(Math.log(0.05), Math.log(3.0)));
      double rate = rng.nextDouble(-0.02, 0.10);
      OptionType type = rng.nextBoolean() ? OptionType.CALL : OptionType.PUT;
      return new Case(SEED, i, type, f, f * moneyness, expiry, vol, rate);
    }).toList().stream();
  }

  /**
   * Whether the price pins the vol to {@link #VOL_TOL}: a vol error of 1e-9 must move the price by well over the
   * price's own rounding error. That error is about 1e-12 relative for an out-of-the-money price (Normal.cdf is
   * accurate to 1e-15 relative in the tails, and F·N(d1) - K·N(d2) cancels a few digits) plus, for an
   * in-the-money option, a few ulps of the intrinsic value it carries.
   */
  static boolean wellConditioned(Case c) {
    OptionGreeks g = Black76.greeks(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), c.rate());
    double d = Math.exp(-c.rate() * c.expiry());
    double intrinsic = d * Math.max(c.type().sign() * (c.forward() - c.strike()), 0);
    double noise = 1e-12 * g.price() + (intrinsic > 0 ? 1e-15 * c.scale() : 0);
    return g.price() > 1e-280 && g.vega() * 1e-9 > 10 * noise && g.price() - intrinsic > 1e3 * noise;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldRecoverTheVolOrAtLeastThePrice(Case c) {
    double price = Black76.price(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), c.rate());
    if (wellConditioned(c)) {
      double implied = ImpliedVol.black76(c.type(), price, c.forward(), c.strike(), c.expiry(), c.rate());
      assertThat(implied).isCloseTo(c.vol(), within(VOL_TOL));
      return;
    }
    // ill-conditioned: the price barely depends on the vol; any vol returned must reprice, or the price is
    // rejected as indistinguishable from its bounds
    try {
      double implied = ImpliedVol.black76(c.type(), price, c.forward(), c.strike(), c.expiry(), c.rate());
      double repriced = Black76.price(c.type(), c.forward(), c.strike(), c.expiry(), implied, c.rate());
      assertThat(repriced).isCloseTo(price, within(1e-12 * c.scale()));
    } catch (InvalidInputException e) {
      assertThat(e.field()).isEqualTo("price");
    }
  }

  @Test
  void shouldHaveMostlyWellConditionedCases() {
    // guards the round trip against silently testing only the weak branch; the rest are deep out-of-the-money
    // short-dated low-vol options whose price underflows, or deep in-the-money ones with no time value left
    assertThat(cases().filter(ImpliedVolTest::wellConditioned).count()).isGreaterThan(CASES * 2 / 3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldAgreeWithStrata(Case c) {
    double d = Math.exp(-c.rate() * c.expiry());
    // Strata's Newton solver needs a price it can resolve in absolute terms: compare where the price is above
    // 1e-12 of F (as in StrataComparisonTest)
    if (!wellConditioned(c) || Black76.price(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), c.rate())
        < 1e-12 * c.forward() * d) {
      return;
    }
    double price = Black76.price(c.type(), c.forward(), c.strike(), c.expiry(), c.vol(), c.rate());
    double ours = ImpliedVol.black76(c.type(), price, c.forward(), c.strike(), c.expiry(), c.rate());
    double strata = BlackFormulaRepository.impliedVolatility(price / d, c.forward(), c.strike(), c.expiry(),
        c.type().isCall());
    assertThat(ours).isCloseTo(strata, within(STRATA_VOL_TOL));
  }

  @Test
  void shouldReproduceHullsImpliedVolExample() {
    double forward = HULL_SPOT * Math.exp(HULL_RATE * HULL_EXPIRY);
    double implied = ImpliedVol.black76(OptionType.CALL, HULL_PRICE, forward, HULL_STRIKE, HULL_EXPIRY, HULL_RATE);
    assertThat(implied).isCloseTo(HULL_VOL, within(5e-4));
  }

  @Test
  void shouldRejectPricesAtOrBelowTheDiscountedIntrinsicValue() {
    double d = Math.exp(-R * T);
    double putIntrinsic = d * (K - F);
    for (double price : new double[] {putIntrinsic, putIntrinsic - 1e-9, Math.nextDown(putIntrinsic), 0.0}) {
      assertThatThrownBy(() -> ImpliedVol.black76(OptionType.PUT, price, F, K, T, R))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"))
          .hasMessageContaining("intrinsic");
    }
    // an out-of-the-money option has intrinsic value zero: a zero price has no implied vol
    assertThatThrownBy(() -> ImpliedVol.black76(OptionType.CALL, 0.0, F, K, T, R))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"));
  }

  @Test
  void shouldRejectPricesAtOrAboveTheUpperBound() {
    double d = Math.exp(-R * T);
    for (double price : new double[] {d * F, d * F + 1, 2 * F}) {
      assertThatThrownBy(() -> ImpliedVol.black76(OptionType.CALL, price, F, K, T, R))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"))
          .hasMessageContaining("upper bound");
    }
    for (double price : new double[] {d * K, d * K + 1e-6}) {
      assertThatThrownBy(() -> ImpliedVol.black76(OptionType.PUT, price, F, K, T, R))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"));
    }
  }

  @ParameterizedTest(name = "price {0}")
  @CsvSource({"NaN", "Infinity", "-Infinity", "-1.0", "-1e-300"})
  void shouldRejectNonFiniteOrNegativePrices(double price) {
    for (OptionType type : OptionType.values()) {
      assertThatThrownBy(() -> ImpliedVol.black76(type, price, F, K, T, R))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"));
    }
  }

  @Test
  void shouldRejectPricesImplyingAVolOutsideTheSearchRange() {
    // ATM, one day: a price of 99.99% of the discounted forward needs a vol far above MAX_VOL = 100
    double t = 1.0 / 365;
    double d = Math.exp(-R * t);
    assertThatThrownBy(() -> ImpliedVol.black76(OptionType.CALL, 0.9999 * d * F, F, F, t, R))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"))
        .hasMessageContaining("above");
    // ATM, one year: a price of 1e-10 of F needs a vol of about 2.5e-10, below MIN_VOL = 1e-6
    assertThatThrownBy(() -> ImpliedVol.black76(OptionType.CALL, 1e-10 * F, F, F, 1.0, R))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"))
        .hasMessageContaining("below");
  }

  @Test
  void shouldNameEveryOtherBadInput() {
    double price = 5.0;
    assertField(() -> ImpliedVol.black76(null, price, F, K, T, R), "type");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, 0.0, K, T, R), "forward");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, Double.NaN, K, T, R), "forward");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, F, -K, T, R), "strike");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, F, Double.POSITIVE_INFINITY, T, R), "strike");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, F, K, 0.0, R), "expiry_years");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, F, K, -1.0, R), "expiry_years");
    assertField(() -> ImpliedVol.black76(OptionType.CALL, price, F, K, T, Double.NaN), "rate");
  }

  private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
