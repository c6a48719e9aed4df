package org.pmargin.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.liquidation.EngineLiquidity;

/**
 * The impact feedback on worked numbers: a liquidation selling 1 bn USD of BTC against 20 bn USD a day at 3% daily
 * vol moves BTC's marks by the square-root impact −0.03·√0.05 = −0.67082% (transient) plus Almgren's permanent
 * −0.314·0.03·0.05 = −0.0471%, the transient part halves every half-life, a buy moves them up, and ETH is untouched.
 */
class MarkImpactTest {

  private static final Instant T0 = Instant.parse("2022-11-08T00:00:00Z");
  private static final EngineLiquidity LIQUIDITY = EngineLiquidity.defaults(); // BTC 20 bn at 3%, k = 1

  private static MarketSnapshot market(Instant t) {
    Instant exp = Instant.parse("2022-12-30T08:00:00Z");
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, new ForwardCurve(t, 20_000, List.of(
        new ForwardCurve.ForwardPoint(exp, 20_100))), 20_000, 0.0001, VolSurface.flat(t, 0.8));
    UnderlyingMarket eth = new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(t, 1_500), 1_500, 0.0001,
        VolSurface.flat(t, 0.9));
    return new MarketSnapshot(t, 7, 0.0, Map.of(Asset.BTC, btc, Asset.ETH, eth), Map.of(Asset.USDC, 1.0));
  }

  private static LiquidationStepBooked step(String symbol, double quantity, double mark) {
    return new LiquidationStepBooked(1, "a", 1, "position", "test", List.of(new LiquidatedPart(symbol, quantity,
        mark, 0, 0)), 0, 0, 0, 1, 0, 7, "test");
  }

  @Test
  void shouldMoveTheMarksByTheSquareRootImpactAndDecayItsTransientPart() {
    MarkImpact impact = new MarkImpact(ImpactFeedback.defaults(), LIQUIDITY);
    MarketSnapshot s = impact.apply(market(T0), T0);
    // sell 50,000 BTC (1 bn USD at 20,000) of BTC_USDC-PERPETUAL, 0.001 BTC a contract
    Map<Asset, Double> flow = impact.book(List.of(step("BTC_USDC-PERPETUAL", -50_000_000, 20_000)), s);
    assertThat(flow.get(Asset.BTC)).isCloseTo(-1e9, within(1e-3));
    double transientPart = -0.03 * Math.sqrt(0.05);
    double permanent = -0.314 * 0.03 * 0.05;
    Instant t1 = T0.plus(Duration.ofMinutes(15));
    MarketSnapshot next = impact.apply(market(t1), t1);
    double decay15 = Math.pow(0.5, 0.25 / 2);
    assertThat(impact.shift(Asset.BTC)).isCloseTo(permanent + transientPart * decay15, within(1e-12));
    double f = Math.exp(permanent + transientPart * decay15);
    assertThat(next.underlying(Asset.BTC).index()).isCloseTo(20_000 * f, within(1e-6));
    assertThat(next.underlying(Asset.BTC).perpetualMark()).isCloseTo(20_000 * f, within(1e-6));
    assertThat(next.underlying(Asset.BTC).forwards().points().get(0).price()).isCloseTo(20_100 * f, within(1e-6));
    assertThat(next.underlying(Asset.ETH)).isEqualTo(market(t1).underlying(Asset.ETH));
    assertThat(next.underlying(Asset.BTC).vols()).isEqualTo(market(t1).underlying(Asset.BTC).vols());
    // two hours later (one half-life) the transient part has halved again; the permanent part stays
    Instant t2 = t1.plus(Duration.ofHours(2));
    impact.apply(market(t2), t2);
    assertThat(impact.shift(Asset.BTC)).isCloseTo(permanent + transientPart * decay15 / 2, within(1e-12));
    // a buy of the same size (an inverse perpetual, 10 USD a contract) takes the marks back up
    Map<Asset, Double> buy = impact.book(List.of(step("BTC-PERPETUAL", 100_000_000, 20_000)), market(t2));
    assertThat(buy.get(Asset.BTC)).isCloseTo(1e9, within(1e9 * 1e-9));
    assertThat(impact.shift(Asset.BTC)).isCloseTo(transientPart * decay15 / 2 - transientPart, within(1e-9));
  }

  @Test
  void shouldLeaveTheMarksAloneWhenOffButStillReportTheFlow() {
    MarkImpact impact = new MarkImpact(ImpactFeedback.off(), LIQUIDITY);
    MarketSnapshot s = market(T0);
    Map<Asset, Double> flow = impact.book(List.of(step("ETH_USDC-PERPETUAL", -1_000, 1_500)), s);
    assertThat(flow.get(Asset.ETH)).isCloseTo(-15_000, within(1e-6)); // 1,000 × 0.01 ETH × 1,500
    Instant t1 = T0.plusSeconds(900);
    assertThat(impact.apply(market(t1), t1)).isEqualTo(market(t1));
    assertThat(impact.shift(Asset.ETH)).isZero();
  }

  @Test
  void shouldScaleTheFlow() {
    MarkImpact one = new MarkImpact(ImpactFeedback.defaults(), LIQUIDITY);
    MarkImpact hundred = new MarkImpact(ImpactFeedback.defaults().withFlowScale(100), LIQUIDITY);
    one.book(List.of(step("BTC_USDC-PERPETUAL", -5_000_000, 20_000)), market(T0));
    hundred.book(List.of(step("BTC_USDC-PERPETUAL", -50_000, 20_000)), market(T0));
    assertThat(hundred.shift(Asset.BTC)).isCloseTo(one.shift(Asset.BTC), within(1e-12));
  }
}
