package org.pmargin.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks parsing of Deribit symbols into instruments with Deribit's contract specifications, and rejection of
 * symbols that are not Deribit's.
 */
class DeribitSymbolsTest {

  /** Deribit expiries are at 08:00 UTC; 28 June 2024 was a Friday quarterly expiry. */
  private static final Instant JUN_28_2024 = Instant.parse("2024-06-28T08:00:00Z");

  private static final long SEED = 2024_06_28L;

  @Test
  void shouldParseTheInverseBitcoinPerpetual() {
    Perpetual p = (Perpetual) DeribitSymbols.parse("BTC-PERPETUAL");
    assertThat(p.symbol()).isEqualTo("BTC-PERPETUAL");
    assertThat(p.underlying()).isEqualTo(Asset.BTC);
    assertThat(p.quote()).isEqualTo(Asset.USD);
    assertThat(p.settlement()).isEqualTo(Settlement.INVERSE);
    // Deribit contract specification: BTC inverse perpetual, 10 USD per contract
    assertThat(p.contractSize()).isEqualTo(10.0);
    assertThat(p.expiry()).isEmpty();
    assertThat(p.settlementAsset()).isEqualTo(Asset.BTC);
  }

  @Test
  void shouldParseTheInverseEtherPerpetual() {
    Perpetual p = (Perpetual) DeribitSymbols.parse("ETH-PERPETUAL");
    assertThat(p.underlying()).isEqualTo(Asset.ETH);
    assertThat(p.settlement()).isEqualTo(Settlement.INVERSE);
    // Deribit: ETH inverse perpetual, 1 USD per contract
    assertThat(p.contractSize()).isEqualTo(1.0);
  }

  @Test
  void shouldParseLinearPerpetuals() {
    Perpetual btc = (Perpetual) DeribitSymbols.parse("BTC_USDC-PERPETUAL");
    assertThat(btc.underlying()).isEqualTo(Asset.BTC);
    assertThat(btc.quote()).isEqualTo(Asset.USDC);
    assertThat(btc.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(btc.contractSize()).isEqualTo(0.001);
    assertThat(btc.settlementAsset()).isEqualTo(Asset.USDC);
    Perpetual eth = (Perpetual) DeribitSymbols.parse("ETH_USDC-PERPETUAL");
    assertThat(eth.contractSize()).isEqualTo(0.01);
  }

  @Test
  void shouldParseADatedFutureExpiringAtEightUtc() {
    DatedFuture f = (DatedFuture) DeribitSymbols.parse("BTC-28JUN24");
    assertThat(f.expiryInstant()).isEqualTo(JUN_28_2024);
    assertThat(f.settlement()).isEqualTo(Settlement.INVERSE);
    assertThat(f.contractSize()).isEqualTo(10.0);
    assertThat(f.underlying()).isEqualTo(Asset.BTC);
  }

  @Test
  void shouldParseACoinSettledOption() {
    EuropeanOption o = (EuropeanOption) DeribitSymbols.parse("BTC-28JUN24-70000-C");
    assertThat(o.type()).isEqualTo(OptionType.CALL);
    assertThat(o.strike()).isEqualTo(70_000.0);
    assertThat(o.expiryInstant()).isEqualTo(JUN_28_2024);
    assertThat(o.settlement()).isEqualTo(Settlement.INVERSE);
    assertThat(o.underlying()).isEqualTo(Asset.BTC);
    assertThat(o.quote()).isEqualTo(Asset.USD);
    assertThat(o.contractSize()).isEqualTo(1.0);
    assertThat(o.settlementAsset()).isEqualTo(Asset.BTC);
  }

  @Test
  void shouldParseAUsdcSettledOption() {
    EuropeanOption o = (EuropeanOption) DeribitSymbols.parse("BTC_USDC-28JUN24-70000-P");
    assertThat(o.type()).isEqualTo(OptionType.PUT);
    assertThat(o.strike()).isEqualTo(70_000.0);
    assertThat(o.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(o.quote()).isEqualTo(Asset.USDC);
    assertThat(o.contractSize()).isEqualTo(0.01);
    assertThat(o.expiryInstant()).isEqualTo(JUN_28_2024);
    assertThat(o.settlementAsset()).isEqualTo(Asset.USDC);
  }

  @Test
  void shouldReadADecimalStrikeWrittenWithD() {
    EuropeanOption o = (EuropeanOption) DeribitSymbols.parse("XRP_USDC-28JUN24-0d625-C");
    assertThat(o.strike()).isEqualTo(0.625);
    assertThat(o.underlying()).isEqualTo(new Asset("XRP"));
    assertThat(o.quote()).isEqualTo(Asset.USDC);
    assertThat(o.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(o.type()).isEqualTo(OptionType.CALL);
  }

  @Test
  void shouldParseSpotPairs() {
    Spot a = (Spot) DeribitSymbols.parse("BTC_USDC");
    assertThat(a.underlying()).isEqualTo(Asset.BTC);
    assertThat(a.quote()).isEqualTo(Asset.USDC);
    Spot b = (Spot) DeribitSymbols.parse("ETH/USD");
    assertThat(b.underlying()).isEqualTo(Asset.ETH);
    assertThat(b.quote()).isEqualTo(Asset.USD);
  }

  @Test
  void shouldTrimSurroundingBlanks() {
    assertThat(DeribitSymbols.parse("  BTC-PERPETUAL ").symbol()).isEqualTo("BTC-PERPETUAL");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "   ", "BTC", "BTC-PERP", "BTC-PERPETUAL-X", "BTC-28JUN24-70000",
      "BTC-28JUN24-70000-X", "BTC-28JUN24-C", "BTC-28XYZ24", "BTC-32JUN24", "BTC-0JUN24", "BTC-28JUN2024",
      "BTC-28JUN24-70000.5-C", "BTC-28JUN24--70000-C", "BTC_-PERPETUAL", "-PERPETUAL", "BTC/", "hello world"})
  void shouldRejectGarbageNamingTheInstrument(String symbol) {
    assertThatThrownBy(() -> DeribitSymbols.parse(symbol))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("instrument"));
  }

  @Test
  void shouldRejectANullSymbol() {
    assertThatThrownBy(() -> DeribitSymbols.parse(null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("instrument"));
  }

  /**
   * A day that does not exist in its month is not a Deribit expiry and must be rejected like any other bad date
   * (BTC-32JUN24 is).
   */
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"BTC-30FEB24", "BTC-31APR24", "BTC-29FEB25", "BTC-31JUN24-70000-C"})
  void shouldRejectImpossibleCalendarDates(String symbol) {
    assertThatThrownBy(() -> DeribitSymbols.parse(symbol))
        .as("%s names a day that does not exist", symbol)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("instrument"));
  }

  @Test
  void shouldFormatExpiryCodesAsDeribitDoes() {
    assertThat(DeribitSymbols.expiryCode(JUN_28_2024)).isEqualTo("28JUN24");
    // Deribit writes single-digit days without a leading zero (e.g. BTC-5JUL24)
    assertThat(DeribitSymbols.expiryCode(Instant.parse("2024-07-05T08:00:00Z"))).isEqualTo("5JUL24");
    assertThat(DeribitSymbols.expiryCode(Instant.parse("2025-12-26T08:00:00Z"))).isEqualTo("26DEC25");
  }

  record DateCase(long seed, int index, LocalDate date) {
  }

  static Stream<DateCase> dates() {
    SplittableRandom rng = new SplittableRandom(SEED);
    LocalDate start = LocalDate.of(2000, 1, 1);
    return IntStream.range(0, 250).mapToObj(i -> new DateCase(SEED, i, start.plusDays(rng.nextInt(36_500))))
        .toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dates")
  void shouldRoundTripExpiryCodes(DateCase c) {
    Instant expiry = c.date().atTime(DeribitSymbols.EXPIRY_HOUR_UTC, 0).toInstant(ZoneOffset.UTC);
    String symbol = "ETH-" + DeribitSymbols.expiryCode(expiry) + "-2500-P";
    EuropeanOption o = (EuropeanOption) DeribitSymbols.parse(symbol);
    assertThat(o.expiryInstant()).isEqualTo(expiry);
    assertThat(o.symbol()).isEqualTo(symbol);
  }
}
