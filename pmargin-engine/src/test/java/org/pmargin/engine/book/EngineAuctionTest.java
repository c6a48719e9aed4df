package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.event.LossEntry;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.liquidation.LiquidationMechanism;

/**
 * The auction mechanism in the engine: Alice, long 3 BTC through BTC_USDC-PERPETUAL on 40,000 USDC, falls below MM
 * when BTC drops 12%; Derive's auction sells part of her portfolio to a bidder, her start fee goes to the insurance
 * fund, and she is back above maintenance margin.
 */
class EngineAuctionTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");

  @Test
  void shouldAuctionASolventAccountBelowMaintenanceAndPayTheStartFeeIntoTheFund() {
    ScenarioGridModel grid = new ScenarioGridModel(GridParameters.deribitUnified());
    try (MarginEngine e = new MarginEngine(grid, EngineFixtures.market(), new EngineConfig(1, Duration.ofSeconds(60))
        .withLiquidation(LiquidationConfig.defaults().withMechanism(LiquidationMechanism.AUCTION)))) {
      e.apply(new Deposit("alice", Asset.USDC, 40_000));
      double mark = e.snapshot().underlying(Asset.BTC).perpetualMark();
      assertThat(e.apply(new Fill("alice", PERP, 3_000, mark)).accepted()).isTrue();
      MarketSnapshot crashed = EngineFixtures.moved(e.snapshot(), Asset.BTC, 0.88, e.snapshot().asOf());

      // the figures before liquidation, from the same model on the same account
      try (MarginEngine shadow = new MarginEngine(grid, crashed, new EngineConfig(1, Duration.ofSeconds(60)))) {
        shadow.load(java.util.List.of(e.account("alice")));
        AccountHealth h = shadow.margin("alice").orElseThrow().health();
        assertThat(h.state()).isEqualTo(HealthState.LIQUIDATABLE);
        double mtm = h.equityUsd();
        double mm = mtm - h.maintenanceMarginUsd();
        double bm = mm + 0.15 * (mm - mtm); // Derive mainnet: buffer 15%
        double fee = bm / (bm - mtm) * mtm * 0.10; // start fee: 10% of the largest fraction's MtM at d = 1

        EventOutcome o = e.apply(MarketUpdate.of(crashed));
        assertThat(o.liquidations()).hasSize(1);
        LiquidationStepBooked s = o.liquidations().get(0);
        assertThat(s.kind()).isEqualTo("auction");
        assertThat(s.equityBeforeUsd()).isCloseTo(mtm, within(1e-6));
        LossEntry feeEntry = o.losses().stream().filter(l -> l.kind().equals("fee")).findFirst().orElseThrow();
        assertThat(feeEntry.amount()).isEqualTo((long) Math.floor(fee * 1e6));
        assertThat(e.losses().fundUsd()).isCloseTo(fee, within(1e-6));
        // the account lost the fee and the bidder's discount, nothing else
        assertThat(s.equityBeforeUsd() - s.equityAfterUsd()).isCloseTo(s.costUsd(), within(1e-6));
        assertThat(s.costUsd()).isGreaterThan(fee);
        double sold = -s.parts().get(0).quantity() / 3_000;
        assertThat(sold).isBetween(0.0, 1.0);
        assertThat(e.account("alice").portfolio().positions().get(0).quantity()).isCloseTo(3_000 * (1 - sold),
            within(1e-9));
        AccountHealth after = e.margin("alice").orElseThrow().health();
        assertThat(after.equityUsd()).isGreaterThan(after.maintenanceMarginUsd());
      }
    }
  }
}
