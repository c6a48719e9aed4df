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
        "60", "--models", "cross,grid");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("-- ftx_collapse (2022-11-06 to 2022-11-08): 60 accounts, seed 14, collateral "
        + "8.00% of gross notional", "cross", "grid:default", "Real market data from");
    // the same population ends in 60 accounts under each model
    for (String line : run.out().split("\n")) {
      if (line.startsWith("cross") || line.startsWith("grid:default")) {
        String[] c = line.trim().split("\\s+");
        int end = Integer.parseInt(c[7]) + Integer.parseInt(c[8]) + Integer.parseInt(c[9]) + Integer.parseInt(c[10]);
        assertThat(end).as(line).isEqualTo(60);
      }
    }
    CliRun bad = CliRun.of("cascade", "--data-dir", DATA, "--window", "nope");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("nope");
  }
}
