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
      assertThat(r.get("state").asString()).isIn("healthy", "margin_call", "liquidatable");
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
}
