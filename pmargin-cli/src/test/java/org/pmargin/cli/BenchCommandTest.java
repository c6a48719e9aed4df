package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pmargin bench} runs every measurement on a small population and prints each figure with its target. */
class BenchCommandTest {

  @Test
  void shouldPrintEveryFigureWithItsTarget() {
    CliRun run = CliRun.of("bench", "--accounts", "300", "--scenarios", "500", "--memory-accounts", "2000",
        "--threads", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pmargin bench: ", "simulation margin, 1 account, 20 positions, 500 scenarios",
        "BTC tick, grid (deribit-unified), 300 accounts", "BTC tick, simulation (500 scenarios), 300 accounts",
        "what-if, grid, 20-position accounts", "what-if, simulation, 20-position accounts", "p99",
        "memory: 2,000 accounts x 10 positions", "[2000 accounts held]");
    assertThat(run.out()).doesNotContain("NaN", "Infinity", "[?]");
    List<String> figures = run.out().lines().filter(l -> !l.startsWith("pmargin bench: ")).toList();
    assertThat(figures).hasSize(6).allSatisfy(l -> assertThat(l).contains("baseline", "target")
        .containsAnyOf("[ok]", "[missed: "));
  }

  @Test
  void shouldMarkAFigureOkOnlyWhenItMeetsItsTarget() {
    assertThat(BenchCommand.verdict(2.9, 3)).isEqualTo("ok");
    assertThat(BenchCommand.verdict(3, 3)).isEqualTo("ok");
    assertThat(BenchCommand.verdict(7.7, 3)).isEqualTo("missed: 2.6x the target");
    assertThat(BenchCommand.verdict(0.13, 0.015)).isEqualTo("missed: 8.7x the target");
  }
}
