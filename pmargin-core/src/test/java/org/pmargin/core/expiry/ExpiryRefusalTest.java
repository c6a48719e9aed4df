package org.pmargin.core.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.derive.DeriveModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressTest;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The case: a position in {@code BTC-14JUN24-60000-C} against the 17 June 2024 snapshot is refused by every
 * margin model and valuer, naming the position and the instrument, instead of being margined at intrinsic against
 * that day's index. A dated future past expiry alike.
 */
class ExpiryRefusalTest {

  private static final MarketSnapshot MARKET = ExpiryFixtures.market(List.of());

  private static Account account(String expired) {
    return new Account("issue-13", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1_000, 65_000),
        new Position(DeribitSymbols.parse(expired), 10, expired.endsWith("-C") ? 0.05 : 62_000))),
        Map.of(Asset.BTC, 2.0, Asset.USDC, 10_000.0));
  }

  static Stream<Arguments> users() {
    ScenarioSet scenarios = new ScenarioSet("two", List.of(Asset.BTC), new double[][] {{0.1}, {-0.1}}, null, null);
    List<MarginModel> models = List.of(new IsolatedModel(), new CrossModel(),
        new ScenarioGridModel(GridParameters.deribit()), new ScenarioGridModel(GridParameters.deribitUnified()),
        new SensitivityModel(), new SimulationMarginModel(scenarios, SimulationParameters.standard()),
        new DeriveModel());
    Stream.Builder<Arguments> out = Stream.builder();
    for (String symbol : List.of("BTC-14JUN24-60000-C", "BTC-14JUN24")) {
      for (MarginModel m : models) {
        out.add(Arguments.of(m.name() + " " + symbol, symbol, (Consumer<Account>) a -> m.margin(a, MARKET)));
      }
      out.add(Arguments.of("greeks " + symbol, symbol, (Consumer<Account>) a -> PortfolioGreeks.of(a, MARKET)));
      out.add(Arguments.of("stress " + symbol, symbol, (Consumer<Account>) a -> StressTest.run(a, MARKET,
          StressLibrary.hypothetical(), HaircutSchedule.standard())));
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("users")
  void shouldRefuseAnExpiredPositionNamingItAndItsInstrument(String name, String symbol, Consumer<Account> use) {
    Account a = account(symbol);
    ThrowingCallable call = () -> use.accept(a);
    assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("positions[1].instrument")
        .hasMessageContaining(symbol + " expired at 2024-06-14T08:00:00Z")
        .hasMessageContaining("ExpirySettlement");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("users")
  void shouldMarginTheSameAccountOnceSettled(String name, String symbol, Consumer<Account> use) {
    Account settled = ExpirySettlement.settle(account(symbol), ExpiryFixtures.settledAt66000()).account();
    assertThat(settled.portfolio().positions()).hasSize(1);
    use.accept(settled);
  }

  @org.junit.jupiter.api.Test
  void theValuerShouldRefuseWithAndWithoutAShockButHorizonValueShouldNot() {
    Position p = account("BTC-14JUN24-60000-C").portfolio().positions().get(1);
    assertThatThrownBy(() -> PositionValuer.value(p, MARKET)).hasMessageStartingWith("instrument: BTC-14JUN24");
    assertThatThrownBy(() -> PositionValuer.value(p, MARKET, MarketShock.price(Asset.BTC, 0.9)))
        .hasMessageStartingWith("instrument: BTC-14JUN24");
    // an option exactly at its expiry has expired too
    MarketSnapshot atExpiry = new MarketSnapshot(ExpiryFixtures.EXPIRY, 1, 0, Map.of(), Map.of());
    assertThat(ExpiryCheck.expired(p.instrument(), atExpiry.asOf())).isTrue();
    assertThat(ExpiryCheck.expired(p.instrument(), ExpiryFixtures.EXPIRY.minusMillis(1))).isFalse();
    // 10 × (65,666.19 − 60,000) USD at the index: only for horizon P&L
    assertThat(PositionValuer.horizonValue(p, MARKET).valueUsd()).isCloseTo(56_661.9,
        org.assertj.core.api.Assertions.within(1e-6));
  }
}
