package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/** {@code pmargin greeks} on the shipped examples and on bad files. */
class GreeksCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String MARKET = EXAMPLES.resolve("market/deribit-2024-06-17.json").toString();

  @TempDir
  Path dir;

  @Test
  void shouldWriteJsonWithCashDeltaEqualToDeltaTimesIndex() {
    CliRun run = CliRun.of("greeks", "-p", EXAMPLES.resolve("portfolios/basis-trade.json").toString(),
        "-m", MARKET, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = Json.parse(run.out());
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    JsonNode btc = doc.get("underlyings").get(0);
    assertThat(btc.get("underlying").asString()).isEqualTo("BTC");
    assertThat(btc.get("cash_delta").asDouble()).isCloseTo(
        btc.get("delta").asDouble() * btc.get("index").asDouble(), within(1e-6));
    // Inverse perpetual: 60,000 contracts of 10 USD entered at 65,200 and marked at 65,690 gain
    // N·(1/65200 − 1/65690) coins.
    JsonNode perp = doc.get("positions").get(0);
    assertThat(perp.get("unrealised_pnl").asDouble()).isCloseTo(600_000 * (1 / 65_200.0 - 1 / 65_690.0),
        within(1e-12));
    assertThat(btc.get("collateral_delta").asDouble()).isEqualTo(1.5);
  }

  @Test
  void shouldPrintTablesForPeople() {
    CliRun run = CliRun.of("greeks", "-p", EXAMPLES.resolve("portfolios/covered-call.json").toString(), "-m",
        MARKET);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Account covered-call", "BTC-28JUN24-72000-C", "vega/vol-pt", "theta/day");
  }

  @Test
  void shouldNameTheFieldAndFileOfABadPortfolio() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, """
        {"version": 1, "account": "x", "positions": [
          {"instrument": "BTC-PERPETUAL", "quantity": 10, "entry_price": 60000},
          {"instrument": "BTC-PERPETUAL-ISH", "quantity": 10, "entry_price": 60000}
        ]}""");
    CliRun run = CliRun.of("greeks", "-p", bad.toString(), "-m", MARKET);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: positions[1].instrument").contains(bad.toString());
  }

  @Test
  void shouldRefuseAPortfolioOnAnUnderlyingTheMarketLacks() throws Exception {
    Path sol = dir.resolve("sol.json");
    Files.writeString(sol, """
        {"version": 1, "account": "x", "positions": [
          {"instrument": "SOL_USDC-PERPETUAL", "quantity": 10, "entry_price": 150}
        ]}""");
    CliRun run = CliRun.of("greeks", "-p", sol.toString(), "-m", MARKET);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("positions[0].market.underlyings.SOL", "no market data for SOL");
  }
}
