package org.pmargin.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.pricing.BlackScholes;
import org.pmargin.core.pricing.ImpliedVol;
import org.pmargin.core.pricing.OptionGreeks;

/**
 * Checks that every pricing entry point rejects NaN, infinite, zero or negative inputs with an InvalidInputException
 * naming the argument, and that valid inputs over wide ranges never produce a NaN or an infinity.
 */
class BadInputTest {

  private static final double F = 100;
  private static final double K = 90;
  private static final double T = 0.5;
  private static final double VOL = 0.4;
  private static final double R = 0.01;
  private static final double Q = 0.02;

  private static final double[] NOT_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
  private static final double[] NOT_POSITIVE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
      -0.0, -1e-300, -1.0};

  /**
   * One bad argument.
   *
   * @param argument  the position of the argument: 0 forward/spot, 1 strike, 2 expiry, 3 vol, 4 rate, 5 dividend
   * @param value  the bad value
   */
  record BadArgument(int argument, double value) {

    double[] inputs() {
      double[] in = {F, K, T, VOL, R, Q};
      in[argument] = value;
      return in;
    }
  }

  static Stream<BadArgument> badArguments() {
    List<BadArgument> out = new ArrayList<>();
    for (int arg = 0; arg < 4; arg++) {
      for (double v : NOT_POSITIVE) {
        out.add(new BadArgument(arg, v));
      }
    }
    for (int arg = 4; arg < 6; arg++) {
      for (double v : NOT_FINITE) {
        out.add(new BadArgument(arg, v));
      }
    }
    return out.stream();
  }

  private static final String[] BLACK76_FIELDS = {"forward", "strike", "expiry_years", "vol", "rate", null};
  private static final String[] BSM_FIELDS = {"spot", "strike", "expiry_years", "vol", "rate", "dividend_yield"};

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void shouldNameTheBadArgumentOfBlack76(BadArgument bad) {
    double[] in = bad.inputs();
    String field = BLACK76_FIELDS[bad.argument()];
    if (field == null) {
      // Black-76 has no dividend yield: the same call with good inputs is fine and finite
      assertFinite(Black76.greeks(OptionType.PUT, in[0], in[1], in[2], in[3], in[4]));
      return;
    }
    for (OptionType type : OptionType.values()) {
      assertField(() -> Black76.greeks(type, in[0], in[1], in[2], in[3], in[4]), field);
      assertField(() -> Black76.price(type, in[0], in[1], in[2], in[3], in[4]), field);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void shouldNameTheBadArgumentOfBlackScholes(BadArgument bad) {
    double[] in = bad.inputs();
    for (OptionType type : OptionType.values()) {
      assertField(() -> BlackScholes.greeks(type, in[0], in[1], in[2], in[3], in[4], in[5]),
          BSM_FIELDS[bad.argument()]);
    }
  }

  @Test
  void shouldNameAMissingOptionType() {
    assertField(() -> Black76.greeks(null, F, K, T, VOL, R), "type");
    assertField(() -> Black76.price(null, F, K, T, VOL, R), "type");
    assertField(() -> BlackScholes.greeks(null, F, K, T, VOL, R, Q), "type");
  }

  @Test
  void shouldRejectAVanishingTotalVolatility() {
    // vol·sqrt(T) = 1e-7·sqrt(1e-11) ≈ 3e-13 < 1e-12: the formula would divide by (almost) zero
    assertField(() -> Black76.greeks(OptionType.CALL, F, K, 1e-11, 1e-7, R), "vol");
    assertField(() -> BlackScholes.greeks(OptionType.CALL, F, K, 1e-11, 1e-7, R, Q), "vol");
  }

  // ---- valid inputs never give NaN or infinity ----

  /**
   * Valid inputs over wide ranges, with |rate·T| and |q·T| below 50 so that discount factors stay finite.
   *
   * @param seed  the generator seed
   * @param index  the case number
   */
  record Valid(long seed, int index, double forward, double strike, double expiry, double vol, double rate,
      double dividendYield) {
  }

  static Stream<Valid> validInputs() {
    long seed = 123_456_789L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return IntStream.range(0, 500).mapToObj(i -> {
      double f = Math.exp(rng.nextDouble(Math.log(1e-6), Math.log(1e9)));
      double k = f * Math.exp(rng.nextDouble(-8, 8));
      double t = Math.exp(rng.nextDouble(Math.log(1e-6), Math.log(50)));
      double vol = Math.exp(rng.nextDouble(Math.log(1e-3), Math.log(10)));
      double r = rng.nextDouble(-1, 1);
      double q = rng.nextDouble(-1, 1);
      return new Valid(seed, i, f, k, t, vol, r, q);
    }).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validInputs")
  void shouldNeverReturnNaNOrInfinityForValidInputs(Valid v) {
    for (OptionType type : OptionType.values()) {
      OptionGreeks b76 = Black76.greeks(type, v.forward(), v.strike(), v.expiry(), v.vol(), v.rate());
      assertFinite(b76);
      assertThat(b76.price()).isGreaterThanOrEqualTo(0);
      assertThat(Black76.price(type, v.forward(), v.strike(), v.expiry(), v.vol(), v.rate())).isFinite();
      OptionGreeks bs = BlackScholes.greeks(type, v.forward(), v.strike(), v.expiry(), v.vol(), v.rate(),
          v.dividendYield());
      assertFinite(bs);
      // the implied vol of that price either exists and is finite, or the price is rejected by name
      try {
        double implied = ImpliedVol.black76(type, b76.price(), v.forward(), v.strike(), v.expiry(), v.rate());
        assertThat(implied).isBetween(ImpliedVol.MIN_VOL, ImpliedVol.MAX_VOL);
      } catch (InvalidInputException e) {
        assertThat(e.field()).isEqualTo("price");
      }
    }
  }

  /**
   * A discount factor e^(−rT) that would overflow (r·T below about −709) must be refused by name, never turned into
   * a NaN or an infinity: |r·T| is bounded by Black76.MAX_RATE_TIMES_EXPIRY, and a case just inside the bound is
   * priced with finite figures.
   */
  @Test
  void shouldNotLetTheDiscountFactorOverflowIntoNaN() {
    assertField(() -> Black76.greeks(OptionType.CALL, 1, 1e10, 1000, 0.01, -1), "rate");
    assertField(() -> Black76.greeks(OptionType.CALL, 100, 100, 1000, 0.2, -1), "rate");
    assertField(() -> BlackScholes.greeks(OptionType.PUT, 100, 100, 1000, 0.2, 0.0, -1), "dividend_yield");
    assertFinite(Black76.greeks(OptionType.CALL, 100, 100, 99, 0.2, -1));
  }

  private static void assertFinite(OptionGreeks g) {
    assertThat(List.of(g.price(), g.delta(), g.gamma(), g.vega(), g.theta(), g.vanna(), g.volga()))
        .as("%s", g).allMatch(Double::isFinite);
  }

  private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
