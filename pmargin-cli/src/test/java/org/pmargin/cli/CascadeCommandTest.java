package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmargin.data.DataDirectory;

/** {@code pmargin cascade} on one day of the FTX window: the models side by side, on the same population. */
class CascadeCommandTest {

  private static final String DATA = DataDirectory.shipped().orElseThrow().toString();

  @Test
  void shouldCompareTheModelsOnTheSamePopulation() {
    CliRun run = CliRun.of("cascade", "--data-dir", DATA, "--window", "ftx_collapse", "--days", "3", "--accounts",
        "60", "--models", "cross,grid", "--correlation-breakdown", "off", "--impact-feedback", "off");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("-- ftx_collapse (2022-11-06 to 2022-11-08): 60 accounts, seed 14, collateral "
        + "8.00% of gross notional", "cross", "grid:default", "Real market data from");
    // the same population ends in 60 accounts under each model
    for (String line : run.out().split("\n")) {
      if (line.startsWith("cross") || line.startsWith("grid:default")) {
        String[] c = line.trim().split("\\s+");
        int end = Integer.parseInt(c[11]) + Integer.parseInt(c[12]) + Integer.parseInt(c[13]) + Integer.parseInt(c[14]);
        assertThat(end).as(line).isEqualTo(60);
      }
    }
    CliRun bad = CliRun.of("cascade", "--data-dir", DATA, "--window", "nope");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("nope");
  }

  @Test
  void shouldRunTheAddOnAndTheFeedbackBothWaysAndWriteTheSeriesAndAPlot(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path csv = dir.resolve("series.csv");
    CliRun run = CliRun.of("cascade", "--data-dir", DATA, "--window", "ftx_collapse", "--days", "1", "--accounts",
        "40", "--models", "isolated,grid", "--correlation-breakdown", "both", "--impact-feedback", "both",
        "--impact-scale", "50", "--plot", dir.toString(), "--series", csv.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("grid:default+corr_breakdown", "feedback's effect", "flow x 50.0",
        "fill the insurance fund", "fund draw USD", "ADL fills", "socialised USD");
    // progress on stderr, one plain line per run (stderr is not a terminal here): no carriage returns
    assertThat(run.err()).contains("cascade: 8/8 ftx_collapse").doesNotContain("\r");
    // isolated margin has no offsets between underlyings: the add-on changes nothing
    String iso = line(run.out(), "isolated ", "off");
    String isoAddOn = line(run.out(), "isolated+corr_breakdown", "off");
    assertThat(isoAddOn.substring(isoAddOn.indexOf(" off ")).replaceAll("\\s+[0-9.]+$", ""))
        .isEqualTo(iso.substring(iso.indexOf(" off ")).replaceAll("\\s+[0-9.]+$", ""));
    java.util.List<String> rows = java.nio.file.Files.readAllLines(csv);
    assertThat(rows.get(0)).startsWith("window,model,correlation_breakdown,impact_feedback,time,steps");
    assertThat(rows).hasSize(1 + 8 * 95); // 8 runs of 95 snapshots (00:15 to 23:45)
    String svg = java.nio.file.Files.readString(dir.resolve("cascade-ftx_collapse.svg"));
    assertThat(svg).startsWith("<svg").contains("polyline", "grid:default+corr_breakdown", "bad debt (not covered", "insurance fund, USD")
        .endsWith("</svg>\n");
  }

  @Test
  void shouldSizeTheCapitalByEachModelsOwnMarginAndRunTheSimulationModel() {
    CliRun run = CliRun.of("cascade", "--data-dir", DATA, "--window", "ftx_collapse", "--days", "1", "--accounts",
        "20", "--models", "simulation", "--capital", "own-im", "--im-factor", "1.2", "--simulation-scenarios",
        "300", "--correlation-breakdown", "off", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("collateral 1.20 x each model's own IM", "simulation: filtered historical",
        "300 scenarios");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldReplayADateRangeWholeAndRefuseABadOne() {
    CliRun run = CliRun.of("cascade", "--data-dir", DATA, "--window", "2022-11-07..2022-11-08", "--accounts", "20",
        "--models", "grid", "--correlation-breakdown", "off", "--impact-feedback", "off", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("-- 2022-11-07_2022-11-08 (2022-11-07 to 2022-11-08): 20 accounts",
        "date range given on the command line");
    CliRun reversed = CliRun.of("cascade", "--data-dir", DATA, "--window", "2021-01-11..2021-01-10");
    assertThat(reversed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(reversed.err()).contains("window", "before it starts");
    CliRun outside = CliRun.of("cascade", "--data-dir", DATA, "--window", "2030-01-01..2030-01-02");
    assertThat(outside.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(outside.err()).contains("window", "no hourly bar of BTC on 2030-01-01");
    CliRun garbled = CliRun.of("cascade", "--data-dir", DATA, "--window", "2021-01..x");
    assertThat(garbled.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(garbled.err()).contains("neither a stress event id nor a date range");
  }

  private static String line(String out, String start, String impact) {
    for (String l : out.split("\n")) {
      if (l.startsWith(start) && l.contains(" " + impact + " ")) {
        return l;
      }
    }
    throw new AssertionError("no line " + start + " in " + out);
  }
}
