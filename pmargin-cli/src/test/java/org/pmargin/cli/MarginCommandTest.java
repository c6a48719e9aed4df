package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/** {@code pmargin margin}: breakdowns for people and JSON, parameter files, and bad input. */
class MarginCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String MARKET = EXAMPLES.resolve("market/deribit-2024-06-17.json").toString();

  @TempDir
  Path dir;

  @Test
  void shouldExplainTheGridMarginOfTheBasisTrade() {
    CliRun run = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/basis-trade.json").toString(), "-m", MARKET,
        "--model", "grid", "--params", EXAMPLES.resolve("params/deribit-segregated.json").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model grid:deribit", "pool BTC", "worst_scenario:BTC", "roll_shock:BTC",
        "BTC-PERPETUAL", "BTC-27SEP24");
  }

  @Test
  void shouldWriteJsonWhoseComponentsAddUpToTheMargin() {
    CliRun run = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/covered-call.json").toString(), "-m",
        MARKET, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = Json.parse(run.out());
    assertThat(results.isArray()).isTrue();
    for (JsonNode r : results) {
      if (r.has("error")) {
        assertThat(r.get("model").asString()).isEqualTo("derive"); // Derive takes no coin-settled options
        assertThat(r.get("error").get("field").asString()).isNotBlank();
        continue;
      }
      double im = 0;
      for (JsonNode pool : r.get("pools")) {
        double sum = 0;
        for (JsonNode c : pool.get("components")) {
          sum += c.get("initial").asDouble();
        }
        assertThat(pool.get("initial_margin").asDouble()).isCloseTo(Math.max(0, sum), within(1e-9));
        im += pool.get("initial_margin").asDouble() * pool.get("usd_rate").asDouble();
      }
      assertThat(r.get("initial_margin_usd").asDouble()).isCloseTo(im, within(1e-6));
      assertThat(r.get("state").asString()).isIn("healthy", "margin_call", "liquidatable", "bankrupt");
    }
  }

  @Test
  void shouldNameABadParameterAndItsFile() throws Exception {
    Path bad = dir.resolve("params.json");
    Files.writeString(bad, "{\"version\":1,\"grid\":{\"price_range\":-0.1}}");
    CliRun run = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/covered-call.json").toString(), "-m",
        MARKET, "--params", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: grid.price_range").contains(bad.toString());
  }

  @Test
  void shouldRefuseAnUnknownModel() {
    CliRun run = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/covered-call.json").toString(), "-m",
        MARKET, "--model", "vibes");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("model", "vibes");
  }

  @Test
  void shouldRefuseCollateralWithoutAPrice() throws Exception {
    Path p = dir.resolve("p.json");
    Files.writeString(p, "{\"version\":1,\"account\":\"x\",\"collateral\":{\"DOGE\":1000}}");
    CliRun run = CliRun.of("margin", "-p", p.toString(), "-m", MARKET, "--model", "grid");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("collateral.DOGE");
  }

  /**
   * A book no model can margin (its only balance, DOGE, has no market price): every model fails on it, so
   * {@code --model all} exits with the bad-input code, naming each model's failure; the output still says, per model,
   * what went wrong.
   */
  @Test
  void shouldExitWithBadInputWhenEveryModelFails() throws Exception {
    Path p = dir.resolve("p.json");
    Files.writeString(p, "{\"version\":1,\"account\":\"x\",\"collateral\":{\"DOGE\":1000}}");
    CliRun run = CliRun.of("margin", "-p", p.toString(), "-m", MARKET, "--model", "all");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: no model could margin account x: ");
    for (String model : MarginModels.NAMES) {
      assertThat(run.out()).contains("model " + (model.equals("grid") ? "grid:default" : model) + ": failed: ");
    }
    assertThat(run.out()).doesNotContain("not applicable");
    CliRun json = CliRun.of("margin", "-p", p.toString(), "-m", MARKET, "--model", "all", "--format", "json");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode results = Json.parse(json.out());
    // every model of MarginModels, and simulation on the shipped data directory
    assertThat(results.size()).isEqualTo(MarginModels.NAMES.size() + 1);
    for (JsonNode r : results) {
      assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("failed");
      assertThat(r.get("error").get("field").asString()).isIn("collateral.DOGE", "market.prices.DOGE");
    }
  }

  /**
   * A coin-settled book: Derive does not apply (it lists USDC-settled contracts only), which is not a failure; the
   * other models margin it, so {@code --model all} exits 0 and reports Derive as not applicable.
   */
  @Test
  void shouldExitZeroWhenOnlyDeriveDoesNotApply() {
    String book = EXAMPLES.resolve("portfolios/covered-call.json").toString();
    CliRun run = CliRun.of("margin", "-p", book, "-m", MARKET, "--model", "all");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model derive: not applicable: positions[0].instrument: BTC-28JUN24-72000-C "
        + "cannot be held in a Derive subaccount").doesNotContain("failed");
    assertThat(run.err()).isEmpty();
    JsonNode results = Json.parse(CliRun.of("margin", "-p", book, "-m", MARKET, "--format", "json").out());
    for (JsonNode r : results) {
      assertThat(r.get("status").asString()).isEqualTo(r.get("model").asString().equals("derive") ? "not_applicable"
          : "ok");
    }
  }

  /** A single model that does not apply is still an error: the user asked for that number. */
  @Test
  void shouldRefuseASingleModelThatDoesNotApply() {
    CliRun run = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/covered-call.json").toString(), "-m",
        MARKET, "--model", "derive");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("positions[0].instrument", "Derive");
  }
}
