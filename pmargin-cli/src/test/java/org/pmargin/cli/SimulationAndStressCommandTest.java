package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import org.pmargin.data.DataDirectory;

/** Simulation margin and stress tests on the real data directory (the copy shipped with the project). */
class SimulationAndStressCommandTest {

  private static final String DATA = DataDirectory.shipped().orElseThrow().toString();
  private static final String MARKET = Path.of("..", "examples", "market", "deribit-2024-06-17.json").toString();
  private static final String BOOK = Path.of("..", "examples", "portfolios", "multi-asset-usdc.json").toString();

  @Test
  void shouldComputeExpectedShortfallOverEveryHistoricalWindow() {
    CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", "historical",
        "--data-dir", DATA, "--format", "json", "--no-add-ons");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = Json.parse(run.out()).get(0);
    assertThat(r.get("model").asString()).isEqualTo("simulation");
    JsonNode pool = r.get("pools").get(0);
    // BTC, ETH and USDC align from 2018-10-08 (USDC's first day; the options' DVOL factors reach back before
    // 2021-03-24 with the realised-vol proxy) to 2024-06-16 (the cut-off: the day before the snapshot's as_of
    // 2024-06-17): 2,079 common days in the data files, so 2,078 one-day windows.
    assertThat(pool.get("components").get(0).get("explanation").asString()).contains("over 2078 scenarios");
    double sum = 0;
    for (JsonNode c : pool.get("contributions")) {
      sum += c.get("initial_margin").asDouble();
    }
    // The Euler contributions add up to the ES; the funding provision (the perpetuals' known funding) is on top.
    double funding = 0;
    for (JsonNode c : pool.get("components")) {
      if (c.get("name").asString().startsWith("funding_provision:")) {
        funding += c.get("initial").asDouble();
      }
    }
    assertThat(funding).isPositive();
    assertThat(sum).isCloseTo(pool.get("initial_margin").asDouble() - funding,
        org.assertj.core.data.Offset.offset(1e-6 * pool.get("initial_margin").asDouble()));
  }

  @Test
  void shouldOfferTheAdaptivePresetsAsScenarioKinds() {
    // docs/ADAPTIVE.md: GARCH and GJR filtering win on BTC and ETH; selectable as filtered-garch and filtered-gjr
    double filtered = simulationIm("filtered");
    for (String kind : new String[] {"filtered-garch", "filtered-gjr"}) {
      CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", kind,
          "--data-dir", DATA, "--format", "json", "--no-add-ons");
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode pool = Json.parse(run.out()).get(0).get("pools").get(0);
      String name = kind.substring("filtered-".length());
      assertThat(pool.get("components").get(0).get("explanation").asString())
          .contains("filtered historical 1d " + name + " where offered")
          .contains("over 2058 scenarios"); // the historical set's 2,078 less the EWMA's 20-return seed
      double im = pool.get("initial_margin").asDouble();
      assertThat(im).isPositive().isNotEqualTo(filtered).isBetween(filtered / 3, filtered * 3);
    }
    CliRun bad = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", "garch",
        "--data-dir", DATA);
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("scenarios").contains("filtered-garch");
  }

  private static double simulationIm(String kind) {
    CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", kind,
        "--data-dir", DATA, "--format", "json", "--no-add-ons");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Json.parse(run.out()).get(0).get("pools").get(0).get("initial_margin").asDouble();
  }

  @Test
  void shouldAddTheStressFloorAndLiquidityChargesByDefault() {
    CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--data-dir", DATA,
        "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode pool = Json.parse(run.out()).get(0).get("pools").get(0);
    double es = pool.get("components").get(0).get("initial").asDouble();
    assertThat(pool.get("initial_margin").asDouble()).isGreaterThanOrEqualTo(es);
    assertThat(pool.get("components").toString()).contains("liquidity_addon");
  }

  @Test
  void shouldGiveTheSameMonteCarloNumbersOnEveryRun() {
    String[] args = {"margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--scenarios", "monte-carlo",
        "--data-dir", DATA, "--format", "json"};
    assertThat(CliRun.of(args).out()).isEqualTo(CliRun.of(args).out());
  }

  @Test
  void shouldRefuseSimulationWithoutHistory() {
    CliRun run = CliRun.of("margin", "-p", BOOK, "-m", MARKET, "--model", "simulation", "--data-dir", "/nope");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("data_dir");
  }

  @Test
  void shouldReplayEveryCrashWindowBothWays() {
    CliRun run = CliRun.of("stress", "-p", BOOK, "-m", MARKET, "--data-dir", DATA);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("gap_down_40", "usdc_depeg", "covid_black_thursday (holding period)",
        "ftx_collapse (worst point");
    // the snapshot is of 2024-06-17: the windows of 2024-08 and 2025-10 are after its cut-off
    assertThat(run.out()).contains("history window start of data..2024-06-16 (cut at snapshot as_of "
        + "2024-06-17T10:22:20Z); crash windows outside it, skipped: yen_carry_unwind, oct_2025_liquidation_cascade")
        .doesNotContain("oct_2025_liquidation_cascade (worst point");
  }

  @Test
  void shouldBacktestABookAndPlotIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path svg = dir.resolve("plot.svg");
    CliRun run = CliRun.of("backtest", "-p", BOOK, "-m", MARKET, "--data-dir", DATA, "--scenarios", "historical",
        "--lookback", "250", "--plot", svg.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("multi-asset-usdc", "Kupiec p");
    String plot = java.nio.file.Files.readString(svg);
    assertThat(plot).startsWith("<svg").contains("<polyline", "margin (ES)", "realised loss");
  }

  @Test
  void shouldBacktestAnOptionBookWithFullRevaluation() {
    CliRun run = CliRun.of("backtest", "-p", Path.of("..", "examples", "strategies", "short-straddle.json").toString(),
        "--data-dir", DATA, "--revalue", "--lookback", "250");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // DVOL and the daily files overlap from 2021-03-24 to 2025-02-10: 250 lookback days leave 1,169 margin dates.
    assertThat(run.out()).contains("full revaluation", "short-straddle", "1169");
  }
}
