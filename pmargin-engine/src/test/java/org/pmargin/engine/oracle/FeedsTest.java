package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmargin.engine.oracle.OracleFixtures.BTC;
import static org.pmargin.engine.oracle.OracleFixtures.T0;
import static org.pmargin.engine.oracle.OracleFixtures.at;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.oracle.AggregatedPrice.DropReason;

class FeedsTest {

  private static JsonLinesFeed jsonl(String text) {
    return new JsonLinesFeed(new BufferedReader(new StringReader(text)));
  }

  @Test
  void jsonLinesPollsUpToATimeInOrder() {
    JsonLinesFeed feed = jsonl("""
        {"source":"a","underlying":"btc","price":100.5,"time":"2024-06-01T00:00:00Z"}

        {"source":"b","underlying":"BTC","price":101,"time":"2024-06-01T00:00:05Z","kind":"perpetual"}
        {"source":"a","underlying":"BTC","price":102,"time":"2024-06-01T00:00:10Z"}
        """);
    assertThat(feed.poll(at(5))).containsExactly(PriceTick.index("a", BTC, 100.5, at(0)),
        PriceTick.perpetual("b", BTC, 101, at(5)));
    assertThat(feed.exhausted()).isFalse();
    assertThat(feed.poll(at(9))).isEmpty();
    assertThat(feed.poll(at(10))).containsExactly(PriceTick.index("a", BTC, 102, at(10)));
    assertThat(feed.poll(at(100))).isEmpty();
    assertThat(feed.exhausted()).isTrue();
  }

  @Test
  void jsonLinesBadLineNamesTheField() {
    assertThatThrownBy(() -> jsonl("""
        {"source":"a","underlying":"BTC","price":100,"time":"2024-06-01T00:00:00Z"}
        {"source":"a","underlying":"BTC","price":-1,"time":"2024-06-01T00:00:01Z"}
        """).poll(at(10))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("line[2].price"));
    assertThatThrownBy(() -> jsonl("{\"source\":\"a\",\"underlying\":\"BTC\",\"time\":\"2024-06-01T00:00:00Z\"}")
        .poll(at(10))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("line[1].price"));
    assertThatThrownBy(() -> jsonl("{\"source\":\"a\",\"underlying\":\"BTC\",\"price\":1,\"time\":\"yesterday\"}")
        .poll(at(10))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("line[1].time"));
    assertThatThrownBy(() -> jsonl("{\"source\":\"a\",\"underlying\":\"BTC\",\"price\":1,"
        + "\"time\":\"2024-06-01T00:00:00Z\",\"prcie\":2}").poll(at(10)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("line[1].prcie"));
    assertThatThrownBy(() -> jsonl("{\"source\":\"a\",").poll(at(10)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).startsWith("line[1]"));
    assertThatThrownBy(() -> jsonl("""
        {"source":"a","underlying":"BTC","price":100,"time":"2024-06-01T00:00:05Z"}
        {"source":"a","underlying":"BTC","price":100,"time":"2024-06-01T00:00:01Z"}
        """).poll(at(10))).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("line[2].time"));
  }

  @Test
  void historyReplayStampsEachDateAtMidnightUtc() {
    PriceSeries s = new PriceSeries(BTC, new LocalDate[] {LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 2)},
        new double[] {67000, 68000});
    HistoryReplayFeed feed = new HistoryReplayFeed("history", s);
    assertThat(feed.poll(T0.minusSeconds(1))).isEmpty();
    assertThat(feed.poll(T0.plus(Duration.ofHours(23)))).containsExactly(PriceTick.index("history", BTC, 67000, T0));
    assertThat(feed.poll(T0.plus(Duration.ofDays(5))))
        .containsExactly(PriceTick.index("history", BTC, 68000, T0.plus(Duration.ofDays(1))));
    assertThat(feed.exhausted()).isTrue();
  }

  @Test
  void historyReplayDrivesTheOracleWithOneSource() {
    PriceSeries s = new PriceSeries(BTC, new LocalDate[] {LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 2)},
        new double[] {101, 103});
    Oracle oracle = new Oracle(OracleFixtures.market(),
        OracleConfig.defaults().withMinSources(1).withStaleness(Duration.ofDays(1)));
    HistoryReplayFeed feed = new HistoryReplayFeed("history", s);
    assertThat(oracle.update(feed, T0).snapshot().underlying(BTC).index()).isEqualTo(101);
    OracleUpdate u = oracle.update(feed, T0.plus(Duration.ofDays(1)));
    assertThat(u.degraded(BTC)).isFalse();
    assertThat(u.snapshot().underlying(BTC).index()).isEqualTo(103);
  }

  @Test
  void syntheticFeedIsDeterministicAndInjectsOutlierAndStaleSources() {
    SyntheticRandomWalkFeed.Spec spec = SyntheticRandomWalkFeed.Spec
        .clean(BTC, 4, T0, Duration.ofSeconds(1), 100, 0.001, 0.0005)
        .withOutlier(1, 1.2).withStale(3, at(5));
    List<PriceTick> a = new SyntheticRandomWalkFeed(spec, RandomGeneratorFactory.of("L64X128MixRandom").create(7))
        .poll(at(9));
    List<PriceTick> b = new SyntheticRandomWalkFeed(spec, RandomGeneratorFactory.of("L64X128MixRandom").create(7))
        .poll(at(9));
    assertThat(a).isEqualTo(b).hasSize(4 * 5 + 3 * 5);
    Oracle oracle = new Oracle(OracleFixtures.market(), OracleConfig.defaults());
    oracle.acceptAll(a);
    OracleUpdate u = oracle.update(at(36)); // src3 last quoted at 4 s: 32 s old; the others 27 s
    assertThat(u.degraded(BTC)).isFalse();
    assertThat(u.prices().get(BTC).dropped(DropReason.OUTLIER)).extracting(PriceTick::source)
        .containsExactly("src1");
    assertThat(u.prices().get(BTC).dropped(DropReason.STALE)).extracting(PriceTick::source)
        .containsExactly("src3");
    assertThatThrownBy(() -> SyntheticRandomWalkFeed.Spec.clean(Asset.ETH, 0, T0, Duration.ofSeconds(1), 1, 0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("sources");
  }
}
