package org.pmargin.core.margin.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;

/**
 * The simulation model's funding provision, on scenario sets that do not move prices (ES 0), so the margin is the
 * funding alone: what the perpetuals would pay over the horizon at the current rate and mark (payment = position
 * value × rate × hours / 8, Deribit's time fraction), in IM and MM alike, receivers without credit.
 */
class SimulationFundingTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  /** BTC: index 59,000, perpetual mark 60,000, 0.03% per 8 h; ETH: 3,000, −0.02% per 8 h. */
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 59_000), 60_000, 0.0003,
          VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3_000), 3_000, -0.0002,
          VolSurface.flat(T, 0.7))), Map.of(Asset.USDC, 1.0));
  private static final ScenarioSet FLAT = new ScenarioSet("flat", List.of(Asset.BTC, Asset.ETH),
      new double[][] {{0, 0}, {0, 0}}, null, null);
  /** 1 BTC through the USDC perpetual (0.001 BTC per contract). */
  private static final Position LINEAR_LONG = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1_000,
      60_000);
  /** 60,000 USD of face value through the inverse perpetual: 1 BTC at the 60,000 mark. */
  private static final Position INVERSE_LONG = new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 6_000, 60_000);

  private static SimulationMarginModel model(MarginView view, double hours) {
    SimulationParameters p = SimulationParameters.standard();
    return new SimulationMarginModel(FLAT, new SimulationParameters(0.975, 0.99, view, 1.0, 0.8, p.haircuts(),
        hours));
  }

  private static Account account(Position... positions) {
    return new Account("f", new Portfolio(List.of(positions)), Map.of(Asset.USDC, 10_000.0));
  }

  @Test
  void shouldChargeALongTheFundingOfTheHorizonInFullInImAndMm() {
    // 1 BTC × 60,000 × 0.0003 × 24/8 = 54 USDC.
    MarginResult r = model(MarginView.UNIFIED_USD, 24).margin(account(LINEAR_LONG), MARKET);
    assertThat(r.initialMarginUsd()).isCloseTo(54, within(1e-9));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(54, within(1e-9));
    MarginComponent c = component(r.pools().get(0), "funding_provision:BTC");
    assertThat(c.initial()).isCloseTo(54, within(1e-9));
    assertThat(c.explanation()).contains("24 h").contains("0.03");
  }

  @Test
  void shouldGiveNoCreditToAReceivingPositionNorOffsetAPayingOne() {
    Position shortBtc = new Position(LINEAR_LONG.instrument(), -1_000, 60_000);
    // A short BTC receives at +0.03%, a long ETH receives at −0.02%: nothing charged, nothing credited.
    Position longEth = new Position(DeribitSymbols.parse("ETH_USDC-PERPETUAL"), 100, 3_000);
    MarginResult receivers = model(MarginView.UNIFIED_USD, 24).margin(account(shortBtc, longEth), MARKET);
    assertThat(receivers.initialMarginUsd()).isZero();
    assertThat(receivers.pools().get(0).components()).noneMatch(c -> c.name().startsWith("funding"));
    // The long BTC pays 54 although the short inverse BTC would receive 54 (at index = mark): no offset.
    Position shortInverse = new Position(INVERSE_LONG.instrument(), -6_000, 60_000);
    MarginResult both = model(MarginView.UNIFIED_USD, 24).margin(account(LINEAR_LONG, shortInverse), MARKET);
    assertThat(component(both.pools().get(0), "funding_provision:BTC").initial()).isCloseTo(54, within(1e-9));
  }

  @Test
  void shouldChargeAnInversePositionInCoinAndValueItAtTheIndexInUsd() {
    // 6,000 × 10 USD / 60,000 = 1 BTC; × 0.0003 × 24/8 = 0.0009 BTC; in USD × the 59,000 index = 53.1.
    MarginResult usd = model(MarginView.UNIFIED_USD, 24).margin(account(INVERSE_LONG), MARKET);
    assertThat(component(usd.pools().get(0), "funding_provision:BTC").initial()).isCloseTo(53.1, within(1e-9));
    MarginResult coin = model(MarginView.PER_SETTLEMENT_CURRENCY, 24).margin(account(INVERSE_LONG), MARKET);
    PoolMargin btcPool = coin.pools().stream().filter(p -> p.currency().equals(Asset.BTC)).findFirst().orElseThrow();
    assertThat(component(btcPool, "funding_provision:BTC").initial()).isCloseTo(0.0009, within(1e-15));
  }

  @Test
  void shouldScaleWithTheHorizonAndVanishAtZero() {
    // Paradex's 8-hour provision: 60,000 × 0.0003 = 18.
    assertThat(model(MarginView.UNIFIED_USD, 8).margin(account(LINEAR_LONG), MARKET).initialMarginUsd())
        .isCloseTo(18, within(1e-9));
    MarginResult none = model(MarginView.UNIFIED_USD, 0).margin(account(LINEAR_LONG), MARKET);
    assertThat(none.initialMarginUsd()).isZero();
    assertThat(none.pools().get(0).components()).noneMatch(c -> c.name().startsWith("funding"));
  }

  @Test
  void shouldGiveTheSameFiguresThroughSharedVectorsAndBatches() {
    SimulationMarginModel m = model(MarginView.UNIFIED_USD, 24);
    Account a = account(LINEAR_LONG, INVERSE_LONG);
    MarginResult alone = m.margin(a, MARKET);
    MapVectorCache cache = new MapVectorCache();
    assertThat(m.margin(a, MARKET, cache, false).health()).isEqualTo(alone.health());
    MarginResult[] results = new MarginResult[1];
    m.marginAll(List.of(a), MARKET, cache, results, new org.pmargin.core.validation.InvalidInputException[1]);
    assertThat(results[0].health()).isEqualTo(alone.health());
    assertThat(alone.initialMarginUsd()).isCloseTo(54 + 53.1, within(1e-9));
  }

  private static MarginComponent component(PoolMargin pool, String name) {
    return pool.components().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no component " + name + " in " + pool.components()));
  }
}
