package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressTest;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import tools.jackson.databind.JsonNode;

/**
 * The JSON outputs of {@code margin}, {@code stress} and {@code compare} carry the same figures as their text, at full
 * precision: each is parsed back and checked against the text's rounded figures and against the model's own result
 * objects computed in the test.
 */
class JsonOutputsTest {

  private static final String DATA = DataDirectory.shipped().orElseThrow().toString();
  private static final String MARKET = Path.of("..", "examples", "market", "deribit-2024-06-17.json").toString();
  private static final String BOOK = Path.of("..", "examples", "portfolios", "multi-asset-usdc.json").toString();

  /** The simulation explanation's figures: ES at α, ES 99%, VaR, each printed to 6 significant digits. */
  private static final Pattern TAIL = Pattern.compile(
      "ES ([0-9.]+)% over \\d+ scenarios \\([^)]*\\): mean loss of the \\d+ worst, ([-0-9.e+]+) USD; ES 99% "
          + "([-0-9.e+]+) USD; VaR ([0-9.]+)% ([-0-9.e+]+) USD");

  @Test
  void shouldGiveTheSimulationVarAndEsAtEveryConfidenceInTheMarginJson() {
    String[] args = {"margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", "historical",
        "--data-dir", DATA, "--no-add-ons"};
    CliRun text = CliRun.of(args);
    assertThat(text.exitCode()).as(text.err()).isZero();
    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.addAll(List.of("--format", "json"));
    CliRun json = CliRun.of(withJson.toArray(String[]::new));
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode pool = Json.parse(json.out()).get(0).get("pools").get(0);
    Matcher m = TAIL.matcher(text.out());
    assertThat(m.find()).as(text.out()).isTrue();
    JsonNode measures = pool.get("risk_measures");
    assertThat(measures.size()).isEqualTo(3);
    assertMeasure(measures.get(0), "expected_shortfall", Double.parseDouble(m.group(1)) / 100, m.group(2));
    assertMeasure(measures.get(1), "expected_shortfall", 0.99, m.group(3));
    assertMeasure(measures.get(2), "value_at_risk", Double.parseDouble(m.group(4)) / 100, m.group(5));
    // Without add-ons the margin is the ES itself (IM factor 1): the same number as the ES measure, bit for bit.
    assertThat(measures.get(0).get("value").asDouble()).isEqualTo(pool.get("components").get(0).get("initial")
        .asDouble());
    assertThat(measures.get(1).get("value").asDouble()).isGreaterThanOrEqualTo(measures.get(2).get("value")
        .asDouble()); // ES 99% >= VaR 99%
  }

  private static void assertMeasure(JsonNode n, String name, double confidence, String sixDigits) {
    assertThat(n.get("measure").asString()).isEqualTo(name);
    assertThat(n.get("confidence").asDouble()).isCloseTo(confidence, within(1e-12));
    assertThat(String.format(Locale.ROOT, "%.6g", n.get("value").asDouble())).isEqualTo(sixDigits);
  }

  @Test
  void shouldWriteStressJsonWithTheTextsFiguresAtFullPrecision() {
    String book = Path.of("..", "examples", "portfolios", "covered-call.json").toString();
    CliRun text = CliRun.of("stress", "-p", book, "-m", MARKET, "--data-dir", DATA);
    CliRun json = CliRun.of("stress", "-p", book, "-m", MARKET, "--data-dir", DATA, "--format", "json");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode doc = Json.parse(json.out());
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    assertThat(doc.get("crash_windows").asBoolean()).isTrue();
    // Against the text: every row's name, P&L and equity after, as the table rounds them.
    for (JsonNode s : doc.get("scenarios")) {
      assertThat(text.out()).contains(s.get("name").asString());
      String line = text.out().lines().filter(l -> l.startsWith(s.get("name").asString() + " ")).findFirst()
          .orElseThrow();
      assertThat(line).contains(Table.num(s.get("pnl_usd").asDouble(), 0),
          Table.num(s.get("equity_after_usd").asDouble(), 0));
      double sum = 0;
      for (JsonNode x : s.get("exposures")) {
        sum += x.get("pnl_usd").asDouble();
      }
      assertThat(sum).isCloseTo(s.get("pnl_usd").asDouble(), within(1e-6 * Math.max(1, Math.abs(sum))));
    }
    // Against the model: the hypothetical scenarios' results, exactly.
    Account account = PortfolioJson.read(Path.of(book));
    MarketSnapshot market = MarketSnapshotJson.read(Path.of(MARKET));
    List<StressResult> expected = StressTest.run(account, market, StressLibrary.hypothetical(),
        RiskParameters.defaults().collateral());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode s = doc.get("scenarios").get(i);
      assertThat(s.get("kind").asString()).isEqualTo("hypothetical");
      assertThat(s.get("scenario").asString()).isEqualTo(expected.get(i).scenario().name());
      assertThat(s.get("pnl_usd").asDouble()).isEqualTo(expected.get(i).pnlUsd());
      assertThat(s.get("equity_after_usd").asDouble()).isEqualTo(expected.get(i).equityAfterUsd());
      for (JsonNode x : s.get("exposures")) {
        assertThat(x.get("pnl_usd").asDouble()).isEqualTo(expected.get(i).byExposure()
            .get(x.get("exposure").asString()));
      }
    }
    assertThat(doc.get("scenarios").size()).isGreaterThan(expected.size()); // then the crash windows, two rows each
  }

  @Test
  void shouldWriteCompareJsonWithTheTablesFiguresAtFullPrecision() {
    CliRun text = CliRun.of("compare");
    CliRun json = CliRun.of("compare", "--format", "json");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode doc = Json.parse(json.out());
    List<String> models = new ArrayList<>();
    doc.get("models").forEach(m -> models.add(m.asString()));
    assertThat(models).contains("isolated", "derive", "grid:span", "grid:default");
    List<String> lines = text.out().lines().toList();
    for (JsonNode s : doc.get("strategies")) {
      String row = lines.stream().filter(l -> l.startsWith(s.get("strategy").asString() + " ")).findFirst()
          .orElseThrow();
      List<String> cells = List.of(row.trim().split("\\s{2,}"));
      for (int i = 0; i < models.size(); i++) {
        JsonNode m = s.get("margins").get(i);
        assertThat(m.get("model").asString()).isEqualTo(models.get(i));
        String cell = cells.get(1 + i);
        switch (m.get("status").asString()) {
          case "ok" -> assertThat(cell).isEqualTo(Table.num(m.get("initial_margin_usd").asDouble(), 0));
          case "not_applicable" -> assertThat(cell).isEqualTo("n/a");
          default -> assertThat(cell).isEqualTo("failed");
        }
      }
      String ratio = cells.get(1 + models.size());
      if (s.get("ratio").isNull()) {
        assertThat(ratio).isEqualTo("-");
      } else {
        assertThat(ratio).isEqualTo(String.format(Locale.ROOT, "%.2f", s.get("ratio").asDouble()));
      }
      assertThat(row).endsWith(s.get("driver").asString());
    }
    // Against the model: the default grid's IM of the first strategy, computed here.
    Account first = CompareCommand.standardStrategies().get(0);
    double im = new org.pmargin.core.margin.grid.ScenarioGridModel(RiskParameters.defaults().grid())
        .margin(first, MarketSnapshotJson.read(Path.of(MARKET))).initialMarginUsd();
    JsonNode firstRow = doc.get("strategies").get(0);
    assertThat(firstRow.get("strategy").asString()).isEqualTo(first.id());
    assertThat(firstRow.get("margins").get(models.indexOf("grid:default")).get("initial_margin_usd").asDouble())
        .isEqualTo(im);
  }
}
