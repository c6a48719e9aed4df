package org.pmargin.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.MarketUpdate;

/**
 * The job's market lines carry what the engine script's do: moves, the time, degraded underlyings and delivery
 * prices, validated with the field named when the line is read (before it is sequenced).
 */
class EventLinesTest {

  private static final JobSettings SETTINGS = JobSettings.defaults();

  @Test
  void shouldCarryDegradedUnderlyingsAndDeliveryPricesToTheEnginesEvent() {
    MarketSnapshot market = SETTINGS.market();
    Instant at = market.asOf().plusSeconds(3600);
    String line = "{\"type\":\"market\",\"moves\":{\"BTC\":-0.05},\"at\":\"" + at + "\",\"degraded\":[\"BTC\"],"
        + "\"delivery_prices\":[{\"underlying\":\"BTC\",\"expiry\":\"" + market.asOf() + "\",\"price\":61234.5,"
        + "\"source\":\"test\"}]}";
    JobRecord r = EventLines.parse(line, 7);
    assertThat(r.broadcast()).isTrue();
    MarketUpdate u = (MarketUpdate) EventLines.toEngine(r.to(3), market, SETTINGS);
    assertThat(u.degraded()).containsExactly(Asset.BTC);
    assertThat(u.snapshot().asOf()).isEqualTo(at);
    assertThat(u.snapshot().underlying(Asset.BTC).index())
        .isEqualTo(market.underlying(Asset.BTC).index() * (1 + -0.05));
    assertThat(u.snapshot().deliveryPrices()).singleElement().satisfies(d -> {
      assertThat(d.price()).isEqualTo(61234.5);
      assertThat(d.expiry()).isEqualTo(market.asOf());
    });
  }

  @Test
  void shouldNameTheFieldOfABadMarketLine() {
    assertThatThrownBy(() -> EventLines.parse("{\"type\":\"market\",\"degraded\":\"BTC\"}", 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("degraded");
    assertThatThrownBy(() -> EventLines.parse("{\"type\":\"market\",\"delivery_prices\":[{\"underlying\":\"BTC\"}]}",
        1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("delivery_prices[0]");
    assertThatThrownBy(() -> EventLines.parse("{\"type\":\"market\",\"shock\":1}", 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("shock");
  }
}
