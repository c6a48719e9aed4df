package org.pmargin.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/** Checks the instrument records: validation naming the offending field, and their derived properties. */
class InstrumentTest {

  private static final Instant EXPIRY = Instant.parse("2024-06-28T08:00:00Z");
  private static final String OPTION_SYMBOL = "BTC-28JUN24-70000-C";
  private static final double STRIKE = 70_000;

  @Test
  void shouldBuildAValidOption() {
    EuropeanOption o = option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE,
        EXPIRY, 1.0, 0.0001);
    assertThat(o.expiry()).contains(EXPIRY);
    assertThat(o.settlementAsset()).isEqualTo(Asset.BTC);
    assertThat(o.strike()).isEqualTo(STRIKE);
  }

  @Test
  void shouldNameEachBadOptionField() {
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, -1.0,
        EXPIRY, 1.0, 0.0001), "strike");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, 0.0,
        EXPIRY, 1.0, 0.0001), "strike");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, Double.NaN,
        EXPIRY, 1.0, 0.0001), "strike");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL,
        Double.POSITIVE_INFINITY, EXPIRY, 1.0, 0.0001), "strike");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE,
        EXPIRY, Double.NaN, 0.0001), "contract_size");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE,
        EXPIRY, -1.0, 0.0001), "contract_size");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE,
        EXPIRY, 1.0, 0.0), "tick_size");
    assertField(() -> option(" ", Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE, EXPIRY, 1.0,
        0.0001), "symbol");
    assertField(() -> option(null, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE, EXPIRY, 1.0,
        0.0001), "symbol");
    assertField(() -> option(OPTION_SYMBOL, null, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE, EXPIRY,
        1.0, 0.0001), "underlying");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, null, Settlement.INVERSE, OptionType.CALL, STRIKE, EXPIRY,
        1.0, 0.0001), "quote");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.BTC, Settlement.INVERSE, OptionType.CALL, STRIKE,
        EXPIRY, 1.0, 0.0001), "quote");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, null, OptionType.CALL, STRIKE, EXPIRY, 1.0,
        0.0001), "settlement");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, null, STRIKE, EXPIRY, 1.0,
        0.0001), "option_type");
    assertField(() -> option(OPTION_SYMBOL, Asset.BTC, Asset.USD, Settlement.INVERSE, OptionType.CALL, STRIKE, null,
        1.0, 0.0001), "expiry");
  }

  @Test
  void shouldNameEachBadDeltaOneField() {
    assertField(() -> new Perpetual("BTC-PERPETUAL", Asset.BTC, Asset.USD, Settlement.INVERSE, 0.0, 0.5),
        "contract_size");
    assertField(() -> new Perpetual("BTC-PERPETUAL", Asset.BTC, Asset.USD, Settlement.INVERSE, 10.0,
        Double.NaN), "tick_size");
    assertField(() -> new Perpetual("", Asset.BTC, Asset.USD, Settlement.INVERSE, 10.0, 0.5), "symbol");
    assertField(() -> new DatedFuture("BTC-28JUN24", Asset.BTC, Asset.USD, Settlement.INVERSE, 10.0, 0.5, null),
        "expiry");
    assertField(() -> new DatedFuture("BTC-28JUN24", Asset.BTC, Asset.USD, Settlement.INVERSE,
        Double.NEGATIVE_INFINITY, 0.5, EXPIRY), "contract_size");
    assertField(() -> new Spot("BTC/USD", Asset.BTC, Asset.USD, -0.01), "tick_size");
    assertField(() -> new Spot("USD/USD", Asset.USD, Asset.USD, 0.01), "quote");
  }

  @Test
  void shouldDescribeDeltaOneInstruments() {
    Perpetual perp = new Perpetual("BTC-PERPETUAL", Asset.BTC, Asset.USD, Settlement.INVERSE, 10.0, 0.5);
    assertThat(perp.expiry()).isEmpty();
    assertThat(perp.settlementAsset()).isEqualTo(Asset.BTC);
    Perpetual linear = new Perpetual("BTC_USDC-PERPETUAL", Asset.BTC, Asset.USDC, Settlement.LINEAR, 0.001, 1.0);
    assertThat(linear.settlementAsset()).isEqualTo(Asset.USDC);
    DatedFuture future = new DatedFuture("BTC-28JUN24", Asset.BTC, Asset.USD, Settlement.INVERSE, 10.0, 0.5,
        EXPIRY);
    assertThat(future.expiry()).isEqualTo(Optional.of(EXPIRY));
    Spot spot = new Spot("BTC/USD", Asset.BTC, Asset.USD, 0.01);
    assertThat(spot.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(spot.contractSize()).isEqualTo(1.0);
    assertThat(spot.expiry()).isEmpty();
    assertThat(spot.settlementAsset()).isEqualTo(Asset.USD);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"btc", "B-T", "", " ", "ABCDEFGHIJKLMNOPQ", "BTC "})
  void shouldRejectMalformedAssetCodes(String code) {
    assertField(() -> new Asset(code), "asset");
  }

  @Test
  void shouldNormaliseAssetCodesInOf() {
    assertThat(Asset.of(" btc ")).isEqualTo(Asset.BTC);
    assertThat(Asset.of("usdc")).isEqualTo(Asset.USDC);
    assertThat(Asset.of("ABCDEFGHIJKLMNOP").code()).hasSize(16);
    assertField(() -> Asset.of(null), "asset");
    assertThat(Asset.BTC.compareTo(Asset.ETH)).isNegative();
    assertThat(Asset.BTC).hasToString("BTC");
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({"call, CALL", "C, CALL", " Put , PUT", "p, PUT"})
  void shouldParseOptionTypes(String text, OptionType expected) {
    assertThat(OptionType.parse(text, "type")).isEqualTo(expected);
  }

  @Test
  void shouldGiveOptionTypeSigns() {
    assertThat(OptionType.CALL.sign()).isEqualTo(1.0);
    assertThat(OptionType.PUT.sign()).isEqualTo(-1.0);
    assertThat(OptionType.CALL.isCall()).isTrue();
    assertThat(OptionType.PUT.isCall()).isFalse();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "calls", "x", "straddle"})
  void shouldRejectUnknownOptionTypesNamingTheCallersField(String text) {
    assertField(() -> OptionType.parse(text, "positions[2].option_type"), "positions[2].option_type");
    assertField(() -> OptionType.parse(null, "kind"), "kind");
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({"linear, LINEAR", "USD, LINEAR", "usdc, LINEAR", "usdt, LINEAR", "quote, LINEAR",
      "inverse, INVERSE", " Coin , INVERSE"})
  void shouldParseSettlements(String text, Settlement expected) {
    assertThat(Settlement.parse(text, "settlement")).isEqualTo(expected);
  }

  @Test
  void shouldRejectUnknownSettlementsNamingTheCallersField() {
    assertField(() -> Settlement.parse("btc", "instruments[0].settlement"), "instruments[0].settlement");
    assertField(() -> Settlement.parse(null, "settlement"), "settlement");
  }

  private static EuropeanOption option(String symbol, Asset underlying, Asset quote, Settlement settlement,
      OptionType type, double strike, Instant expiry, double contractSize, double tickSize) {
    return new EuropeanOption(symbol, underlying, quote, settlement, type, strike, expiry, contractSize, tickSize);
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
