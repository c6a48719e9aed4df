package org.pmargin.engine.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.population.SyntheticMarkets;
import tools.jackson.databind.node.ObjectNode;

/** JSON-lines event scripts: every line type, answers in order, and errors naming the line and the field. */
class EventScriptTest {

  private static MarginEngine engine() {
    return new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), SyntheticMarkets.threeCoins(),
        new EngineConfig(1, Duration.ofSeconds(60)));
  }

  private static List<ObjectNode> run(MarginEngine e, String script) {
    List<ObjectNode> out = new ArrayList<>();
    EventScript.run(e, new BufferedReader(new StringReader(script)), out::add);
    return out;
  }

  @Test
  void shouldApplyEventsAndAnswerQuestionsInOrder() {
    try (MarginEngine e = engine()) {
      List<ObjectNode> out = run(e, """
          {"type":"deposit","account":"a","asset":"USDC","amount":20000}
          {"type":"fill","account":"a","instrument":"BTC-PERPETUAL","quantity":10000,"price":66000}

          {"type":"what_if","account":"a","orders":[{"instrument":"BTC-PERPETUAL","quantity":-10000,"price":66000}]}
          {"type":"withdraw","account":"a","asset":"USDC","amount":19999}
          {"type":"market","moves":{"BTC":-0.08},"vol_factors":{"BTC":1.5},"at":"2024-06-17T09:00:00Z"}
          {"type":"explain","account":"a"}
          """);
      assertThat(out).extracting(o -> o.get("line").asInt()).containsExactly(1, 2, 4, 5, 6, 7);
      assertThat(out.get(1).get("margins").get(0).get("initial_margin_usd").asDouble()).isPositive();
      assertThat(out.get(2).get("initial_margin_change_usd").asDouble()).isNegative();
      assertThat(out.get(2).get("acceptable").asBoolean()).isTrue();
      assertThat(out.get(3).get("accepted").asBoolean()).isFalse();
      assertThat(out.get(3).get("rejection").stringValue()).contains("initial margin");
      assertThat(out.get(4).get("transitions")).isNotEmpty();
      assertThat(e.snapshot().underlying(Asset.BTC).index()).isCloseTo(66_000 * 0.92,
          org.assertj.core.api.Assertions.within(1e-6));
      assertThat(e.snapshot().asOf()).hasToString("2024-06-17T09:00:00Z");
      assertThat(out.get(5).get("margin").get("pools").get(0).get("components")).isNotEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"teleport\"}|line 1.type",
      "{\"type\":\"deposit\",\"account\":\"a\",\"asset\":\"USDC\"}|line 1.amount",
      "{\"type\":\"deposit\",\"account\":\"a\",\"asset\":\"USDC\",\"amount\":-5}|line 1.amount",
      "{\"type\":\"deposit\",\"account\":\"a\",\"asset\":\"USDC\",\"amount\":5,\"x\":1}|line 1.x",
      "{\"type\":\"fill\",\"account\":\"a\",\"instrument\":\"NOPE\",\"quantity\":1,\"price\":1}|line 1.instrument",
      "{\"type\":\"market\",\"moves\":{\"DOGE\":0.1}}|line 1.moves.DOGE",
      "{\"type\":\"market\",\"moves\":{\"BTC\":-1.5}}|line 1.moves.BTC",
      "{\"type\":\"market\",\"at\":\"2020-01-01T00:00:00Z\"}|line 1.at",
      "{\"type\":\"explain\",\"account\":\"ghost\"}|line 1.account",
      "not json|line 1"})
  void shouldNameTheLineAndTheField(String line, String field) {
    try (MarginEngine e = engine()) {
      assertThatThrownBy(() -> run(e, line)).isInstanceOf(InvalidInputException.class)
          .satisfies(x -> assertThat(((InvalidInputException) x).field()).startsWith(field));
    }
  }

  @Test
  void shouldKeepWhatWasAppliedBeforeABadLine() {
    try (MarginEngine e = engine()) {
      assertThatThrownBy(() -> run(e, """
          {"type":"deposit","account":"a","asset":"USDC","amount":100}
          {"type":"deposit","account":"a","asset":"USDC"}
          """)).hasMessageContaining("line 2");
      assertThat(e.account("a").balance(Asset.USDC)).isEqualTo(100);
    }
  }

  @Test
  void shouldScaleVolsWithoutChangingTheSmileShape() {
    MarketSnapshot s = SyntheticMarkets.threeCoins();
    MarketSnapshot moved = new MarketMove(java.util.Map.of(), java.util.Map.of(Asset.BTC, 1.3), null).apply(s);
    assertThat(moved.underlying(Asset.BTC).vols().vol(70_000, 66_000, 0.2))
        .isCloseTo(1.3 * s.underlying(Asset.BTC).vols().vol(70_000, 66_000, 0.2),
            org.assertj.core.api.Assertions.within(1e-12));
    assertThat(moved.underlying(Asset.ETH).vols()).isEqualTo(s.underlying(Asset.ETH).vols());
    assertThat(moved.version()).isEqualTo(s.version() + 1);
  }
}
