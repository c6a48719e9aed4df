package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmargin.data.Json;

/** {@code pmargin engine} on the shipped sell-off script. */
class EngineCommandTest {

  private static final String MARKET = "../examples/market/deribit-2024-06-17.json";
  private static final String SCRIPT = "../examples/events/sell-off.jsonl";

  @Test
  void shouldReplayTheScriptWithTransitionsAndARejectedWithdrawal() {
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", SCRIPT);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("line 9   withdraw REJECTED: withdrawal would breach initial margin",
        "-> alice: healthy -> margin_call", "-> alice: margin_call -> liquidatable",
        "-> alice: liquidatable -> healthy", "\"driving_scenario\"");
    assertThat(run.out()).doesNotContain("NaN", "Infinity");
  }

  @Test
  void shouldWriteOneJsonObjectPerLine() {
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", SCRIPT, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(15);
    for (String line : lines) {
      assertThat(Json.parse(line).get("line").asInt()).isPositive();
    }
  }

  @Test
  void shouldNameTheFileLineAndFieldOfABadEvent() {
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", "no-such.jsonl");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("events");
  }

  /** A NaN amount on the script's second line: the error names the file, the line and column, and what was expected. */
  @Test
  void shouldNameTheFileLineAndColumnOfMalformedJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path script = dir.resolve("bad.jsonl");
    java.nio.file.Files.writeString(script, "{\"type\":\"deposit\",\"account\":\"a\",\"asset\":\"USDC\",\"amount\":1}\n"
        + "{\"type\":\"deposit\",\"account\":\"a\",\"asset\":\"USDC\",\"amount\":NaN}\n"
        + "{\"type\":\"deposit\",\"acount\":\"a\"}\n");
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", script.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("NaN is not a JSON number; expected a finite number",
        "(in " + script + ", line 2, column 57)").doesNotContain("Source:").doesNotContain("JsonReadFeature");
    java.nio.file.Files.writeString(script, "{\"type\":\"deposit\",\"acount\":\"a\"}\n");
    CliRun typo = CliRun.of("engine", "-m", MARKET, "-e", script.toString());
    assertThat(typo.err()).contains("line 1.acount: unknown field", "(in " + script + ", line 1, column 19)");
  }
}
