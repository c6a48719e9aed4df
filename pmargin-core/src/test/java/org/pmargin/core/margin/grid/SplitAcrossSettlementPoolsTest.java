package org.pmargin.core.margin.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;

/**
 * Adversarial: one BTC position split within an account across settlement pools, long 10 BTC through a USDC-linear
 * perpetual and short 10 BTC through a USDT-linear one or through the inverse (coin-settled) perpetual. Per settlement
 * currency the pools never offset: the split account pays both legs in full. In a unified pool the legs net in USD,
 * but the profit leg is paid in a stablecoin that may depeg: the grid charges that (settlement basis, 10%), so the
 * split gets no more offset than the stress library's depeg reading allows, while the same hedge inside one
 * stablecoin pays nothing for it.
 */
class SplitAcrossSettlementPoolsTest {

  private static final MarketSnapshot MARKET = withUsdt(GridFixtures.market());
  private static final Perpetual USDC_PERP = new Perpetual("BTC_USDC-PERPETUAL", Asset.BTC, Asset.USDC,
      Settlement.LINEAR, 0.001, 0.5);
  private static final Perpetual USDC_PERP_2 = new Perpetual("BTC_USDC-PERPETUAL-B", Asset.BTC, Asset.USDC,
      Settlement.LINEAR, 0.001, 0.5);
  private static final Perpetual USDT_PERP = new Perpetual("BTC_USDT-PERPETUAL", Asset.BTC, Asset.USDT,
      Settlement.LINEAR, 0.001, 0.5);
  private static final Perpetual INVERSE = new Perpetual("BTC-PERPETUAL", Asset.BTC, Asset.USD, Settlement.INVERSE,
      10, 0.5);
  private static final double MARK = MARKET.underlying(Asset.BTC).perpetualMark();
  /** 10 BTC: 10,000 contracts of 0.001 BTC; the inverse leg's 10 × mark USD in 10 USD contracts. */
  private static final Position LONG_USDC = new Position(USDC_PERP, 10_000, MARK);
  private static final Position SHORT_USDC = new Position(USDC_PERP_2, -10_000, MARK);
  private static final Position SHORT_USDT = new Position(USDT_PERP, -10_000, MARK);
  private static final Position SHORT_INVERSE = new Position(INVERSE, -MARK, MARK);
  private static final Map<Asset, Double> COLLATERAL = Map.of(Asset.USDC, 50_000.0, Asset.USDT, 50_000.0);

  private static MarketSnapshot withUsdt(MarketSnapshot m) {
    return new MarketSnapshot(m.asOf(), m.version(), m.rate(), m.underlyings(), Map.of(Asset.USDC, 1.0, Asset.USDT,
        1.0));
  }

  private static MarginResult margin(GridParameters p, Position... positions) {
    return new ScenarioGridModel(p).margin(new Account("split", new Portfolio(List.of(positions)), COLLATERAL),
        MARKET);
  }

  private static double component(MarginResult r, String name) {
    return r.pools().stream().flatMap(p -> p.components().stream()).filter(c -> c.name().equals(name))
        .mapToDouble(MarginComponent::maintenance).sum();
  }

  @Test
  void shouldChargeBothLegsInFullWhenEachSettlementCurrencyIsItsOwnPool() {
    GridParameters deribit = GridParameters.deribit();
    for (Position shortLeg : List.of(SHORT_USDT, SHORT_INVERSE)) {
      double alone = margin(deribit, LONG_USDC).maintenanceMarginUsd()
          + margin(deribit, shortLeg).maintenanceMarginUsd();
      double split = margin(deribit, LONG_USDC, shortLeg).maintenanceMarginUsd();
      assertThat(split).as(shortLeg.instrument().symbol()).isCloseTo(alone, within(1e-9 * alone));
      // the long leg alone: the −16% edge on 10 BTC at the mark plus the 1% roll shock at the index, × 0.8
      double index = MARKET.underlying(Asset.BTC).index();
      assertThat(margin(deribit, LONG_USDC).maintenanceMarginUsd()).isCloseTo(0.8 * (0.16 * MARK + 0.01 * index)
          * 10, within(1e-6 * MARK));
    }
  }

  @Test
  void shouldChargeTheStablecoinBasisOfAHedgeAcrossSettlementCurrenciesInAUnifiedPool() {
    GridParameters unified = GridParameters.deribitUnified();
    // the USDC leg's P&L at the +16% edge is 10 × 0.16 × mark; paid in a USDC worth 10% less, the hedge loses 10% of it
    double basis = 0.8 * 0.10 * 10 * 0.16 * MARK;
    for (Position shortLeg : List.of(SHORT_USDT, SHORT_INVERSE)) {
      MarginResult split = margin(unified, LONG_USDC, shortLeg);
      // (the inverse leg moves with the index, the linear one with the mark 0.04% above it: 1% is that residual)
      assertThat(component(split, "settlement_basis:BTC")).as(shortLeg.instrument().symbol())
          .isCloseTo(basis, within(0.01 * basis));
      // still far less than the naked legs: the price risk is hedged, the currency risk is not
      assertThat(split.maintenanceMarginUsd()).isLessThan(margin(unified, LONG_USDC).maintenanceMarginUsd());
    }
    MarginResult inOne = margin(unified, LONG_USDC, SHORT_USDC);
    assertThat(component(inOne, "settlement_basis:BTC")).as("a hedge inside one stablecoin").isZero();
    assertThat(margin(unified, LONG_USDC, SHORT_USDT).maintenanceMarginUsd())
        .isCloseTo(inOne.maintenanceMarginUsd() + basis, within(1e-6 * basis));
  }

  @Test
  void shouldGiveTheSplitEveryOffsetWhenTheBasisIsSetToZero() {
    GridParameters off = GridParameters.deribitUnified().toBuilder().settlementBasis(0).build();
    assertThat(component(margin(off, LONG_USDC, SHORT_USDT), "settlement_basis:BTC")).isZero();
    assertThat(margin(off, LONG_USDC, SHORT_USDT).maintenanceMarginUsd()).isCloseTo(
        margin(off, LONG_USDC, SHORT_USDC).maintenanceMarginUsd(), within(1e-6 * MARK));
  }

  @Test
  void shouldNotChargeANakedPositionForItsStablecoin() {
    MarginResult naked = margin(GridParameters.deribitUnified(), LONG_USDC);
    assertThat(component(naked, "settlement_basis:BTC")).isZero();
  }
}
