package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/** {@code pmargin price}: per-line errors, exit codes, standard input, implied vol and coin settlement. */
class PriceCommandTest {

  @TempDir
  Path dir;

  private JsonNode[] run(String input, int expectedExit) throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, input);
    CliRun run = CliRun.of("price", "-i", file.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(expectedExit);
    String[] lines = run.out().strip().split("\n");
    JsonNode[] out = new JsonNode[lines.length];
    for (int i = 0; i < lines.length; i++) {
      out[i] = Json.parse(lines[i]);
    }
    return out;
  }

  @Test
  void shouldPriceGoodLinesAndReportBadOnesByFieldThenExitWithOne() throws Exception {
    JsonNode[] out = run("""
        {"type":"call","forward":60000,"strike":65000,"vol":0.6,"expiry_years":0.25}
        {"id":"a","type":"call","forward":60000,"strike":65000,"vol":-0.2,"expiry_years":0.25}
        {"type":"put","forward":60000,"strike":65000,"vol":NaN,"expiry_years":0.25}

        {"id":7,"type":"put","forward":"60000","strike":65000,"vol":0.5,"expiry_years":0.25}
        {"type":"put","forward":60000,"strike":65000,"vol":0.5,"expiry_years":0.25,"spot":1}
        {"type":"put","forward":60000,"strike":65000,"vol":0.5,"expiry_years":0.25}
        """, ExitCodes.BAD_INPUT);
    assertThat(out).hasSize(6);
    assertThat(out[0].get("price").asDouble()).isGreaterThan(0);
    assertThat(out[1].get("id").asString()).isEqualTo("a");
    assertThat(out[1].get("error").get("field").asString()).isEqualTo("vol");
    assertThat(out[2].get("error").get("field").asString()).isEqualTo("json");
    assertThat(out[2].get("error").get("message").asString())
        .contains("expected a finite number", "(in " + dir.resolve("in.jsonl") + ", line 3, column 52)")
        .doesNotContain("JsonReadFeature").doesNotContain("Source:");
    assertThat(out[3].get("line").asLong()).isEqualTo(5);
    assertThat(out[3].get("id").asString()).isEqualTo("7");
    assertThat(out[3].get("error").get("field").asString()).isEqualTo("forward");
    assertThat(out[4].get("error").get("field").asString()).isEqualTo("spot");
    assertThat(out[5].get("line").asLong()).isEqualTo(7);
    assertThat(out[5].has("error")).isFalse();
    for (JsonNode n : out) {
      if (!n.has("error")) {
        n.properties().forEach(e -> assertThat(e.getValue().isString() || Double.isFinite(e.getValue().asDouble()))
            .as(e.getKey()).isTrue());
      }
    }
  }

  @Test
  void shouldReadStandardInputWhenTheInputIsADash() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          "{\"type\":\"call\",\"forward\":19,\"strike\":19,\"vol\":0.28,\"expiry_years\":0.75,\"rate\":0.1}\n"
              .getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of("price", "--input", "-");
      assertThat(run.exitCode()).isZero();
      // Haug, The Complete Guide to Option Pricing Formulas (2nd ed.), Black-76 example: 1.7011.
      assertThat(Json.parse(run.out()).get("price").asDouble()).isCloseTo(1.7011, within(5e-5));
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void shouldReportAMissingInputFileAsBadInput() {
    CliRun run = CliRun.of("price", "-i", dir.resolve("nope.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("input", "no such file");
  }

  @Test
  void shouldImplyTheVolThatReproducesAGivenPrice() throws Exception {
    // The price of a Black-76 call at 60% vol (Hull-style check: pricing at the implied vol returns the price).
    JsonNode[] priced = run("{\"type\":\"call\",\"forward\":60000,\"strike\":65000,\"vol\":0.6,\"expiry_years\":0.25}\n",
        ExitCodes.OK);
    double price = priced[0].get("price").asDouble();
    JsonNode[] implied = run("{\"type\":\"call\",\"forward\":60000,\"strike\":65000,\"price\":" + price
        + ",\"expiry_years\":0.25}\n", ExitCodes.OK);
    assertThat(implied[0].get("implied_vol").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(implied[0].get("price").asDouble()).isCloseTo(price, within(1e-9 * price));
  }

  @Test
  void shouldGiveCoinFiguresAsTheUsdFiguresOverTheIndex() throws Exception {
    JsonNode usd = run("{\"type\":\"put\",\"forward\":66000,\"strike\":61000,\"vol\":0.63,\"expiry_years\":0.05}\n",
        ExitCodes.OK)[0];
    JsonNode coin = run("{\"type\":\"put\",\"forward\":66000,\"strike\":61000,\"vol\":0.63,\"expiry_years\":0.05,"
        + "\"settlement\":\"coin\",\"index\":65800}\n", ExitCodes.OK)[0];
    for (String f : new String[] {"price", "delta", "gamma", "vega", "theta", "vanna", "volga", "rho"}) {
      assertThat(coin.get(f).asDouble()).as(f).isCloseTo(usd.get(f).asDouble() / 65800,
          within(1e-15 * Math.abs(usd.get(f).asDouble())));
    }
    assertThat(coin.get("price_usd").asDouble()).isEqualTo(usd.get("price").asDouble());
    // Deribit's coin delta: Δ·F/index − price in coin.
    assertThat(coin.get("settlement_delta").asDouble()).isCloseTo(
        usd.get("delta").asDouble() * 66000 / 65800 - coin.get("price").asDouble(), within(1e-15));
  }

  @Test
  void shouldImplyAVolFromACoinPriceLikeDeribitsMark() throws Exception {
    // Deribit chain of 2026-03-01: BTC-13MAR26-61000-P marked at 0.0145 BTC, forward 66,341.29, mark IV 63.29%;
    // Deribit marks are Black-76 / F, so with "index" left out (defaulting to the forward) the IV comes back near
    // 63.29% for the ~12 days to expiry (the capture time is known to about two hours only).
    JsonNode r = run("{\"type\":\"put\",\"forward\":66341.29,\"strike\":61000,\"price\":0.0145,"
        + "\"expiry_years\":0.0321,\"settlement\":\"coin\"}\n", ExitCodes.OK)[0];
    assertThat(r.get("implied_vol").asDouble()).isCloseTo(0.6329, within(0.005));
  }

  @Test
  void shouldGiveRhoAndDividendRhoPerUnitOfRate() throws Exception {
    JsonNode[] out = run("""
        {"model":"black-scholes","type":"call","spot":49,"strike":50,"vol":0.2,"expiry_years":0.3846,"rate":0.05}
        {"model":"black-scholes","type":"put","spot":500,"strike":490,"vol":0.15,"expiry_years":0.25,"rate":0.08,"dividend_yield":0.05}
        {"type":"put","forward":20,"strike":20,"vol":0.25,"expiry_years":0.3333333333333333,"rate":0.09}
        """, ExitCodes.OK);
    // Hull (9th ed.), Example 19.8: rho 8.91 per 1.00 of rate (0.0891 per 1%).
    assertThat(out[0].get("rho").asDouble()).isCloseTo(8.91, within(0.005));
    assertThat(out[0].get("dividend_rho").asDouble()).isNegative();
    // Haug (1998) pp. 11-16, as in QuantLib's testGreekValues: dividend rho of the put 42.2254.
    assertThat(out[1].get("dividend_rho").asDouble()).isCloseTo(42.2254, within(5e-5));
    // Black-76 with the forward fixed: rho = -T x price (Hull's crude-oil futures put, p = 1.12).
    assertThat(out[2].get("rho").asDouble()).isCloseTo(-out[2].get("price").asDouble() / 3, within(1e-12));
    assertThat(out[2].get("price").asDouble()).isCloseTo(1.12, within(0.005));
    assertThat(out[2].has("dividend_rho")).isFalse();
  }
}
