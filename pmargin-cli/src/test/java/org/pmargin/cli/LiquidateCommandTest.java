package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/** {@code pmargin liquidate} on the under-margined example: the planner beside the two baselines. */
class LiquidateCommandTest {

  private static final String MARKET = "../examples/market/deribit-2024-06-17.json";
  private static final String BOOK = "../examples/liquidation/under-margined.json";
  private static final String DATA = DataDirectory.shipped().orElseThrow().toString();

  @Test
  void shouldPlanBackToTheTargetMoreCheaplyThanTheBaselines() {
    CliRun run = CliRun.of("liquidate", "-p", BOOK, "-m", MARKET, "--data-dir", DATA, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.parse(run.out());
    assertThat(root.get("equity_usd").asDouble()).isLessThan(root.get("maintenance_margin_usd").asDouble());
    JsonNode planner = root.get("plans").get(0);
    JsonNode all = root.get("plans").get(1);
    JsonNode largest = root.get("plans").get(2);
    assertThat(planner.get("method").asString()).isEqualTo("planner");
    assertThat(planner.get("reached_target").asBoolean()).isTrue();
    // MM + 10%: equity after at or above 1.1 × MM after, and not by more than the last step's bisection allows
    double equity = planner.get("equity_after_usd").asDouble();
    double mm = planner.get("maintenance_margin_after_usd").asDouble();
    assertThat(equity / (1.1 * mm) - 1).isBetween(0.0, 1e-3);
    assertThat(planner.get("cost_usd").asDouble()).isLessThan(all.get("cost_usd").asDouble())
        .isLessThan(largest.get("cost_usd").asDouble());
    double previous = root.get("maintenance_margin_usd").asDouble();
    for (JsonNode s : planner.get("steps")) {
      assertThat(s.get("maintenance_after_usd").asDouble()).isLessThan(previous);
      previous = s.get("maintenance_after_usd").asDouble();
    }
    // Derive's auction on the same account: its 10% start fee alone exceeds the planner's whole cost
    JsonNode auction = root.get("dutch_auction");
    assertThat(auction.get("filled").asBoolean()).isTrue();
    assertThat(auction.get("insolvent").asBoolean()).isFalse();
    assertThat(auction.get("reached_target").asBoolean()).isTrue();
    assertThat(auction.get("start_fee_usd").asDouble()).isGreaterThan(planner.get("cost_usd").asDouble());
    assertThat(root.get("equity_usd").asDouble() - auction.get("equity_after_usd").asDouble())
        .isCloseTo(auction.get("account_loss_usd").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void shouldPrintTheTableAndRefuseABadSlice() {
    CliRun run = CliRun.of("liquidate", "-p", BOOK, "-m", MARKET, "--data-dir", DATA);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("planner", "close all", "largest first", "dutch auction (derive-mainnet)", "planner steps:", "target MM + 10.0%");
    CliRun bad = CliRun.of("liquidate", "-p", BOOK, "-m", MARKET, "--slice", "0");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("slice");
  }
}
