package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code pmargin margin} on a derive-portfolio file: Derive's own inputs margined by the derive model without a market
 * snapshot, checked against Derive's published breakdown of the example's case.
 */
class DeriveInputMarginTest {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String SPREAD = EXAMPLES.resolve("derive/otm-call-spread.json").toString();
  private static final String SUBACCOUNT = EXAMPLES.resolve("derive/eth-subaccount.json").toString();
  private static final String MARKET = EXAMPLES.resolve("market/deribit-2024-06-17.json").toString();

  @TempDir
  Path dir;

  /**
   * examples/derive/otm-call-spread.json is derivexyz/v2-core
   * test/risk-managers/unit-tests/PMRM_2/portfolio_cases/test_18_structures_OTM_call_spread.json (commit
   * 4e0ee6c5a7e0203651e083f9a494fb26915a4801). Its {@code Result}: MM -25.96404757080802, IM -35.75844560967082,
   * PortfolioMTM -0.1944703408568294, ForwardContingency -0.18719471531829726, MMOptionCont -8.044808955299999,
   * IMOptionCont -5.363205970199999 (the file signs contingencies as deductions), the first regular loss (×1.18, vol
   * up) -22.155960343313989, discount_factors [0.9445087287221925, 1.0037878445554764], VolShockUpMultiplier
   * 1.712811375927374, VolShockDownMultiplier 0.6079537432399443. Derive's harness checks MM, IM and MtM to 1e-8
   * relative; every number here is held to that.
   */
  @Test
  void shouldPrintDerivesPublishedBreakdownAsJson() {
    CliRun run = CliRun.of("margin", "-p", SPREAD, "--model", "derive", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = Json.parse(run.out()).get(0);
    assertThat(r.get("account").asString()).isEqualTo("otm-call-spread");
    assertThat(r.get("model").asString()).isEqualTo("derive");
    JsonNode d = r.get("derive");
    assertThat(d.get("parameters").asString()).isEqualTo("derive-test");
    close(d, "maintenance_surplus", -25.96404757080802);
    close(d, "initial_surplus", -35.75844560967082);
    close(d, "mark_to_market", -0.1944703408568294);
    close(d, "basis_contingency", -0.18719471531829726);
    close(d.get("contingencies"), "mm_option", 8.044808955299999);
    close(d.get("contingencies"), "im_option", 5.363205970199999);
    close(d.get("scenarios").get(0), "pnl", -22.155960343313989);
    close(d, "min_span", -22.155960343313989);
    JsonNode e = d.get("expiries").get(0);
    close(e, "discount_positive", 0.9445087287221925);
    close(e, "discount_negative", 1.0037878445554764);
    close(e, "vol_up", 1.712811375927374);
    close(e, "vol_down", 0.6079537432399443);
    // the requirement is what the surplus is short of: R = MtM + cash - surplus, in USDC; the USD figure at the stable
    // price the file gives (1.00019088635)
    double rIm = d.get("mark_to_market").asDouble() + d.get("cash").asDouble() - d.get("initial_surplus").asDouble();
    close(d, "initial_requirement", rIm);
    assertThat(r.get("initial_margin_usd").asDouble()).isCloseTo(rIm * 1.00019088635,
        org.assertj.core.api.Assertions.within(1e-9));
    // MM surplus below 0, and no cash against a mark-to-market of -0.19: equity below zero, bankrupt
    assertThat(d.get("cash").asDouble()).isZero();
    assertThat(r.get("state").asString()).isEqualTo("bankrupt");
  }

  @Test
  void shouldPrintTheDeriveNumbersForPeopleWithoutAMarket() {
    CliRun run = CliRun.of("margin", "-p", SPREAD);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model derive", "MM surplus -25.96404757", "IM surplus -35.75844561",
        "spot ×1.18, vol up, w=1  <- worst", "naked_short_contingency", "794852");
  }

  @Test
  void shouldTakeTheDeriveSectionOfAParameterFileWhenTheInputHasNone() throws Exception {
    CliRun mainnet = CliRun.of("margin", "-p", SUBACCOUNT, "-f", "json");
    assertThat(mainnet.exitCode()).as(mainnet.err()).isZero();
    assertThat(Json.parse(mainnet.out()).get(0).get("derive").get("parameters").asString())
        .isEqualTo("derive-mainnet");
    assertThat(Json.parse(mainnet.out()).get(0).get("derive").get("scenarios")).hasSize(33);
    Path params = dir.resolve("params.json");
    Files.writeString(params, """
        {"version": 1, "derive": {"preset": "test-set",
          "scenarios": [{"spot_shock": 0.8, "vol_shock": "up"}, {"spot_shock": 1.2, "vol_shock": "up"}]}}""");
    CliRun test = CliRun.of("margin", "-p", SUBACCOUNT, "--params", params.toString(), "-f", "json");
    assertThat(test.exitCode()).as(test.err()).isZero();
    JsonNode d = Json.parse(test.out()).get(0).get("derive");
    assertThat(d.get("parameters").asString()).isEqualTo("derive-test");
    assertThat(d.get("scenarios")).hasSize(2);
    // the settlement window: the fixed half of the first expiry's forward does not move with the spot
    assertThat(d.get("expiries").get(0).get("seconds_to_expiry").asLong()).isEqualTo(900);
  }

  @Test
  void shouldRefuseAMarketAnotherModelOrTwoParameterSources() throws Exception {
    CliRun market = CliRun.of("margin", "-p", SPREAD, "-m", MARKET);
    assertThat(market.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(market.err()).startsWith("error: market");
    CliRun grid = CliRun.of("margin", "-p", SPREAD, "--model", "grid");
    assertThat(grid.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(grid.err()).startsWith("error: model");
    Path params = dir.resolve("p.json");
    Files.writeString(params, "{\"version\": 1}");
    CliRun both = CliRun.of("margin", "-p", SPREAD, "--params", params.toString());
    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).startsWith("error: parameters");
  }

  @Test
  void shouldNameABadFieldAndItsFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, Files.readString(Path.of(SPREAD)).replace("\"vol\": 0.8795543651099665",
        "\"vol\": -0.5"));
    CliRun run = CliRun.of("margin", "-p", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: expiries[0].options[0].vol").contains(bad.toString());
  }

  @Test
  void shouldStillNeedAMarketForAnOrdinaryPortfolioAndStillMarginItUnderDerive() {
    CliRun missing = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/multi-asset-usdc.json").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--market");
    CliRun adapter = CliRun.of("margin", "-p", EXAMPLES.resolve("portfolios/multi-asset-usdc.json").toString(),
        "-m", MARKET, "--model", "derive", "-f", "json");
    assertThat(adapter.exitCode()).as(adapter.err()).isZero();
    JsonNode r = Json.parse(adapter.out()).get(0);
    assertThat(r.get("model").asString()).isEqualTo("derive");
    assertThat(r.has("derive")).isFalse();
    assertThat(r.get("initial_margin_usd").asDouble()).isPositive();
  }

  private static void close(JsonNode n, String field, double expected) {
    double actual = n.get(field).asDouble();
    assertThat(Math.abs(actual - expected)).as(field + ": expected " + expected + ", got " + actual)
        .isLessThanOrEqualTo(1e-8 * Math.max(1, Math.abs(expected)));
  }
}
