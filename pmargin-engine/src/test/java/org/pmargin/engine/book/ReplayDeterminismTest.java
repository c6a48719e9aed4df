package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;

/**
 * Replay: the same event sequence gives the same outcomes bit for bit (records compare doubles by their bits), on a
 * fresh engine, on one thread or two, with enough accounts that the parallel path runs.
 */
class ReplayDeterminismTest {

  static Stream<Long> seeds() {
    return LongStream.range(100, 106).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldReplayBitForBit(long seed) {
    List<EngineEvent> events = RandomEvents.generate(seed, 400, 150, IncrementalRecomputeTest.MODELS);
    List<EventOutcome> first = run(events, 1);
    List<EventOutcome> second = run(events, 2);
    List<EventOutcome> third = run(events, 2);
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(first.stream().mapToInt(o -> o.margins().size()).sum()).isGreaterThan(events.size());
  }

  private static List<EventOutcome> run(List<EngineEvent> events, int threads) {
    List<EventOutcome> out = new ArrayList<>();
    try (MarginEngine engine = new MarginEngine(IncrementalRecomputeTest.MODELS.get(0), EngineFixtures.market(),
        new EngineConfig(threads, Duration.ofSeconds(60)))) {
      for (EngineEvent e : events) {
        out.add(engine.apply(e));
      }
    }
    return out;
  }
}
