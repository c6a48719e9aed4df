package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;

/** The market snapshot's {@code delivery_prices}: read, defaulted, and refused by field when bad. */
class MarketDeliveryPricesJsonTest {

  private static final String MARKET = """
      {"version": 1, "as_of": "2024-06-17T10:22:20Z",
       "underlyings": {"BTC": {"index": 65000, "vol": 0.5}},
       "delivery_prices": [%s]}""";

  private static MarketSnapshot read(String prices) {
    return MarketSnapshotJson.read(Json.parse(MARKET.formatted(prices)));
  }

  @Test
  void shouldReadDeliveryPricesWithADateMeaningEightOClock() {
    MarketSnapshot m = read("""
        {"underlying": "BTC", "expiry": "2024-06-14", "price": 66012.34, "source": "deribit delivery price"},
        {"underlying": "eth", "expiry": "2024-06-14T08:00:00Z", "price": 3480.5}""");
    Instant expiry = Instant.parse("2024-06-14T08:00:00Z");
    assertThat(m.deliveryPrice(Asset.BTC, expiry)).contains(
        new DeliveryPrice(Asset.BTC, expiry, 66012.34, "deribit delivery price"));
    assertThat(m.deliveryPrice(Asset.ETH, expiry).orElseThrow().source()).isEqualTo("market file");
    assertThat(m.deliveryPrice(Asset.BTC, expiry.plusSeconds(1))).isEmpty();
  }

  @Test
  void aMarketWithoutThemHasNone() {
    assertThat(MarketSnapshotJson.read(Json.parse("""
        {"version": 1, "as_of": "2024-06-17T10:22:20Z", "underlyings": {"BTC": {"index": 65000, "vol": 0.5}}}"""))
        .deliveryPrices()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "zero price | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":0} | delivery_prices[0].price",
      "negative price | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":-1} | delivery_prices[0].price",
      "string price | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":\"66000\"} | delivery_prices[0].price",
      "huge price | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":1e999} | delivery_prices[0].price",
      "missing price | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\"} | delivery_prices[0].price",
      "missing expiry | {\"underlying\":\"BTC\",\"price\":66000} | delivery_prices[0].expiry",
      "bad underlying | {\"underlying\":\"B-T-C\",\"expiry\":\"2024-06-14\",\"price\":66000} | delivery_prices[0].underlying",
      "typo | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"prize\":66000} | delivery_prices[0].prize",
      "future expiry | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-21\",\"price\":66000} | delivery_prices[0].expiry",
      "duplicate | {\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":1},{\"underlying\":\"BTC\",\"expiry\":\"2024-06-14\",\"price\":2} | delivery_prices[1]",
  })
  void shouldNameTheFieldOfABadDeliveryPrice(String what, String prices, String field) {
    assertThatThrownBy(() -> read(prices)).as(what).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }
}
