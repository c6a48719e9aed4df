package org.pmargin.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Flink job against the single-node engine on one synthetic script (deposits, fills, BTC ticks with funding
 * times passed, withdrawals): the same margin results and health transitions for every account, bit for bit (the
 * lines compare the shortest round-trip decimal of every double), at parallelism 1 and 2, and after a failure
 * injected mid-stream, each result exactly once; market lines that flag an underlying as degraded flag the same
 * results in both.
 */
class MarginJobTest {

  private static final JobSettings GRID = JobSettings.defaults().withBuckets(16);
  private static List<String> script;
  private static ReferenceRun gridReference;

  @TempDir
  static Path dir;

  @BeforeAll
  static void script() {
    script = SyntheticEvents.script(GRID.market(), GRID.model("grid"), 60, 12, 0.05, 3);
    gridReference = ReferenceRun.of(script, GRID);
  }

  @Test
  void theReferenceHasRealFiguresAndTransitions() {
    assertThat(gridReference.margins()).hasSizeGreaterThan(60 * 12);
    assertThat(gridReference.transitions()).isNotEmpty();
    JsonNode first = Json.parse(gridReference.margins().get(gridReference.margins().size() - 1));
    assertThat(first.get("initial_margin_usd").asDouble()).isPositive();
  }

  @Test
  void parallelismOneGivesTheEnginesResults() throws Exception {
    Path out = run("p1", GRID, 1);
    assertSame(out, gridReference);
  }

  @Test
  void parallelismTwoGivesTheEnginesResults() throws Exception {
    Path out = run("p2", GRID, 2);
    assertSame(out, gridReference);
  }

  @Test
  void simulationModelAtParallelismTwoGivesTheEnginesResults() throws Exception {
    JobSettings sim = new JobSettings(null, "simulation", 200, 16, -1, "", 0);
    List<String> small = SyntheticEvents.script(sim.market(), sim.model("simulation"), 30, 6, 0.02, 5);
    ReferenceRun ref = ReferenceRun.of(small, sim);
    Path events = SyntheticEvents.write(small, dir.resolve("sim.jsonl"));
    Path out = dir.resolve("sim-out");
    MarginJob.runLocal(events, out, sim, 2, 200);
    assertSame(out, ref);
  }

  @Test
  void degradedUnderlyingsOnMarketLinesAreFlaggedAsByTheEngine() throws Exception {
    // every third tick comes from an oracle holding BTC (degraded), the next one clears it
    List<String> degraded = new ArrayList<>();
    int ticks = 0;
    for (String line : script) {
      JsonNode n = Json.parse(line);
      if (n.get("type").asString().equals("market") && ticks++ % 3 == 1) {
        ObjectNode m = (ObjectNode) n;
        m.putArray("degraded").add("BTC");
        line = m.toString();
      }
      degraded.add(line);
    }
    ReferenceRun ref = ReferenceRun.of(degraded, GRID);
    assertThat(ref.margins()).as("some results are flagged, some are not")
        .anyMatch(l -> Json.parse(l).get("degraded").asBoolean())
        .anyMatch(l -> !Json.parse(l).get("degraded").asBoolean());
    Path events = SyntheticEvents.write(degraded, dir.resolve("degraded.jsonl"));
    Path out = dir.resolve("degraded-out");
    MarginJob.runLocal(events, out, GRID, 2, 100);
    assertSame(out, ref);
  }

  @Test
  void aFailureMidStreamRestoresFromTheCheckpointAndEmitsEveryResultOnce() throws Exception {
    String token = "fail-" + System.nanoTime();
    JobSettings failing = GRID.withFailure(400, token, 300);
    Path out = run("fail", failing, 2);
    assertThat(MarginFunction.FAILED).containsKey(token);
    assertSame(out, gridReference);
    Map<String, Integer> counts = new HashMap<>();
    for (String line : lines(out.resolve("margins"))) {
      JsonNode n = Json.parse(line);
      counts.merge(n.get("account").asString() + "@" + n.get("sequence").asLong(), 1, Integer::sum);
    }
    assertThat(counts.values()).allMatch(c -> c == 1);
  }

  /**
   * Ticks 25 s apart (the market time moves on every tick, a full pass every third one), a failure after 600
   * records of a task (some 50 ticks in; the checkpoint it restores from is earlier, by how much depends on the
   * load): the task restores from a compacted base, not from the job's first snapshot, saves at most one market
   * record at any checkpoint, and every result is the engine's, once.
   */
  @Test
  void aFailureAfterSeveralFullPassesRestoresFromACompactedBase() throws Exception {
    List<String> timed = SyntheticEvents.script(GRID.market(), GRID.model("grid"), 20, 60, 0.04, 7, 25);
    ReferenceRun ref = ReferenceRun.of(timed, GRID);
    List<Long> ticks = new ArrayList<>();
    for (int i = 0; i < timed.size(); i++) {
      if (timed.get(i).contains("\"market\"")) {
        ticks.add(i + 1L);
      }
    }
    String token = "compacted-" + System.nanoTime();
    Path events = SyntheticEvents.write(timed, dir.resolve("timed.jsonl"));
    Path out = dir.resolve("timed-out");
    MarginJob.runLocal(events, out, GRID.withFailure(600, token, 3_000), 2, 100);
    assertThat(MarginFunction.FAILED).containsKey(token);
    assertThat(MarginFunction.RESTORED_BASE.get(token)).as("the base is past the full passes of ticks 3 and 6")
        .isGreaterThanOrEqualTo(ticks.get(5));
    assertThat(MarginFunction.MOST_SAVED.get(token)).isEqualTo(1);
    assertSame(out, ref);
    Map<String, Integer> counts = new HashMap<>();
    for (String line : lines(out.resolve("margins"))) {
      JsonNode n = Json.parse(line);
      counts.merge(n.get("account").asString() + "@" + n.get("sequence").asLong(), 1, Integer::sum);
    }
    assertThat(counts.values()).allMatch(c -> c == 1);
  }

  private static Path run(String name, JobSettings settings, int parallelism) throws Exception {
    Path events = SyntheticEvents.write(script, dir.resolve(name + ".jsonl"));
    Path out = dir.resolve(name + "-out");
    MarginJob.runLocal(events, out, settings, parallelism, 100);
    return out;
  }

  private static void assertSame(Path out, ReferenceRun ref) {
    List<String> margins = lines(out.resolve("margins"));
    List<String> expected = new ArrayList<>(ref.margins());
    margins.sort(null);
    expected.sort(null);
    assertThat(margins).hasSize(expected.size()).isEqualTo(expected);
    List<String> transitions = lines(out.resolve("transitions"));
    List<String> expectedT = new ArrayList<>(ref.transitions());
    transitions.sort(null);
    expectedT.sort(null);
    assertThat(transitions).isEqualTo(expectedT);
    List<String> triggers = lines(out.resolve("liquidation-triggers"));
    assertThat(transitions).containsAll(triggers);
  }

  /** Every line of the committed part files under a directory (in-progress files are hidden, dot-prefixed). */
  static List<String> lines(Path root) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        for (String l : Files.readAllLines(f)) {
          if (!l.isBlank()) {
            out.add(l);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
