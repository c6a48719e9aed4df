package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;

/** Reading market snapshot files: the shipped example, and every kind of bad input named by its path. */
class MarketSnapshotJsonTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "market", "deribit-2024-06-17.json");

  private static final String MINIMAL = """
      {"version": 1, "as_of": "2024-06-17T10:22:20Z",
       "underlyings": {"BTC": {"index": 65000, "vol": 0.5 %s}} %s}""";

  private static MarketSnapshot read(String json) {
    return MarketSnapshotJson.read(Json.parse(json));
  }

  @Test
  void shouldReadTheShippedExample() {
    MarketSnapshot m = MarketSnapshotJson.read(EXAMPLE);
    assertThat(m.asOf()).isEqualTo(Instant.parse("2024-06-17T10:22:20Z"));
    assertThat(m.underlying(Asset.BTC).index()).isEqualTo(65666.19);
    assertThat(m.underlying(Asset.BTC).forwards().forward(Instant.parse("2024-06-28T08:00:00Z")))
        .isCloseTo(65890.0, within(1e-9));
    assertThat(m.priceUsd(Asset.USDT)).isEqualTo(0.9995);
    assertThat(m.priceUsd(Asset.ETH)).isEqualTo(3520.4);
    // The 28JUN24 smile is quoted by strike: at a quoted strike the surface returns the quoted vol.
    double t = org.pmargin.core.time.YearFraction.between(m.asOf(), Instant.parse("2024-06-28T08:00:00Z"));
    assertThat(m.underlying(Asset.BTC).vols().vol(70000, 65890.0, t)).isCloseTo(0.45, within(1e-12));
  }

  @Test
  void shouldDefaultThePerpetualMarkToTheIndexAndTheRateToZero() {
    MarketSnapshot m = read(MINIMAL.formatted("", ""));
    assertThat(m.underlying(Asset.BTC).perpetualMark()).isEqualTo(65000);
    assertThat(m.rate()).isZero();
    assertThat(m.version()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing index | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"vol\":0.5}}} | underlyings.BTC.index",
      "negative index | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":-1,\"vol\":0.5}}} | underlyings.BTC.index",
      "zero vol | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1,\"vol\":0}}} | underlyings.BTC.vol",
      "string index | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":\"1\",\"vol\":0.5}}} | underlyings.BTC.index",
      "huge index | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1e999,\"vol\":0.5}}} | underlyings.BTC.index",
      "typo | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1,\"volatility\":0.5}}} | underlyings.BTC.volatility",
      "no version | {\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{}} | version",
      "future version | {\"version\":2,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{}} | version",
      "bad time | {\"version\":1,\"as_of\":\"yesterday\",\"underlyings\":{}} | as_of",
      "bad asset | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"B-T-C\":{\"index\":1,\"vol\":0.5}}} | underlyings.B-T-C",
      "expired forward | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1,\"vol\":0.5,\"forwards\":[{\"expiry\":\"2024-06-01T08:00:00Z\",\"price\":1}]}}} | underlyings.BTC.forwards[0].expiry",
      "duplicate key | {\"version\":1,\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{}} | json",
      "NaN literal | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"rate\":NaN,\"underlyings\":{}} | json",
      "not an object | [1,2,3] | json",
      "svi arbitrage | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1,\"vol_surface\":{\"expiries\":[{\"expiry\":\"2024-09-27\",\"svi\":{\"a\":-0.2,\"b\":0.1,\"rho\":0,\"m\":0,\"sigma\":0.1}}]}}}} | underlyings.BTC.vol_surface.expiries[0].a",
      "two smiles | {\"version\":1,\"as_of\":\"2024-06-17T10:22:20Z\",\"underlyings\":{\"BTC\":{\"index\":1,\"vol_surface\":{\"expiries\":[{\"expiry\":\"2024-09-27\",\"atm_vol\":0.5,\"svi\":{}}]}}}} | underlyings.BTC.vol_surface.expiries[0].expiry",
  })
  void shouldNameTheFieldOfBadInput(String what, String json, String field) {
    assertThatThrownBy(() -> read(json)).as(what).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldRefuseAStrikeSmileWithAButterflyArbitrage() {
    String json = """
        {"version":1,"as_of":"2024-06-17T10:22:20Z","underlyings":{"BTC":{"index":65000,"vol_surface":{"expiries":[
          {"expiry":"2024-06-28","strikes":[60000,65000,70000],"vols":[0.5,0.9,0.5]}]}}}}""";
    assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).startsWith("underlyings.BTC.vol_surface.expiries[0].vols"));
  }

  @Test
  void shouldReportAMissingFile() {
    assertThatThrownBy(() -> MarketSnapshotJson.read(Path.of("no-such-market.json")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"));
  }
}
