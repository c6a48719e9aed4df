package org.pmargin.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.engine.book.AccountShard;
import org.pmargin.engine.book.EngineConfig;

/**
 * {@link MarketLog}'s compaction without Flink: over a long run of ticks 25 s apart (a full pass every third one on
 * the 60 s interval) with a model change and a refused tick (time going back), the saved records stay within one
 * full-pass interval (at most 3 ticks here, and the refused one, instead of growing with the run), and a log
 * restored from what is saved at any point rebuilds the running shard's snapshot, model, last full pass, degraded
 * bits and asset bit order; with vectors kept per market time (the job's setting), one record and the refused one.
 */
class MarketLogTest {

  private static final JobSettings SETTINGS = JobSettings.defaults().withBuckets(4);
  private static final EngineConfig ACROSS_TIMES = new EngineConfig(1, Duration.ofSeconds(60));

  /** 58 ticks 25 s apart, every fifth with a degraded SOL; a model change at 31, a tick back in time at 41. */
  private static List<JobRecord> records() {
    List<JobRecord> out = new ArrayList<>();
    Instant t = SETTINGS.market().asOf();
    for (int k = 1; k <= 60; k++) {
      String line;
      if (k == 31) {
        line = "{\"type\":\"model\",\"model\":\"cross\"}";
      } else if (k == 41) {
        line = SyntheticEvents.tick(0.01, t.minusSeconds(5).toString());
      } else {
        t = t.plusSeconds(25);
        String degraded = k % 5 == 0 ? ",\"degraded\":[\"SOL\"]" : "";
        line = String.format(java.util.Locale.ROOT, "{\"type\":\"market\",\"moves\":{\"BTC\":%s},\"at\":\"%s\"%s}",
            k % 2 == 0 ? 0.012 : -0.01, t, degraded);
      }
      out.add(EventLines.parse(line, k));
    }
    return out;
  }

  private static int run(EngineConfig config) {
    MarketLog log = new MarketLog(SETTINGS.withFailure(-1, "", 0), config, null, List.of());
    int most = 0;
    int fullPasses = 0;
    for (JobRecord r : records()) {
      for (int b = 0; b < SETTINGS.buckets(); b++) {
        String why = log.advance(r.to(b));
        assertThat(why == null).as("only the tick back in time is refused, once").isEqualTo(b > 0 || r.seq != 41);
      }
      AccountShard s = log.shard();
      fullPasses += s.lastAdvanceFull() && r.seq != 41 && r.kind.equals("market") ? 1 : 0;
      most = Math.max(most, log.records().size());
      assertThat(log.refused(41)).isEqualTo(r.seq >= 41 && log.records().stream().anyMatch(x -> x.seq == 41));
      ShardBase saved = log.base();
      if (r.seq >= 3) {
        assertThat(saved).as("compacted by the first full pass").isNotNull();
      }
      // a restore from the union of two tasks' states: an older base with its records, and this one
      List<ShardBase> bases = new ArrayList<>();
      List<JobRecord> kept = new ArrayList<>(log.records());
      if (saved != null) {
        bases.add(new ShardBase(-1, "grid", new byte[0])); // older: never read
        bases.add(saved);
        kept.add(0, records().get(0));
      }
      AccountShard back = MarketLog.restored(SETTINGS, config, bases, kept).shard();
      assertThat(back.snapshot()).isEqualTo(s.snapshot());
      assertThat(back.model().name()).isEqualTo(s.model().name());
      assertThat(back.lastFullPass()).isEqualTo(s.lastFullPass());
      assertThat(back.degradedMask()).isEqualTo(s.degradedMask());
      assertThat(back.assetOrder()).isEqualTo(s.assetOrder());
    }
    assertThat(fullPasses).as("full passes over 59 ticks 25 s apart").isGreaterThanOrEqualTo(18);
    return most;
  }

  @Test
  void withVectorsKeptAcrossMarketTimesTheLogHoldsOneFullPassInterval() {
    // the three ticks of an interval (a full pass at most 75 s after the last), and the refused tick 41 among them
    assertThat(run(ACROSS_TIMES)).isEqualTo(4);
  }

  @Test
  void withVectorsPerMarketTimeTheLogHoldsTheLastRecordAndARefusedOne() {
    assertThat(SETTINGS.engineConfig().vectorsPerMarketTime()).isTrue();
    assertThat(run(SETTINGS.engineConfig())).isEqualTo(2);
  }
}
