package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pmargin.data.DataDirectory;

/** {@code pmargin demo} on the shipped examples and the real data directory. */
class DemoCommandTest {

  /** The data shipped with the project (data/): what a fresh clone has. */
  private static final Path DATA = DataDirectory.shipped().orElseThrow();

  @Test
  void shouldShowEveryExampleAccountAndTheDeribitCheck() {
    CliRun run = CliRun.of("demo", "--data-dir", DATA.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("covered-call", "basis-trade", "hedged-short-straddle", "multi-asset-usdc",
        "issue-example", "Deribit BTC option chain", "166 options", "simulation margin and stress",
        "filtered historical 1d");
    // The live engine replays the FTX collapse from the hourly bars and reports health transitions as they happen.
    assertThat(run.out()).contains("Live engine: ftx_collapse (2022-11-06 to 2022-11-09), 1000 accounts",
        "2022-11-09", "healthy->margin_call", "margin_call->liquidatable", "383 snapshots, 383,000 account margins");
    // ... and liquidates: per hour, then the totals, with the liquidity calibrated from the data before the window.
    assertThat(run.out()).contains("liquidation: after each snapshot, accounts below MM are closed in 20% steps "
        + "until MM + 10.0%", "EWMA daily vol to 2022-11-05: [BTC ", "  LIQUIDATED ", "bad debt ",
        "accounts       healthy  margin call  liquidatable  bankrupt");
    assertThat(run.out()).containsPattern("liquidations: [1-9]\\d* accounts liquidated in [\\d,]+ steps, [\\d,]+ USD "
        + "notional closed, cost [\\d,.]+ USD; \\d+ bankrupt");
    // The loss accounting: fees into the insurance fund, ADL, the backstop's takeovers (an hour's line says so).
    assertThat(run.out()).containsPattern("losses: insurance fund [1-9][\\d,.]* USD \\(fees in [\\d,.]+, drawn "
        + "[\\d,.]+\\), \\d+ ADL fills, socialised [\\d,.]+ USD, backstop book worth -?[\\d,.]+ USD, bad debt "
        + "[\\d,.]+ USD");
    assertThat(run.out()).contains("TAKEN OVER ");
    // Which data it read, and what the cleaning did to it.
    assertThat(run.out()).contains("== Real market data from " + DATA + " (--data-dir)", "Data cleaning",
        "fixed 72: qc_close_glitch 72");
    assertThat(run.out()).doesNotContain("NaN", "Infinity");
  }

  @Test
  void shouldRefuseADataDirectoryThatDoesNotExist() {
    CliRun run = CliRun.of("demo", "--data-dir", "/no/such/dir");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("data_dir");
  }
}
