package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/** Checks Black-Scholes-Merton prices and spot Greeks against worked examples printed in Hull and Haug. */
class BlackScholesPublishedValuesTest {

  /** Half a unit in the 4th decimal: Haug prints 4 decimals. */
  private static final double HAUG_TOL = 5e-5;

  // Hull, Options, Futures, and Other Derivatives (9th/10th ed.), Example 15.6: S0 = 42, K = 40, r = 10%,
  // σ = 20%, T = 0.5, no dividends: c = 4.76, p = 0.81 (printed to the cent; tolerance half a cent).
  private static final double HULL_15_6_SPOT = 42.0;
  private static final double HULL_15_6_STRIKE = 40.0;
  private static final double HULL_15_6_RATE = 0.10;
  private static final double HULL_15_6_VOL = 0.20;
  private static final double HULL_15_6_EXPIRY = 0.5;
  private static final double HULL_15_6_CALL = 4.76;
  private static final double HULL_15_6_PUT = 0.81;
  private static final double CENT_TOL = 0.005;

  // Hull (9th ed.), Ch. 19 "The Greek Letters": the 20-week call used through the chapter, S0 = 49, K = 50,
  // r = 5%, σ = 20%, T = 20/52 = 0.3846, no dividends. Printed: BSM price $2.40 (Section 19.1, "about $240,000"
  // for 100,000 options), delta 0.522, theta -4.31 per year (-0.0118 per calendar day), gamma 0.066, vega 12.1
  // (per 1.00 of vol, i.e. 0.121 per vol point). Each tolerance is half a unit of the last printed digit.
  private static final double HULL_19_SPOT = 49.0;
  private static final double HULL_19_STRIKE = 50.0;
  private static final double HULL_19_RATE = 0.05;
  private static final double HULL_19_VOL = 0.20;
  private static final double HULL_19_EXPIRY = 0.3846;
  private static final double HULL_19_PRICE = 2.40;
  private static final double HULL_19_DELTA = 0.522;
  private static final double HULL_19_THETA = -4.31;
  private static final double HULL_19_THETA_PER_DAY = -0.0118;
  private static final double HULL_19_GAMMA = 0.066;
  private static final double HULL_19_VEGA = 12.1;

  // Haug, The Complete Guide to Option Pricing Formulas (2nd ed. 2007), Chapter 2 (Black-Scholes-Merton Greeks)
  // worked examples, identical to Haug 1st ed. (1998) pp. 11-16 as transcribed in QuantLib's
  // test-suite/europeanoption.cpp testGreekValues (q = r - b):
  //   delta: S = 105, K = 100, T = 0.5, r = 0.10, b = 0 (q = 0.10), σ = 0.36: call 0.5946, put -0.3566
  //   elasticity (delta·S/V): same put: -4.8775
  //   gamma: S = 55, K = 60, T = 0.75, r = 0.10, b = 0.10 (q = 0), σ = 0.30: 0.0278 (call and put)
  //   vega:  S = 55, K = 60, T = 0.75, r = 0.10, q = 0, σ = 0.30: 18.9358 (call and put; the QuantLib row's inputs)
  //   theta: S = 430, K = 405, T = 0.0833, r = 0.07, b = 0.02 (q = 0.05), σ = 0.20: put -31.1924 per year,
  //          -0.0855 per day (theta/365)
  private static final double HAUG_THETA_EXPIRY = 0.0833;

  @Test
  void shouldPriceHullExample15Point6() {
    OptionGreeks call = BlackScholes.greeks(OptionType.CALL, HULL_15_6_SPOT, HULL_15_6_STRIKE, HULL_15_6_EXPIRY,
        HULL_15_6_VOL, HULL_15_6_RATE, 0.0);
    OptionGreeks put = BlackScholes.greeks(OptionType.PUT, HULL_15_6_SPOT, HULL_15_6_STRIKE, HULL_15_6_EXPIRY,
        HULL_15_6_VOL, HULL_15_6_RATE, 0.0);
    assertThat(call.price()).isCloseTo(HULL_15_6_CALL, within(CENT_TOL));
    assertThat(put.price()).isCloseTo(HULL_15_6_PUT, within(CENT_TOL));
  }

  @Test
  void shouldReproduceHullsGreekLettersExample() {
    OptionGreeks g = BlackScholes.greeks(OptionType.CALL, HULL_19_SPOT, HULL_19_STRIKE, HULL_19_EXPIRY,
        HULL_19_VOL, HULL_19_RATE, 0.0);
    assertThat(g.price()).as("price").isCloseTo(HULL_19_PRICE, within(0.005));
    assertThat(g.delta()).as("delta").isCloseTo(HULL_19_DELTA, within(5e-4));
    assertThat(g.theta()).as("theta per year").isCloseTo(HULL_19_THETA, within(0.005));
    assertThat(g.theta() / 365).as("theta per calendar day").isCloseTo(HULL_19_THETA_PER_DAY, within(5e-5));
    assertThat(g.gamma()).as("gamma").isCloseTo(HULL_19_GAMMA, within(5e-4));
    assertThat(g.vega()).as("vega per 1.00 of vol").isCloseTo(HULL_19_VEGA, within(0.05));
  }

  @Test
  void shouldReproduceHaugsDeltaExample() {
    OptionGreeks call = BlackScholes.greeks(OptionType.CALL, 105, 100, 0.5, 0.36, 0.10, 0.10);
    OptionGreeks put = BlackScholes.greeks(OptionType.PUT, 105, 100, 0.5, 0.36, 0.10, 0.10);
    assertThat(call.delta()).isCloseTo(0.5946, within(HAUG_TOL));
    assertThat(put.delta()).isCloseTo(-0.3566, within(HAUG_TOL));
    assertThat(put.delta() * 105 / put.price()).as("put elasticity").isCloseTo(-4.8775, within(HAUG_TOL));
  }

  @Test
  void shouldReproduceHaugsGammaExample() {
    for (OptionType type : OptionType.values()) {
      OptionGreeks g = BlackScholes.greeks(type, 55, 60, 0.75, 0.30, 0.10, 0.0);
      assertThat(g.gamma()).as("%s gamma", type).isCloseTo(0.0278, within(HAUG_TOL));
    }
  }

  @Test
  void shouldReproduceHaugsVegaExample() {
    for (OptionType type : OptionType.values()) {
      OptionGreeks g = BlackScholes.greeks(type, 55, 60, 0.75, 0.30, 0.10, 0.0);
      assertThat(g.vega()).as("%s vega", type).isCloseTo(18.9358, within(HAUG_TOL));
    }
  }

  @Test
  void shouldReproduceHaugsThetaExample() {
    OptionGreeks put = BlackScholes.greeks(OptionType.PUT, 430, 405, HAUG_THETA_EXPIRY, 0.20, 0.07, 0.05);
    assertThat(put.theta()).as("theta per year").isCloseTo(-31.1924, within(HAUG_TOL));
    assertThat(put.theta() / 365).as("theta per day").isCloseTo(-0.0855, within(HAUG_TOL));
  }

  static Stream<HaugTable.Row> haugRows() {
    return HaugTable.rows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("haugRows")
  void shouldMatchHaugsEuropeanValuesTable(HaugTable.Row row) {
    OptionGreeks g = BlackScholes.greeks(row.type(), row.spot(), row.strike(), row.expiry(), row.vol(), row.rate(),
        row.dividendYield());
    assertThat(g.price()).isCloseTo(row.value(), within(row.tolerance()));
  }
}
