package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * Every output computed from the data directory names it and carries the cleaning report: {@code stress} and
 * {@code margin --model simulation} in text (the line and a count per kind) and JSON (the {@code data} object with
 * every entry), and the shared helper's summary against the report it summarises.
 */
class DataProvenanceTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();
  private static final String MARKET = Path.of("..", "examples", "market", "deribit-2024-06-17.json").toString();
  private static final String BOOK = Path.of("..", "examples", "portfolios", "multi-asset-usdc.json").toString();
  private static final String LINE = "Real market data from " + DATA + " (--data-dir)";

  private static DataProvenance provenance;

  @BeforeAll
  static void load() {
    provenance = DataProvenance.of(new DataDirectory.Location(DATA, DataDirectory.Origin.OPTION),
        org.pmargin.data.history.HistoryStore.loadFrom(DATA).report());
  }

  @Test
  void shouldNameTheDirectoryAndSummariseTheCleaningInStressText() {
    CliRun run = CliRun.of("stress", "-p", BOOK, "-m", MARKET, "--data-dir", DATA.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(LINE, "Data cleaning", provenance.report().size() + " entries",
        "--format json lists every one");
    // The text's counts per action add up to the report's size.
    Matcher m = Pattern.compile("(?m)^  (dropped|fixed|flagged) (\\d+): ").matcher(run.out());
    int total = 0;
    while (m.find()) {
      total += Integer.parseInt(m.group(2));
    }
    assertThat(total).isEqualTo(provenance.report().size());
  }

  @Test
  void shouldGiveTheDirectoryAndEveryCleaningEntryInStressJson() {
    CliRun run = CliRun.of("stress", "-p", BOOK, "-m", MARKET, "--data-dir", DATA.toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertData(Json.parse(run.out()).get("data"));
  }

  @Test
  void shouldNameTheDirectoryBesideTheSimulationMarginOnly() {
    String[] args = {"margin", "-p", BOOK, "-m", MARKET, "--model", "all", "--data-dir", DATA.toString()};
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    String simulation = run.out().substring(run.out().indexOf("- model simulation"));
    assertThat(simulation).contains(LINE, "Data cleaning");
    assertThat(run.out().substring(0, run.out().indexOf("- model simulation"))).doesNotContain(LINE);
    CliRun json = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "all", "--data-dir", DATA.toString(),
        "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    int simulations = 0;
    for (JsonNode r : Json.parse(json.out())) {
      if (r.get("model").asString().equals("simulation")) {
        assertData(r.get("data"));
        simulations++;
      } else {
        assertThat(r.has("data")).as(r.get("model").asString()).isFalse();
      }
    }
    assertThat(simulations).isEqualTo(1);
  }

  @Test
  void shouldSayWhenTheDataIsTheShippedCopy() {
    assumeTrue(System.getenv(DataDirectory.ENV) == null, "$" + DataDirectory.ENV + " is set");
    CliRun run = CliRun.of("stress", "-p", BOOK, "-m", MARKET);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Real market data from " + DATA + " (the copy shipped with pmargin");
    CliRun json = CliRun.of("stress", "-p", BOOK, "-m", MARKET, "--format", "json");
    assertThat(Json.parse(json.out()).get("data").get("origin").asString()).isEqualTo("shipped");
  }

  @Test
  void shouldSayNothingOfDataThatWasNotRead() {
    CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "grid");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("Real market data", "Data cleaning");
  }

  @Test
  void shouldWrapTheSummaryAndCountEveryEntryOnce() {
    StringWriter sw = new StringWriter();
    provenance.print(new PrintWriter(sw, true), "every one: --format json");
    String[] lines = sw.toString().split("\n");
    assertThat(lines[0]).isEqualTo(LINE);
    int counted = 0;
    for (int i = 2; i < lines.length; i++) {
      assertThat(lines[i].length()).isLessThanOrEqualTo(118);
      Matcher m = Pattern.compile("([a-z0-9_]+) (\\d+)(,|$)").matcher(lines[i].replaceFirst(
          "^  (dropped|fixed|flagged) \\d+: ", ""));
      while (m.find()) {
        counted += Integer.parseInt(m.group(2));
      }
    }
    assertThat(counted).isEqualTo(provenance.report().size());
  }

  private static void assertData(JsonNode data) {
    assertThat(data.get("directory").asString()).isEqualTo(DATA.toString());
    assertThat(data.get("origin").asString()).isEqualTo("option");
    JsonNode items = data.get("cleaning").get("items");
    assertThat(items.size()).isEqualTo(provenance.report().size()).isEqualTo(data.get("cleaning").get("entries")
        .asInt());
    var first = provenance.report().entries().get(0);
    assertThat(items.get(0).get("file").asString()).isEqualTo(first.file());
    assertThat(items.get(0).get("line").asInt()).isEqualTo(first.line());
    assertThat(items.get(0).get("reason").asString()).isEqualTo(first.reason());
    assertThat(items.get(0).get("action").asString()).isEqualTo(first.action().name().toLowerCase(
        java.util.Locale.ROOT));
  }
}
