package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The example: a {@code BTC-14JUN24-60000-C} position against the 17 June 2024 market is refused, naming it,
 * when the market has no delivery price for 14 June, and settled into the BTC balance when it has one.
 */
class ExpirySettlementCommandTest {

  private static final Path MARKET = Path.of("..", "examples", "market", "deribit-2024-06-17.json");

  private static final String PORTFOLIO = """
      { "version": 1, "account": "issue-13", "collateral": { "BTC": 1.0 },
        "positions": [
          { "instrument": "BTC-14JUN24-60000-C", "quantity": 10, "entry_price": 0.05 },
          { "instrument": "BTC-28JUN24-70000-C", "quantity": -2, "entry_price": 0.01 } ] }""";

  @TempDir
  Path dir;

  private Path portfolio() throws Exception {
    return Files.writeString(dir.resolve("issue-13.json"), PORTFOLIO);
  }

  /** A temporary copy of the example market with BTC's 14 June delivery price at 66,000. */
  private Path deliveredMarket() throws Exception {
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(Files.readString(MARKET));
    m.putArray("delivery_prices").addObject().put("underlying", "BTC").put("expiry", "2024-06-14")
        .put("price", 66_000.0).put("source", "test delivery price");
    return Files.writeString(dir.resolve("market.json"), Json.MAPPER.writeValueAsString(m));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks", "margin", "stress"})
  void shouldRefuseTheExpiredPositionNamingItWithoutADeliveryPrice(String command) throws Exception {
    CliRun run = CliRun.of(command, "-p", portfolio().toString(), "-m", MARKET.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("positions[0].instrument", "BTC-14JUN24-60000-C expired at 2024-06-14T08:00:00Z",
        "no delivery price for BTC", "delivery_prices");
    assertThat(run.out()).doesNotContain("settled");
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks", "margin", "stress"})
  void shouldSettleItAtTheDeliveryPriceAndValueTheRest(String command) throws Exception {
    CliRun run = CliRun.of(command, "-p", portfolio().toString(), "-m", deliveredMarket().toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // 10 × (66,000 − 60,000)/66,000 = 10/11 BTC = 0.90909091 BTC, 60,000 USD at the delivery price
    assertThat(run.out()).contains(
        "settled BTC-14JUN24-60000-C \u00d710 at 66,000.00: +0.90909091 BTC (+60,000.00 USD) (test delivery price)");
  }

  @Test
  void greeksJsonShouldListTheSettlementAndOnlyTheLivePosition() throws Exception {
    CliRun run = CliRun.of("greeks", "-p", portfolio().toString(), "-m", deliveredMarket().toString(), "-f", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = Json.MAPPER.readTree(run.out());
    JsonNode s = doc.get("settlements");
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.get(0).get("instrument").asString()).isEqualTo("BTC-14JUN24-60000-C");
    assertThat(s.get(0).get("amount").asDouble()).isCloseTo(10.0 / 11, within(1e-12));
    assertThat(s.get(0).get("currency").asString()).isEqualTo("BTC");
    assertThat(s.get(0).get("amount_usd").asDouble()).isCloseTo(60_000, within(1e-8));
    assertThat(doc.get("positions").size()).isEqualTo(1);
    assertThat(doc.get("positions").get(0).get("instrument").asString()).isEqualTo("BTC-28JUN24-70000-C");
    // the BTC balance grew by 10/11: 1 + 10/11 coins held
    JsonNode btc = doc.get("underlyings").get(0);
    assertThat(btc.get("collateral_delta").asDouble()).isCloseTo(1 + 10.0 / 11, within(1e-12));
  }

  @Test
  void marginJsonShouldCarryTheSettlementsOnEveryModel() throws Exception {
    CliRun run = CliRun.of("margin", "-p", portfolio().toString(), "-m", deliveredMarket().toString(), "--model",
        "grid", "-f", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = Json.MAPPER.readTree(run.out());
    for (JsonNode model : doc) {
      assertThat(model.get("settlements").get(0).get("delivery_price").asDouble()).isEqualTo(66_000);
    }
  }
}
