package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.history.HourlyBar;

/** Hourly bars as ticks along the OHLC path, polled up to a time. */
class HourlyBarFeedTest {

  private static final Instant T = Instant.parse("2022-11-08T10:00:00Z");

  @Test
  void shouldWalkAFallingBarOpenHighLowClose() {
    HourlyBarFeed feed = new HourlyBarFeed("binance", Asset.BTC, List.of(
        new HourlyBar(T, 100, 104, 90, 95, 1, 2), new HourlyBar(T.plusSeconds(3600), 95, 99, 94, 98, 1, 3)));
    List<PriceTick> first = feed.poll(T.plusSeconds(3599));
    assertThat(first).extracting(PriceTick::price).containsExactly(100.0, 104.0, 90.0, 95.0);
    assertThat(first).extracting(PriceTick::timestamp).containsExactly(T, T.plusSeconds(900), T.plusSeconds(2700),
        T.plusSeconds(3599));
    assertThat(first).allSatisfy(t -> {
      assertThat(t.source()).isEqualTo("binance");
      assertThat(t.underlying()).isEqualTo(Asset.BTC);
    });
    assertThat(feed.exhausted()).isFalse();
    // A rising bar reaches its low first.
    assertThat(feed.poll(T.plusSeconds(7200))).extracting(PriceTick::price).containsExactly(95.0, 94.0, 99.0, 98.0);
    assertThat(feed.exhausted()).isTrue();
    assertThat(feed.poll(T.plusSeconds(99_999))).isEmpty();
  }

  @Test
  void shouldRefuseBarsOutOfOrder() {
    assertThatThrownBy(() -> new HourlyBarFeed("b", Asset.BTC, List.of(new HourlyBar(T, 1, 1, 1, 1, 0, 2),
        new HourlyBar(T, 1, 1, 1, 1, 0, 3)))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bars[1].open");
  }
}
