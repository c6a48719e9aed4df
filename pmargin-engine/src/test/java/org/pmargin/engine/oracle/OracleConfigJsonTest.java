package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;

/** Reading and writing oracle-config files: defaults, every field, round trips, and bad input named by its path. */
class OracleConfigJsonTest {

  private static final OracleConfig D = OracleConfig.defaults();

  private static OracleSettings read(String json) {
    return OracleConfigJson.read(Json.parse(json));
  }

  private static OracleSettings roundTrip(OracleSettings s) {
    return OracleConfigJson.read(Json.parse(OracleConfigJson.write(s).toString()));
  }

  @Test
  void shippedExampleIsTheDefaults() {
    assertThat(OracleConfigJson.read(Path.of("..", "examples", "oracle", "default.json")))
        .isEqualTo(OracleSettings.defaultSettings());
  }

  @Test
  void shippedPerUnderlyingExampleSetsEthApart() {
    OracleSettings s = OracleConfigJson.read(Path.of("..", "examples", "oracle", "per-underlying.json"));
    OracleConfig top = new OracleConfig(D.staleness(),
        Map.of("history", Duration.ofDays(2), "slow-exchange", Duration.ofMinutes(1)), D.maxDeviation(),
        D.minSources(), D.maxMove(), D.jumpConfirmations(), D.basisSmoothing());
    assertThat(s.defaults()).isEqualTo(top);
    assertThat(s.byUnderlying()).containsOnlyKeys(Asset.ETH);
    assertThat(s.configOf(Asset.ETH)).isEqualTo(new OracleConfig(top.staleness(), top.stalenessBySource(),
        top.maxDeviation(), 3, 0.15, top.jumpConfirmations(), top.basisSmoothing()));
    assertThat(s.configOf(Asset.ETH).stalenessOf("history")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void everyFieldMayBeOmitted() {
    assertThat(read("{\"version\":1}")).isEqualTo(OracleSettings.defaultSettings());
  }

  @Test
  void readsEveryField() {
    OracleSettings s = read("""
        {"version": 1, "description": "tight",
         "staleness_seconds": 12.5, "staleness_by_source": {"deribit": 5, "history": 172800},
         "max_deviation": 0.01, "min_sources": 3, "max_move": 0.2, "jump_confirmations": 4,
         "basis_smoothing": 0.25,
         "by_underlying": {"eth": {"staleness_seconds": 0.25, "staleness_by_source": {"okx": 1},
                                   "max_deviation": 0.03, "min_sources": 1, "max_move": 0.3,
                                   "jump_confirmations": 2, "basis_smoothing": 1}}}""");
    OracleConfig top = new OracleConfig(Duration.ofMillis(12_500),
        Map.of("deribit", Duration.ofSeconds(5), "history", Duration.ofDays(2)), 0.01, 3, 0.2, 4, 0.25);
    OracleConfig eth = new OracleConfig(Duration.ofMillis(250), Map.of("okx", Duration.ofSeconds(1)), 0.03, 1, 0.3,
        2, 1);
    assertThat(s).isEqualTo(new OracleSettings(top, Map.of(Asset.ETH, eth)));
    assertThat(s.configOf(Asset.ETH)).isEqualTo(eth);
    assertThat(s.configOf(Asset.BTC)).isEqualTo(top);
  }

  static Stream<Arguments> singleFields() {
    return Stream.of(
        Arguments.of("\"staleness_seconds\": 7", D.withStaleness(Duration.ofSeconds(7))),
        Arguments.of("\"staleness_by_source\": {\"a\": 0.5}", new OracleConfig(D.staleness(),
            Map.of("a", Duration.ofMillis(500)), D.maxDeviation(), D.minSources(), D.maxMove(),
            D.jumpConfirmations(), D.basisSmoothing())),
        Arguments.of("\"max_deviation\": 0.05", new OracleConfig(D.staleness(), D.stalenessBySource(), 0.05,
            D.minSources(), D.maxMove(), D.jumpConfirmations(), D.basisSmoothing())),
        Arguments.of("\"min_sources\": 5", D.withMinSources(5)),
        Arguments.of("\"max_move\": 0.5", new OracleConfig(D.staleness(), D.stalenessBySource(), D.maxDeviation(),
            D.minSources(), 0.5, D.jumpConfirmations(), D.basisSmoothing())),
        Arguments.of("\"jump_confirmations\": 7", new OracleConfig(D.staleness(), D.stalenessBySource(),
            D.maxDeviation(), D.minSources(), D.maxMove(), 7, D.basisSmoothing())),
        Arguments.of("\"basis_smoothing\": 0.5", D.withBasisSmoothing(0.5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleFields")
  void oneFieldGivenTheOthersDefault(String field, OracleConfig expected) {
    assertThat(read("{\"version\":1," + field + "}")).isEqualTo(OracleSettings.of(expected));
  }

  @Test
  void anUnderlyingInheritsTheFileGuardsNotTheBuiltInDefaults() {
    OracleSettings s = read("""
        {"version": 1, "min_sources": 4, "staleness_by_source": {"a": 3},
         "by_underlying": {"BTC": {"max_move": 0.25}, "ETH": {"staleness_by_source": {}}}}""");
    OracleConfig top = new OracleConfig(D.staleness(), Map.of("a", Duration.ofSeconds(3)), D.maxDeviation(), 4,
        D.maxMove(), D.jumpConfirmations(), D.basisSmoothing());
    assertThat(s.defaults()).isEqualTo(top);
    assertThat(s.configOf(Asset.BTC)).isEqualTo(new OracleConfig(top.staleness(), top.stalenessBySource(),
        top.maxDeviation(), 4, 0.25, top.jumpConfirmations(), top.basisSmoothing()));
    // A per-underlying staleness_by_source replaces the file's, here by none.
    assertThat(s.configOf(Asset.ETH).stalenessBySource()).isEmpty();
    assertThat(s.configOf(Asset.ETH).minSources()).isEqualTo(4);
  }

  @Test
  void settingsBuildAnOracleWithPerUnderlyingGuards() {
    OracleSettings s = read("{\"version\":1,\"by_underlying\":{\"BTC\":{\"min_sources\":1}}}");
    Oracle oracle = s.newOracle(OracleFixtures.market());
    assertThat(oracle.config(Asset.BTC).minSources()).isEqualTo(1);
    assertThat(oracle.config(Asset.ETH)).isEqualTo(D);
  }

  @Test
  void roundTripsEveryField() {
    OracleConfig top = new OracleConfig(Duration.ofMillis(12_345),
        Map.of("deribit", Duration.ofMillis(1), "history", Duration.ofDays(3)), 0.0123, 3, 0.17, 5, 0.33);
    OracleConfig eth = new OracleConfig(Duration.ofSeconds(90), Map.of(), 0.04, 1, 0.5, 2, 1.0);
    OracleConfig btc = top.withMinSources(2);
    OracleSettings s = new OracleSettings(top, Map.of(Asset.ETH, eth, Asset.BTC, btc));
    assertThat(roundTrip(s)).isEqualTo(s);
    assertThat(roundTrip(OracleSettings.defaultSettings())).isEqualTo(OracleSettings.defaultSettings());
    // An underlying's entry lists only what differs from the top level.
    assertThat(OracleConfigJson.write(s).get("by_underlying").get("BTC").propertyNames())
        .containsExactly("min_sources");
  }

  static LongStream seeds() {
    return LongStream.range(0, 50).map(i -> 90_210 + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void roundTripsRandomSettings(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    OracleConfig top = randomConfig(rng);
    Map<Asset, OracleConfig> by = new HashMap<>();
    for (String code : new String[] {"BTC", "ETH", "SOL"}) {
      if (rng.nextBoolean()) {
        by.put(Asset.of(code), rng.nextBoolean() ? randomConfig(rng) : top.withMinSources(1 + rng.nextInt(9)));
      }
    }
    OracleSettings s = new OracleSettings(top, by);
    assertThat(roundTrip(s)).as("seed %d", seed).isEqualTo(s);
  }

  private static OracleConfig randomConfig(SplittableRandom rng) {
    Map<String, Duration> bySource = new HashMap<>();
    for (int i = rng.nextInt(4); i > 0; i--) {
      bySource.put("src" + rng.nextInt(100), Duration.ofMillis(1 + rng.nextLong(1_000_000_000L)));
    }
    return new OracleConfig(Duration.ofMillis(1 + rng.nextLong(999_999_999_999L)), bySource,
        rng.nextDouble(1e-9, 1), 1 + rng.nextInt(20), rng.nextDouble(1e-9, 10), 2 + rng.nextInt(20),
        rng.nextBoolean() ? 1.0 : rng.nextDouble(1e-9, 1));
  }

  @Test
  void writeRefusesADurationTheFormatCannotHold() {
    OracleSettings s = OracleSettings.of(D.withStaleness(Duration.ofNanos(1_500_000)));
    assertThatThrownBy(() -> OracleConfigJson.write(s)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("staleness_seconds"));
    OracleSettings t = new OracleSettings(D, Map.of(Asset.ETH,
        new OracleConfig(D.staleness(), Map.of("a", Duration.ofDays(365L * 40)), 0.02, 2, 0.1, 3, 0.1)));
    assertThatThrownBy(() -> OracleConfigJson.write(t)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("by_underlying.ETH.staleness_by_source.a"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no version | {\"min_sources\":2} | version",
      "wrong version | {\"version\":2} | version",
      "version as text | {\"version\":\"1\"} | version",
      "not an object | [1] | json",
      "malformed | {\"version\":1, | json",
      "unknown top field | {\"version\":1,\"stalenes_seconds\":3} | stalenes_seconds",
      "unknown underlying field | {\"version\":1,\"by_underlying\":{\"ETH\":{\"version\":1}}} | by_underlying.ETH.version",
      "description not text | {\"version\":1,\"description\":3} | description",
      "zero staleness | {\"version\":1,\"staleness_seconds\":0} | staleness_seconds",
      "negative staleness | {\"version\":1,\"staleness_seconds\":-30} | staleness_seconds",
      "ISO duration | {\"version\":1,\"staleness_seconds\":\"PT30S\"} | staleness_seconds",
      "sub-millisecond | {\"version\":1,\"staleness_seconds\":0.0015} | staleness_seconds",
      "too small | {\"version\":1,\"staleness_seconds\":0.0001} | staleness_seconds",
      "too long | {\"version\":1,\"staleness_seconds\":1e12} | staleness_seconds",
      "overflowing | {\"version\":1,\"staleness_seconds\":1e400} | staleness_seconds",
      "by-source not object | {\"version\":1,\"staleness_by_source\":[5]} | staleness_by_source",
      "by-source negative | {\"version\":1,\"staleness_by_source\":{\"deribit\":-1}} | staleness_by_source.deribit",
      "by-source null | {\"version\":1,\"staleness_by_source\":{\"deribit\":null}} | staleness_by_source.deribit",
      "by-source blank id | {\"version\":1,\"staleness_by_source\":{\" \":1}} | staleness_by_source",
      "deviation one | {\"version\":1,\"max_deviation\":1} | max_deviation",
      "deviation zero | {\"version\":1,\"max_deviation\":0} | max_deviation",
      "deviation text | {\"version\":1,\"max_deviation\":\"2%\"} | max_deviation",
      "no sources | {\"version\":1,\"min_sources\":0} | min_sources",
      "fractional sources | {\"version\":1,\"min_sources\":1.5} | min_sources",
      "huge sources | {\"version\":1,\"min_sources\":10000000000} | min_sources",
      "zero move | {\"version\":1,\"max_move\":0} | max_move",
      "one confirmation | {\"version\":1,\"jump_confirmations\":1} | jump_confirmations",
      "zero smoothing | {\"version\":1,\"basis_smoothing\":0} | basis_smoothing",
      "smoothing above one | {\"version\":1,\"basis_smoothing\":1.5} | basis_smoothing",
      "by_underlying not object | {\"version\":1,\"by_underlying\":[]} | by_underlying",
      "entry not object | {\"version\":1,\"by_underlying\":{\"ETH\":0.1}} | by_underlying.ETH",
      "bad underlying code | {\"version\":1,\"by_underlying\":{\"ETH-USD\":{}}} | by_underlying.ETH-USD",
      "blank underlying | {\"version\":1,\"by_underlying\":{\"\":{}}} | by_underlying",
      "same underlying twice | {\"version\":1,\"by_underlying\":{\"eth\":{},\"ETH\":{}}} | by_underlying.ETH",
      "underlying move | {\"version\":1,\"by_underlying\":{\"ETH\":{\"max_move\":0}}} | by_underlying.ETH.max_move",
      "underlying confirmations | {\"version\":1,\"by_underlying\":{\"ETH\":{\"jump_confirmations\":0}}} | by_underlying.ETH.jump_confirmations",
      "underlying staleness | {\"version\":1,\"by_underlying\":{\"ETH\":{\"staleness_seconds\":-1}}} | by_underlying.ETH.staleness_seconds",
      "underlying by-source | {\"version\":1,\"by_underlying\":{\"ETH\":{\"staleness_by_source\":{\"x\":0}}}} | by_underlying.ETH.staleness_by_source.x",
  })
  void everyErrorNamesItsField(String what, String json, String field) {
    assertThatThrownBy(() -> read(json)).as(what).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }
}
