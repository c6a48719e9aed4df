package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/**
 * Checks rho (∂V/∂r) and dividend rho (∂V/∂q) against values printed in Hull and Haug, and against central finite
 * differences of the price over the seeded cases of {@link GreeksFiniteDifferenceTest}.
 */
class RateSensitivitiesTest {

  /** Half a unit in the 4th decimal: Haug prints 4 decimals. */
  private static final double HAUG_TOL = 5e-5;

  // Hull, Options, Futures, and Other Derivatives (9th ed.), Ch. 19 "The Greek Letters", Example 19.8 (rho), on the
  // chapter's 20-week call: S0 = 49, K = 50, r = 5%, σ = 20%, T = 0.3846, no dividends. Printed: rho = 8.91
  // ("a 1% (0.01) increase in the risk-free rate increases the value of the option by about 0.0891").
  private static final double HULL_RHO = 8.91;

  // Haug, The Complete Guide to Option Pricing Formulas (1st ed. 1998, pp. 11-16; 2nd ed. Chapter 2), the rho and
  // the dividend-rho examples, as transcribed in QuantLib's test-suite/europeanoption.cpp testGreekValues
  // ({type, strike, spot, q, r, t, vol, value}):
  //   rho:          call, K = 75,  S = 72,  q = 0,    r = 0.09, T = 1,    σ = 0.19: 38.7325
  //   dividend rho: put,  K = 490, S = 500, q = 0.05, r = 0.08, T = 0.25, σ = 0.15: 42.2254
  private static final double HAUG_RHO = 38.7325;
  private static final double HAUG_DIVIDEND_RHO = 42.2254;

  // Hull (9th ed.), Ch. 18, the crude-oil futures put priced by Black's model: F = 20, K = 20, r = 9%, σ = 25%,
  // T = 4 months, p = 1.12 (to the cent). Its rho with the futures price fixed is −T·p = −0.3733, to T × half a cent.
  private static final double HULL_FUTURES_PUT = 1.12;

  /** Relative bump of a rate, in units of 1/T so that r·T moves by 1e-5. */
  private static final double RATE_BUMP_TIMES_T = 1e-5;
  private static final double REL_TOL = 1e-5;

  @Test
  void shouldReproduceHullsRhoExample() {
    RateSensitivities r = BlackScholes.rates(OptionType.CALL, 49, 50, 0.3846, 0.20, 0.05, 0.0);
    assertThat(r.rho()).as("rho per 1.00 of rate").isCloseTo(HULL_RHO, within(0.005));
    assertThat(r.rho() / 100).as("per percentage point").isCloseTo(0.0891, within(5e-5));
    assertThat(r.dividendRho()).isNegative(); // a call loses value as the carry yield rises
  }

  @Test
  void shouldReproduceHaugsRhoAndDividendRhoExamples() {
    assertThat(BlackScholes.rates(OptionType.CALL, 72, 75, 1.0, 0.19, 0.09, 0.0).rho())
        .isCloseTo(HAUG_RHO, within(HAUG_TOL));
    assertThat(BlackScholes.rates(OptionType.PUT, 500, 490, 0.25, 0.15, 0.08, 0.05).dividendRho())
        .isCloseTo(HAUG_DIVIDEND_RHO, within(HAUG_TOL));
  }

  @Test
  void shouldGiveBlack76MinusTTimesThePriceWithTheForwardFixed() {
    double t = 4.0 / 12.0;
    RateSensitivities r = Black76.rates(OptionType.PUT, 20, 20, t, 0.25, 0.09);
    assertThat(r.rho()).isCloseTo(-t * HULL_FUTURES_PUT, within(t * 0.005));
    assertThat(r.dividendRho()).isZero();
  }

  static Stream<GreeksFiniteDifferenceTest.Case> cases() {
    return GreeksFiniteDifferenceTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldMatchCentralDifferencesInTheRates(GreeksFiniteDifferenceTest.Case c) {
    double h = RATE_BUMP_TIMES_T / c.expiry();
    double b76 = (Black76.price(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate() + h)
        - Black76.price(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate() - h)) / (2 * h);
    double bsR = (bs(c, c.rate() + h, c.dividendYield()) - bs(c, c.rate() - h, c.dividendYield())) / (2 * h);
    double bsQ = (bs(c, c.rate(), c.dividendYield() + h) - bs(c, c.rate(), c.dividendYield() - h)) / (2 * h);
    RateSensitivities b = Black76.rates(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate());
    RateSensitivities s = BlackScholes.rates(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), c.rate(),
        c.dividendYield());
    // The natural scale of a rate sensitivity is T × the larger of the spot and the strike.
    double scale = c.expiry() * Math.max(c.x(), c.strike());
    assertThat(b.rho()).as("black76 rho").isCloseTo(b76, within(REL_TOL * Math.abs(b76) + 1e-9 * scale));
    assertThat(s.rho()).as("bs rho").isCloseTo(bsR, within(REL_TOL * Math.abs(bsR) + 1e-9 * scale));
    assertThat(s.dividendRho()).as("bs dividend rho").isCloseTo(bsQ, within(REL_TOL * Math.abs(bsQ) + 1e-9 * scale));
  }

  private static double bs(GreeksFiniteDifferenceTest.Case c, double rate, double q) {
    return BlackScholes.greeks(c.type(), c.x(), c.strike(), c.expiry(), c.vol(), rate, q).price();
  }
}
