package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LossEntry;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.liquidation.LiquidationMechanism;
import org.pmargin.engine.liquidation.LossSummary;

/**
 * The engine's loss waterfall on worked numbers. Alice: 40,000 USDC and 3,000 BTC_USDC-PERPETUAL (0.001 BTC each, 3
 * BTC long) at the mark 66,026.4; bob 100,000 USDC and 2,000 short at the same price; carol 50,000 USDC, flat. A 30%
 * gap leaves alice at 40,000 − 3 × 66,026.4 × 0.3 = −19,423.76 USD: bankrupt before any step.
 */
class EngineLossWaterfallTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final double MARK = 66_000 * 1.0004;

  private static void open(MarginEngine e) {
    e.apply(new Deposit("alice", Asset.USDC, 40_000));
    e.apply(new Fill("alice", PERP, 3_000, MARK));
    e.apply(new Deposit("bob", Asset.USDC, 100_000));
    e.apply(new Fill("bob", PERP, -2_000, MARK));
    e.apply(new Deposit("carol", Asset.USDC, 50_000));
  }

  private static MarketUpdate fall(MarginEngine e, double factor) {
    return MarketUpdate.of(EngineFixtures.moved(e.snapshot(), Asset.BTC, factor, e.snapshot().asOf()));
  }

  @Test
  void shouldCoverABankruptDeficitByTheFundThenAdlThenSocialisedLossAndHandTheRestToTheBackstop() {
    try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(),
        LiquidationConfig.defaults().withInitialFundUsd(5_000))) {
      open(e);
      List<String> ids = List.of("alice", "bob", "carol");
      EventOutcome o = e.apply(fall(e, 0.7));
      MarketSnapshot m = e.snapshot();
      long deficit = 19_423_760_000L; // 19,423.76 USD in micro-USD (the mark falls 30% exactly)
      assertThat(o.bankruptcies()).singleElement().satisfies(b -> assertThat(b.deficitUsd())
          .isCloseTo(19_423.76, within(1e-6)));
      assertThat(o.losses()).extracting(LossEntry::kind)
          .containsExactly("fund_draw", "adl", "socialised", "socialised", "takeover");
      // Fund first: all 5,000 USD of it.
      assertThat(LossFixtures.sum(o, "fund_draw", "alice")).isEqualTo(5_000_000_000L);
      // ADL: bob's 2,000 short close against alice's 3,000 long: 2/3 of the lots bear 2/3 of the 14,423.76 left.
      long rest = deficit - 5_000_000_000L;
      LossEntry adl = o.losses().get(1);
      assertThat(adl.counterpartyId()).isEqualTo("bob");
      assertThat(adl.quantity()).isCloseTo(2_000, within(1e-9));
      assertThat(adl.amount()).isEqualTo(rest * 2 / 3);
      // The ADL price: the mark moved towards alice's bankruptcy price by what bob bears per contract.
      assertThat(adl.price()).isCloseTo(MARK * 0.7 + rest / 1e6 / 3, within(1e-6));
      // Socialised: the last third pro rata to the positive equity left (bob after ADL, carol).
      long social = rest - rest * 2 / 3;
      assertThat(LossFixtures.sum(o, "socialised", "alice")).isEqualTo(social);
      double bobEquity = 100_000 + 2 * MARK * 0.3 - adl.amountUsd();
      LossEntry bobShare = o.losses().get(2);
      assertThat(bobShare.counterpartyId()).isEqualTo("bob");
      assertThat(bobShare.amount()).isCloseTo(Math.round(social * bobEquity / (bobEquity + 50_000)), within(1L));
      // Deficit = fund draw + ADL + socialised, to the micro-USD; nothing uncovered, alice flat at zero.
      assertThat(LossFixtures.sum(o, "fund_draw", null) + LossFixtures.sum(o, "adl", null)
          + LossFixtures.sum(o, "socialised", null)).isEqualTo(deficit);
      assertThat(e.account("alice").portfolio().positions()).isEmpty();
      assertThat(LossFixtures.value(e.account("alice"), m)).isCloseTo(0, within(1e-6));
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.HEALTHY);
      assertThat(e.account("bob").portfolio().positions()).isEmpty();
      assertThat(e.badDebtUsd()).isZero();
      // The backstop holds alice's last BTC long at the mark (worth nothing at takeover).
      LossSummary s = e.losses();
      assertThat(s.fundUsd()).isZero();
      assertThat(s.adlFills()).isEqualTo(1);
      assertThat(s.backstopBooks()).singleElement().satisfies(b ->
          assertThat(b.portfolio().positions().get(0).quantity()).isCloseTo(1_000, within(1e-9)));
      assertThat(s.backstopValueUsd()).isCloseTo(0, within(1e-6));
      // Conservation: alice's −19,423.76 plus the fund's 5,000 were the only money lost: everyone else paid it.
      double before = 40_000 - 3 * MARK * 0.3 + 100_000 + 2 * MARK * 0.3 + 50_000 + 5_000;
      assertThat(LossFixtures.total(e, ids, s.backstopBooks(), m) + s.fundUsd()).isCloseTo(before, within(1e-6));
    }
  }

  @Test
  void shouldCapTheFeeSoThatAStepNeverMakesASolventAccountBankrupt() {
    // A 2% fee: 20% of the position at an 20% fall is 0.6 BTC × 52,821.12 = 31,692.67 USD of cash delta, a fee of
    // 633.85 USD, against equity 40,000 − 3 × 66,026.4 × 0.2 = 376.16 USD.
    LiquidationConfig lc = LiquidationConfig.defaults().withLiquidity(
        new org.pmargin.engine.liquidation.EngineLiquidity(0.02, 0.05, 1.0, java.util.Map.of(Asset.BTC, 2e10),
            java.util.Map.of(Asset.BTC, 0.03), 1e9, 0.06));
    try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(), lc)) {
      e.apply(new Deposit("alice", Asset.USDC, 40_000));
      e.apply(new Fill("alice", PERP, 3_000, MARK));
      EventOutcome o = e.apply(fall(e, 0.8));
      var step = o.liquidations().get(0);
      double cashDelta = 0.6 * MARK * 0.8;
      double impact = 0.03 * Math.sqrt(cashDelta / 2e10) * cashDelta;
      double equity = 40_000 - 3 * MARK * 0.2;
      assertThat(step.equityBeforeUsd()).isCloseTo(equity, within(1e-6));
      LossEntry fee = o.losses().get(0);
      assertThat(fee.kind()).isEqualTo("fee");
      // Charged: the equity left after the impact, rounded down to the micro-USD, not the configured 633.85.
      assertThat(fee.amount()).isEqualTo((long) Math.floor((equity - impact) * 1e6));
      assertThat(0.02 * cashDelta).isGreaterThan(equity);
      assertThat(step.costUsd()).isCloseTo(impact + fee.amountUsd(), within(1e-9));
      assertThat(step.equityAfterUsd()).isBetween(0.0, 1e-6);
      // Later steps pay no fee: nothing is left to pay it with. Their spread and impact are paid to the market all
      // the same, so a deficit may follow, but never more than those market costs: no fee made it.
      List<LossEntry> fees = o.losses().stream().filter(l -> l.kind().equals("fee")).toList();
      assertThat(fees).hasSize(o.liquidations().size());
      assertThat(fees.stream().skip(1).mapToLong(LossEntry::amount)).allMatch(a -> a == 0);
      double laterCosts = o.liquidations().stream().skip(1).mapToDouble(s -> s.costUsd()).sum();
      assertThat(o.bankruptcies().stream().mapToDouble(b -> b.deficitUsd()).sum()).isLessThanOrEqualTo(laterCosts);
      assertThat(LossFixtures.sum(o, "fund_draw", null)).isLessThanOrEqualTo(fee.amount());
    }
  }

  @Test
  void shouldLetTheBackstopTakeTheWholeAccountOverBelowTwoThirdsOfMaintenanceMargin() {
    try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(),
        LiquidationConfig.defaults().withMechanism(LiquidationMechanism.MARKET_BACKSTOP))) {
      e.apply(new Deposit("alice", Asset.USDC, 40_000));
      e.apply(new Fill("alice", PERP, 3_000, MARK));
      EventOutcome o = e.apply(fall(e, 0.8)); // equity 376.16 USD, far below 2/3 of MM
      double equity = 40_000 - 3 * MARK * 0.2;
      assertThat(o.liquidations()).isEmpty();
      assertThat(o.bankruptcies()).isEmpty();
      assertThat(o.losses()).singleElement().satisfies(l -> {
        assertThat(l.kind()).isEqualTo("backstop");
        assertThat(l.amountUsd()).isCloseTo(equity, within(1e-6));
      });
      assertThat(e.account("alice").portfolio().positions()).isEmpty();
      assertThat(e.account("alice").collateral()).isEmpty();
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.HEALTHY);
      LossSummary s = e.losses();
      assertThat(s.takeovers()).isEqualTo(1);
      assertThat(s.backstopValueUsd()).isCloseTo(equity, within(1e-6));
      // The backstop's book moves with the market: 1% more down loses it 3 × 52,821.12 × 1% ... of the new mark.
      e.apply(fall(e, 0.99));
      assertThat(e.losses().backstopValueUsd()).isCloseTo(equity - 3 * MARK * 0.8 * 0.01, within(1e-6));
    }
  }

  @Test
  void shouldDecideBankruptcyOnTotalEquityNotOnOneIsolatedPool() {
    Instrument inverse = DeribitSymbols.parse("BTC-PERPETUAL"); // 10 USD per contract, BTC-settled
    try (MarginEngine e = LossFixtures.engine(new IsolatedModel(), EngineFixtures.market(),
        LiquidationConfig.defaults())) {
      e.apply(new Deposit("alice", Asset.USDC, 100_000));
      e.apply(new Deposit("alice", Asset.BTC, 0.2));
      e.apply(new Fill("alice", inverse, 10_000, MARK)); // 100,000 USD long in the BTC pool
      // 20% down: the BTC pool loses 100,000 × (1/52,821 − 1/66,026) = 0.3786 BTC > 0.2 BTC, but the USDC pool
      // holds 100,000: the account is solvent.
      EventOutcome o = e.apply(fall(e, 0.8));
      assertThat(o.transitions()).anySatisfy(t -> assertThat(t.to()).isEqualTo(HealthState.BANKRUPT));
      assertThat(o.transitions().get(0).health().equityUsd()).isPositive();
      assertThat(o.bankruptcies()).isEmpty();
      assertThat(o.liquidations()).isNotEmpty();
      assertThat(o.losses()).noneMatch(l -> l.kind().equals("fund_draw") || l.kind().equals("takeover"));
    }
  }
}
