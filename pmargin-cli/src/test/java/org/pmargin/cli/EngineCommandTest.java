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
        "liquidated alice step 1: 20% of BTC-PERPETUAL at 60,539.90, cost ", "-> alice: liquidatable -> margin_call",
        "-> alice: margin_call -> healthy", "\"driving_scenario\"");
    assertThat(run.out()).doesNotContain("NaN", "Infinity");
  }

  /**
   * The liquidation script: alice, 40,000 USDC and 3,000 BTC_USDC-PERPETUAL (3 BTC) bought at 65,690, after two 6%
   * falls of the mark (65,690 × 0.94² = 58,043.684) has equity 40,000 − 3 × 7,646.316 = 17,061.05 USD, below
   * maintenance margin. Step 1 sells 20%, 600 contracts = 0.6 BTC: cash delta D = 0.6 × 58,043.684 = 34,826.21 USD,
   * cost 0.5% × D + 0.03 × √(D / 2e10) × D = 174.13 + 1.38 USD. Then an ETH gap leaves dave below zero: bankrupt.
   */
  @Test
  void shouldPrintTheLiquidationStepsTheBankruptcyAndTheBadDebt() {
    String script = "../examples/events/liquidation.jsonl";
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", script);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("liquidated alice step 1: 20% of BTC_USDC-PERPETUAL at 58,043.68, cost 175.51 USD",
        "(equity 17,061.05 USD < MM ", "liquidated alice step 2: ", "BANKRUPT dave: deficit ",
        "FUND_DRAW dave: 484.117078 USD", "SOCIALISED dave <- erin: ", "TAKEOVER dave <- backstop: ",
        "bad debt 0.00 USD", "-> dave: margin_call -> bankrupt", "-> dave: bankrupt -> healthy");
    CliRun json = CliRun.of("engine", "-m", MARKET, "-e", script, "--format", "json");
    String[] lines = json.out().strip().split("\n");
    tools.jackson.databind.JsonNode step = Json.parse(lines[7]).get("liquidations").get(0);
    assertThat(step.get("account").asString()).isEqualTo("alice");
    assertThat(step.get("step").asInt()).isEqualTo(1);
    assertThat(step.get("kind").asString()).isEqualTo("position");
    tools.jackson.databind.JsonNode part = step.get("parts").get(0);
    assertThat(part.get("quantity").asDouble()).isCloseTo(-600, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(part.get("mark").asDouble()).isCloseTo(65_690 * 0.94 * 0.94, org.assertj.core.data.Offset.offset(1e-6));
    double d = 0.6 * 65_690 * 0.94 * 0.94;
    assertThat(step.get("cost_usd").asDouble()).isCloseTo(0.005 * d + 0.03 * Math.sqrt(d / 2e10) * d,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(step.get("equity_before_usd").asDouble()).isCloseTo(40_000 - 3 * (65_690 - 65_690 * 0.94 * 0.94),
        org.assertj.core.data.Offset.offset(1e-6));
    tools.jackson.databind.JsonNode gap = Json.parse(lines[9]);
    tools.jackson.databind.JsonNode b = gap.get("bankruptcies").get(0);
    assertThat(b.get("account").asString()).isEqualTo("dave");
    assertThat(b.get("deficit_usd").asDouble()).isPositive().isEqualTo(-b.get("equity_usd").asDouble());
    // The loss waterfall covers dave's deficit: the insurance fund (the 4 steps' fees), then socialised over the
    // positive equity (no one holds the opposite ETH position, so no ADL); the backstop takes his position.
    double layers = 0;
    for (tools.jackson.databind.JsonNode l : gap.get("losses")) {
      String kind = l.get("kind").asString();
      if (kind.equals("fund_draw") || kind.equals("adl") || kind.equals("socialised")) {
        layers += l.get("amount_usd").asDouble();
      }
    }
    assertThat(layers).isCloseTo(b.get("deficit_usd").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(gap.get("losses").get(0).get("kind").asString()).isEqualTo("fund_draw");
    assertThat(gap.get("insurance_fund_usd").asDouble()).isZero();
    assertThat(gap.get("bad_debt_usd").asDouble()).isZero();
    // Without the waterfall the deficit stays as bad debt.
    CliRun kept = CliRun.of("engine", "-m", MARKET, "-e", script, "--format", "json", "--loss-waterfall", "off");
    tools.jackson.databind.JsonNode keptGap = Json.parse(kept.out().strip().split("\n")[9]);
    assertThat(keptGap.get("bad_debt_usd").asDouble()).isEqualTo(b.get("deficit_usd").asDouble());
    // Off: nothing is liquidated, alice stays below maintenance margin.
    CliRun off = CliRun.of("engine", "-m", MARKET, "-e", script, "--format", "json", "--liquidation", "off");
    assertThat(off.out()).doesNotContain("\"liquidations\"", "\"bankruptcies\"");
    assertThat(Json.parse(off.out().strip().split("\n")[7]).get("margins").get(0).get("state").asString())
        .isEqualTo("liquidatable");
    CliRun bad = CliRun.of("engine", "-m", MARKET, "-e", script, "--liquidation-slice", "0");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    // The backstop, with the threshold at MM itself, takes alice (equity 17,061.05 < MM 23,681.32) and dave
    // (13,609.76 < 16,924.97) over whole instead of slicing them.
    CliRun backstop = CliRun.of("engine", "-m", MARKET, "-e", script, "--liquidation-mechanism", "market+backstop",
        "--backstop-fraction", "1");
    assertThat(backstop.exitCode()).as(backstop.err()).isZero();
    assertThat(backstop.out()).contains("BACKSTOP alice <- backstop: 17,061.05", "BACKSTOP dave <- backstop: 13,609.7584",
        "2 whole-account takeovers")
        .doesNotContain("liquidated alice step 1");
    CliRun auction = CliRun.of("engine", "-m", MARKET, "-e", script, "--liquidation-mechanism", "auction");
    assertThat(auction.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(auction.err()).contains("liquidation_mechanism");
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

  /**
   * The funding script: 1 BTC long through BTC_USDC-PERPETUAL and 100,000 USD short through BTC-PERPETUAL, the
   * market's mark 65,690 and 0.01% per 8 h. Each funding time the long pays 65,690 × 0.0001 = 6.569 USDC and the
   * short receives 100,000 / 65,690 × 0.0001 = 0.000152230 BTC: at 16:00, then at 00:00 and 08:00 in the jump to
   * 09:00 the next day (the rate and mark in force then, the previous snapshot's).
   */
  @Test
  void shouldPrintTheFundingOfEachFundingTime() {
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", "../examples/events/funding.jsonl", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(Json.parse(lines[4]).has("funding")).isFalse();
    tools.jackson.databind.JsonNode at16 = Json.parse(lines[5]).get("funding");
    assertThat(at16).hasSize(2);
    assertThat(at16.get(0).get("amount").asDouble()).isCloseTo(-6.569, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(at16.get(0).get("currency").asString()).isEqualTo("USDC");
    assertThat(at16.get(1).get("amount").asDouble()).isCloseTo(100_000 / 65_690.0 * 0.0001,
        org.assertj.core.data.Offset.offset(1e-15));
    assertThat(at16.get(1).get("currency").asString()).isEqualTo("BTC");
    assertThat(Json.parse(lines[6]).get("funding")).hasSize(4);
    // Off: nothing accrues.
    CliRun off = CliRun.of("engine", "-m", MARKET, "-e", "../examples/events/funding.jsonl", "--format", "json",
        "--funding-hours", "0");
    assertThat(off.out()).doesNotContain("\"funding\"");
    CliRun bad = CliRun.of("engine", "-m", MARKET, "-e", "../examples/events/funding.jsonl", "--funding-hours", "7");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("funding_interval");
  }

  /**
   * The expiry script: carol holds 10 BTC-21JUN24-60000-C, dave 100 BTC_USDC-21JUN24-70000-P (0.01 BTC each); the
   * market reaches the 21 June expiry with BTC delivered at 66,012.34: carol receives 10 × 6,012.34 / 66,012.34 =
   * 0.910790316 BTC, dave 100 × 0.01 × 3,987.66 = 3,987.66 USDC; a later fill in the expired call is refused.
   */
  @Test
  void shouldPrintTheExpirySettlements() {
    CliRun run = CliRun.of("engine", "-m", MARKET, "-e", "../examples/events/expiry.jsonl");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(
        "carol: settled BTC-21JUN24-60000-C \u00d710 at 66,012.34: +0.91079032 BTC (+60,123.40 USD)",
        "dave: settled BTC_USDC-21JUN24-70000-P \u00d7100 at 66,012.34: +3,987.66 USDC",
        "line 8   fill     REJECTED: fill in BTC-21JUN24-60000-C refused: it expired");
    CliRun json = CliRun.of("engine", "-m", MARKET, "-e", "../examples/events/expiry.jsonl", "--format", "json");
    String[] lines = json.out().strip().split("\n");
    assertThat(Json.parse(lines[5]).has("settlements")).isFalse();
    tools.jackson.databind.JsonNode settled = Json.parse(lines[6]).get("settlements");
    assertThat(settled).hasSize(2);
    assertThat(settled.get(0).get("amount").asDouble()).isCloseTo(10 * 6_012.34 / 66_012.34,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(settled.get(1).get("amount").asDouble()).isCloseTo(3_987.66,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(settled.get(1).get("currency").asString()).isEqualTo("USDC");
    assertThat(settled.get(1).get("price_source").asString()).isEqualTo("Deribit delivery price");
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

  /**
   * The attack: a BTC_USDC-PERPETUAL bought at 1 against the example market's mark of 65,690 would book
   * 65,689 USD of profit per coin. The default band (± 5%: 62,405.50..68,974.50) refuses it; flag mode books it and
   * reports it for review.
   */
  @Test
  void shouldRefuseAFillFarFromTheMarkOrFlagIt() {
    String script = "../examples/events/off-market-fill.jsonl";
    CliRun refuse = CliRun.of("engine", "-m", MARKET, "-e", script);
    assertThat(refuse.exitCode()).as(refuse.err()).isZero();
    assertThat(refuse.out()).contains("line 2   fill     REJECTED: fill price 1.00000 for BTC_USDC-PERPETUAL is "
        + "outside the price band 62,405.50..68,974.50 (mark 65,690.00 ± 5%)",
        "line 4   fill     REJECTED: fill price 0.500000 for BTC-28JUN24-72000-C");
    CliRun flag = CliRun.of("engine", "-m", MARKET, "-e", script, "--price-band-mode", "flag", "--format", "json");
    assertThat(flag.exitCode()).as(flag.err()).isZero();
    tools.jackson.databind.JsonNode line2 = Json.parse(flag.out().strip().split("\n")[1]);
    assertThat(line2.get("accepted").asBoolean()).isTrue();
    assertThat(line2.get("price_flags").get(0).get("price").asDouble()).isEqualTo(1.0);
    assertThat(line2.get("price_flags").get(0).get("low").asDouble()).isCloseTo(65_690 * 0.95,
        org.assertj.core.data.Offset.offset(1e-9));
    CliRun wide = CliRun.of("engine", "-m", MARKET, "-e", script, "--price-band", "100", "--format", "json");
    tools.jackson.databind.JsonNode wideLine = Json.parse(wide.out().strip().split("\n")[1]);
    assertThat(wideLine.get("accepted").asBoolean()).isTrue(); // ± 100%: 0..131,380 takes the fill at 1
    assertThat(wideLine.has("price_flags")).isFalse();
    CliRun bad = CliRun.of("engine", "-m", MARKET, "-e", script, "--price-band", "0");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("price_band");
  }
}
