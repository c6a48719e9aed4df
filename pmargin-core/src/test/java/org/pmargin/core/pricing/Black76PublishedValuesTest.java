package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;

/** Checks Black-76 prices and forward Greeks against worked examples printed in Haug and Hull. */
class Black76PublishedValuesTest {

  /** Half a unit in the 4th decimal: the precision Haug prints. */
  private static final double HAUG_TOL = 5e-5;
  /** Half a cent: the precision Hull prints. */
  private static final double HULL_TOL = 0.005;

  // Haug, The Complete Guide to Option Pricing Formulas, 2nd ed. (McGraw-Hill 2007), Chapter 1, the Black (1976)
  // options-on-futures example (also 1st ed. 1998, pp. 2-8, rows 3-4 of QuantLib's testValues):
  // F = 19, K = 19, T = 0.75, r = 0.10, σ = 0.28 gives c = p = 1.7011.
  private static final double HAUG_B76_FORWARD = 19.0;
  private static final double HAUG_B76_STRIKE = 19.0;
  private static final double HAUG_B76_EXPIRY = 0.75;
  private static final double HAUG_B76_RATE = 0.10;
  private static final double HAUG_B76_VOL = 0.28;
  private static final double HAUG_B76_VALUE = 1.7011;

  // Haug 2nd ed. (2007), Chapter 2 (Black-Scholes-Merton Greeks), delta example for the generalized BSM with b = 0
  // (an option on a future); also Haug 1st ed. pp. 11-16 as used by QuantLib's testGreekValues: S = F = 105, K = 100, T = 0.5,
  // r = 0.10, b = 0, σ = 0.36 gives call delta 0.5946 and put delta -0.3566 (w.r.t. F, discounted).
  private static final double HAUG_DELTA_FORWARD = 105.0;
  private static final double HAUG_DELTA_STRIKE = 100.0;
  private static final double HAUG_DELTA_EXPIRY = 0.5;
  private static final double HAUG_DELTA_RATE = 0.10;
  private static final double HAUG_DELTA_VOL = 0.36;
  private static final double HAUG_CALL_DELTA = 0.5946;
  private static final double HAUG_PUT_DELTA = -0.3566;

  // Hull, Options, Futures, and Other Derivatives (9th ed.), Ch. 18 "Futures Options", section "Black's model for
  // valuing futures options", crude-oil example: a European put futures option, 4 months, F = 20, K = 20,
  // r = 9%, σ = 25%: p = 1.12.
  private static final double HULL_FORWARD = 20.0;
  private static final double HULL_STRIKE = 20.0;
  private static final double HULL_EXPIRY = 4.0 / 12.0;
  private static final double HULL_RATE = 0.09;
  private static final double HULL_VOL = 0.25;
  private static final double HULL_PUT = 1.12;

  @Test
  void shouldPriceHaugsBlack76Example() {
    assertThat(Black76.price(OptionType.CALL, HAUG_B76_FORWARD, HAUG_B76_STRIKE, HAUG_B76_EXPIRY, HAUG_B76_VOL,
        HAUG_B76_RATE)).isCloseTo(HAUG_B76_VALUE, within(HAUG_TOL));
    assertThat(Black76.price(OptionType.PUT, HAUG_B76_FORWARD, HAUG_B76_STRIKE, HAUG_B76_EXPIRY, HAUG_B76_VOL,
        HAUG_B76_RATE)).isCloseTo(HAUG_B76_VALUE, within(HAUG_TOL));
  }

  @Test
  void shouldReproduceHaugsFuturesOptionDeltas() {
    OptionGreeks call = Black76.greeks(OptionType.CALL, HAUG_DELTA_FORWARD, HAUG_DELTA_STRIKE, HAUG_DELTA_EXPIRY,
        HAUG_DELTA_VOL, HAUG_DELTA_RATE);
    OptionGreeks put = Black76.greeks(OptionType.PUT, HAUG_DELTA_FORWARD, HAUG_DELTA_STRIKE, HAUG_DELTA_EXPIRY,
        HAUG_DELTA_VOL, HAUG_DELTA_RATE);
    assertThat(call.delta()).isCloseTo(HAUG_CALL_DELTA, within(HAUG_TOL));
    assertThat(put.delta()).isCloseTo(HAUG_PUT_DELTA, within(HAUG_TOL));
  }

  @Test
  void shouldPriceHullsCrudeOilFuturesPut() {
    assertThat(Black76.price(OptionType.PUT, HULL_FORWARD, HULL_STRIKE, HULL_EXPIRY, HULL_VOL, HULL_RATE))
        .isCloseTo(HULL_PUT, within(HULL_TOL));
  }

  /** Haug's table rows with q = r (cost of carry b = 0) are options on futures: Black-76 with F = S. */
  static Stream<HaugTable.Row> zeroCarryRows() {
    return HaugTable.rows().stream().filter(r -> r.dividendYield() == r.rate());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zeroCarryRows")
  void shouldMatchHaugsTableForZeroCostOfCarry(HaugTable.Row row) {
    double price = Black76.price(row.type(), row.spot(), row.strike(), row.expiry(), row.vol(), row.rate());
    assertThat(price).isCloseTo(row.value(), within(row.tolerance()));
  }

  @Test
  void shouldHaveThirtyEightZeroCarryRows() {
    // rows 3-4 of p. 2-8 and all 36 rows of p. 24
    assertThat(zeroCarryRows().count()).isEqualTo(38);
  }
}
