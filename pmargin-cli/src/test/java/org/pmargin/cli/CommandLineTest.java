package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line itself: help, version, usage errors and their exit codes. */
class CommandLineTest {

  @Test
  void shouldPrintVersionWithTheJavaItRunsOn() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("pmargin ").contains("Java ");
  }

  @Test
  void shouldListSubcommandsInHelp() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("demo", "price", "greeks", "margin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "price", "greeks", "margin", "compare", "stress", "backtest", "fetch", "engine", "bench"})
  void shouldGiveEverySubcommandItsOwnHelp(String command) {
    CliRun run = CliRun.of(command, "--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("Usage: pmargin " + command);
  }

  @Test
  void shouldRejectAMissingRequiredOptionWithTheUsageCode() {
    CliRun run = CliRun.of("greeks", "--portfolio", "x.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--market");
  }

  @Test
  void shouldRejectAnUnknownSubcommand() {
    CliRun run = CliRun.of("margin-please");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
