package org.pmargin.core.liquidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/** The cost of a close on worked numbers. */
class LiquidityModelTest {

  private final MarketSnapshot market = LiquidationFixtures.market();

  /**
   * 15,384.6 BTC_USDC-PERPETUAL contracts of 0.001 BTC (1e6 USD at the index) marked 0.04% over the index: cash
   * delta D = 1,000,400 USD; cost = 0.5% × D + 0.03 × √(D / 2e10) × D = 5,002 + 212.2593 USD.
   */
  @Test
  void shouldChargeFeeAndSquareRootImpactOnTheCashDelta() {
    PositionValuation v = PositionValuer.value(LiquidationFixtures.atMark(DeribitSymbols.parse("BTC_USDC-PERPETUAL"),
        1_000_000.0 / 65_000 / 0.001, market), market);
    double d = v.delta() * 65_000; // 1e6 × 1.0004 (the perpetual's premium over the index)
    assertThat(d).isCloseTo(1_000_400, within(1e-6));
    double full = 0.005 * d + 0.03 * Math.sqrt(d / 2e10) * d;
    assertThat(full).isCloseTo(5_214.2593, within(1e-4)); // 0.03 × √(5.002e-5) × 1,000,400 = 212.2593
    assertThat(LiquidationFixtures.liquidity().closeCostUsd(v, 65_000, 1)).isCloseTo(full, within(1e-6));
    // half: fee halves, impact falls by 2^1.5
    assertThat(LiquidationFixtures.liquidity().closeCostUsd(v, 65_000, 0.5))
        .isCloseTo(0.5 * 0.005 * d + 0.03 * Math.sqrt(0.5 * d / 2e10) * 0.5 * d, within(1e-6));
  }

  @Test
  void shouldAddTheSpreadOnAnOptionsPremium() {
    PositionValuation v = PositionValuer.value(LiquidationFixtures.atMark(DeribitSymbols.parse("BTC-28JUN24-70000-C"),
        -10, market), market);
    LiquidityModel noImpact = new LiquidityModel(0.005, 0.05, 0, Map.of(), Map.of());
    assertThat(noImpact.closeCostUsd(v, 65_000, 1)).isCloseTo(
        0.005 * Math.abs(v.delta() * 65_000) + 0.05 * Math.abs(v.valueUsd()), within(1e-9));
  }

  @Test
  void shouldRefuseToCostACloseWithUnknownDepth() {
    PositionValuation v = PositionValuer.value(LiquidationFixtures.atMark(DeribitSymbols.parse("BTC-PERPETUAL"),
        10_000, market), market);
    LiquidityModel noBtc = new LiquidityModel(0.005, 0.05, 1, Map.of(Asset.ETH, 1e9), Map.of(Asset.ETH, 0.04));
    assertThatThrownBy(() -> noBtc.closeCostUsd(v, 65_000, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("liquidity.BTC");
  }
}
