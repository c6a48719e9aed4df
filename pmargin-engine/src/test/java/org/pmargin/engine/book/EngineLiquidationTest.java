package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.Bankruptcy;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.liquidation.LiquidationConfig;

/**
 * Liquidation in the engine. The account: 40,000 USDC and 3,000 BTC_USDC-PERPETUAL (linear, 0.001 BTC each: 3 BTC
 * long) filled at the mark 66,026.4 = index 66,000 × 1.0004. A fall of index and mark by x loses 3 × 66,026.4 × x
 * USDC: at 12%, equity 40,000 − 23,769.504 = 16,230.496 USD, below maintenance margin, so the engine closes 20%
 * slices until equity ≥ MM × 1.1. The default liquidity: fee 0.5% of the cash delta closed, impact
 * 0.03 × √(D / 2e10) × D for BTC.
 */
class EngineLiquidationTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL"); // 0.001 BTC per contract
  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final double MARK = 66_000 * 1.0004;

  private static MarginEngine engine(MarginModel model, LiquidationConfig liquidation) {
    return new MarginEngine(model, EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withLiquidation(liquidation));
  }

  private static void open(MarginEngine e) {
    e.apply(new Deposit("alice", Asset.USDC, 40_000));
    e.apply(new Fill("alice", PERP, 3_000, MARK));
  }

  private static MarketUpdate fall(MarginEngine e, double factor) {
    return MarketUpdate.of(EngineFixtures.moved(e.snapshot(), Asset.BTC, factor, e.snapshot().asOf()));
  }

  @Test
  void shouldLiquidateInSlicesUntilMaintenancePlusTenPercentAndNoFurther() {
    AccountHealth unliquidated;
    try (MarginEngine off = engine(MODEL, LiquidationConfig.off())) {
      open(off);
      unliquidated = off.apply(fall(off, 0.88)).margins().get(0).health();
    }
    // Independent of the model: 3 BTC lose 12% of the mark.
    double equity = 40_000 - 3 * MARK * 0.12;
    assertThat(unliquidated.equityUsd()).isCloseTo(equity, within(1e-6));
    assertThat(unliquidated.state()).isEqualTo(HealthState.LIQUIDATABLE);
    try (MarginEngine e = engine(MODEL, LiquidationConfig.defaults())) {
      open(e);
      EventOutcome o = e.apply(fall(e, 0.88));
      List<LiquidationStepBooked> steps = o.liquidations();
      assertThat(steps).hasSizeGreaterThanOrEqualTo(2);
      double costs = 0;
      for (int k = 0; k < steps.size(); k++) {
        LiquidationStepBooked s = steps.get(k);
        assertThat(s.accountId()).isEqualTo("alice");
        assertThat(s.step()).isEqualTo(k + 1);
        assertThat(s.sequence()).isEqualTo(o.sequence());
        assertThat(s.snapshotVersion()).isEqualTo(e.snapshot().version());
        assertThat(s.kind()).isEqualTo("position");
        assertThat(s.maintenanceAfterUsd()).isLessThan(s.maintenanceBeforeUsd());
        // Closing at the mark moves P&L into the balance: equity falls by the cost alone.
        assertThat(s.equityAfterUsd()).isCloseTo(s.equityBeforeUsd() - s.costUsd(), within(1e-6));
        LiquidatedPart p = s.parts().get(0);
        assertThat(p.instrument()).isEqualTo("BTC_USDC-PERPETUAL");
        assertThat(p.mark()).isCloseTo(MARK * 0.88, within(1e-6));
        assertThat(p.quantity()).isNegative();
        assertThat(p.notionalUsd()).isCloseTo(-p.quantity() * 0.001 * 66_000 * 0.88, within(1e-6));
        costs += s.costUsd();
        if (k < steps.size() - 1) { // stopped as soon as the target was met, never later
          assertThat(s.equityAfterUsd()).isLessThan(1.1 * s.maintenanceAfterUsd());
          assertThat(p.quantity()).isCloseTo(-0.2 * quantityBefore(steps, k), within(1e-6));
        }
      }
      assertThat(steps.get(0).reason()).startsWith("equity 16,230.50 USD < MM ");
      // Step 1: 20% of the position, 600 contracts = 0.6 BTC, cash delta D = 0.6 × the mark 58,103.232 (the
      // perpetual's delta to the index is mark / index) = 34,861.94 USD: fee 174.31 USD plus impact
      // 0.03 × √(D / 2e10) × D = 1.38 USD.
      assertThat(steps.get(0).parts().get(0).quantity()).isCloseTo(-600, within(1e-9));
      double d = 0.6 * MARK * 0.88;
      assertThat(steps.get(0).costUsd()).isCloseTo(0.005 * d + 0.03 * Math.sqrt(d / 2e10) * d, within(1e-6));
      AccountHealth h = e.margin("alice").orElseThrow().health();
      assertThat(h.equityUsd()).isCloseTo(equity - costs, within(1e-6));
      assertThat(h.equityUsd()).isGreaterThanOrEqualTo(1.1 * h.maintenanceMarginUsd());
      assertThat(h.state()).isEqualTo(HealthState.MARGIN_CALL);
      assertThat(o.transitions()).extracting(t -> t.from() + "->" + t.to())
          .containsExactly("HEALTHY->LIQUIDATABLE", "LIQUIDATABLE->MARGIN_CALL");
      assertThat(o.transitions()).allSatisfy(t -> assertThat(t.snapshotVersion()).isEqualTo(e.snapshot().version()));
      assertThat(o.margins()).singleElement().satisfies(m -> assertThat(m.health()).isEqualTo(h));
      assertThat(o.bankruptcies()).isEmpty();
      assertThat(e.badDebtUsd()).isZero();
      assertThat(e.liquidationCandidates()).isZero();
    }
  }

  /** The position before step k, contracts, from the journal (3,000 less what the earlier steps sold). */
  private static double quantityBefore(List<LiquidationStepBooked> steps, int k) {
    double q = 3_000;
    for (int j = 0; j < k; j++) {
      q += steps.get(j).parts().get(0).quantity();
    }
    return q;
  }

  @Test
  void shouldSpreadABigLiquidationOverSeveralEventsWithTheStepBudget() {
    try (MarginEngine e = engine(MODEL, LiquidationConfig.defaults().withMaxStepsPerEvent(1))) {
      open(e);
      EventOutcome first = e.apply(fall(e, 0.88));
      assertThat(first.liquidations()).singleElement().satisfies(s -> {
        assertThat(s.step()).isEqualTo(1);
        assertThat(s.parts().get(0).quantity()).isCloseTo(-600, within(1e-9));
      });
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.LIQUIDATABLE);
      assertThat(e.liquidationCandidates()).isEqualTo(1);
      // The next event (here another account's deposit) gives alice her next step, numbered on.
      EventOutcome second = e.apply(new Deposit("bob", Asset.USDC, 1_000));
      assertThat(second.liquidations()).singleElement().satisfies(s -> {
        assertThat(s.step()).isEqualTo(2);
        assertThat(s.equityBeforeUsd()).isCloseTo(first.liquidations().get(0).equityAfterUsd(), within(1e-6));
      });
      assertThat(second.margins()).extracting(m -> m.accountId()).containsExactly("bob", "alice");
    }
  }

  @Test
  void shouldReportABankruptAccountWithItsDeficitAndTakeItOutOfTheBadDebtWhenADepositCoversIt() {
    // Without the loss waterfall (EngineLossWaterfallTest covers it), the account keeps its positions and is parked.
    try (MarginEngine e = engine(MODEL, LiquidationConfig.defaults().withLossWaterfall(false))) {
      open(e);
      // A 30% gap: 3 × 66,026.4 × 30% = 59,423.76 USD lost against 40,000 USDC: equity −19,423.76 USD.
      EventOutcome o = e.apply(fall(e, 0.7));
      assertThat(o.liquidations()).isEmpty();
      Bankruptcy b = o.bankruptcies().get(0);
      assertThat(b.accountId()).isEqualTo("alice");
      double deficit = 3 * MARK * 0.3 - 40_000;
      assertThat(b.equityUsd()).isCloseTo(-deficit, within(1e-6));
      assertThat(b.deficitUsd()).isCloseTo(deficit, within(1e-6));
      assertThat(b.reason()).contains("< 0 before liquidation");
      assertThat(e.badDebtUsd()).isCloseTo(deficit, within(1e-6));
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.BANKRUPT);
      // Parked: the next ticks neither retry it nor count the deficit twice.
      long runs = e.liquidationRuns();
      EventOutcome quiet = e.apply(fall(e, 0.999));
      assertThat(quiet.bankruptcies()).isEmpty();
      assertThat(e.liquidationRuns()).isEqualTo(runs);
      assertThat(e.badDebtUsd()).isCloseTo(deficit, within(1e-6));
      // A deposit that covers the deficit unparks it: the bad debt goes, the account is liquidated like any other.
      EventOutcome cured = e.apply(new Deposit("alice", Asset.USDC, 30_000));
      assertThat(e.badDebtUsd()).isZero();
      assertThat(cured.liquidations()).isNotEmpty();
      assertThat(e.margin("alice").orElseThrow().health().state()).isIn(HealthState.MARGIN_CALL,
          HealthState.HEALTHY);
    }
  }

  /** A model that counts its margin calls (not a scenario model: the engine margins account by account). */
  private record Counting(MarginModel inner, AtomicLong calls) implements MarginModel {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public MarginResult margin(Account account, MarketSnapshot market) {
      calls.incrementAndGet();
      return inner.margin(account, market);
    }
  }

  @Test
  void shouldNotPlanOrMarginAnythingMoreOnATickWhereNobodyIsBelowMaintenance() {
    AtomicLong calls = new AtomicLong();
    try (MarginEngine e = engine(new Counting(MODEL, calls), LiquidationConfig.defaults())) {
      open(e);
      for (int i = 0; i < 20; i++) {
        e.apply(new Deposit("healthy-" + i, Asset.USDC, 100_000));
        e.apply(new Fill("healthy-" + i, PERP, 100, MARK));
      }
      long before = calls.get();
      EventOutcome o = e.apply(fall(e, 0.99)); // alice: equity 38,019, still healthy
      assertThat(o.margins()).hasSize(21);
      assertThat(calls.get() - before).isEqualTo(21); // one margin per account re-margined, nothing else
      assertThat(e.liquidationRuns()).isZero();
      assertThat(o.liquidations()).isEmpty();
      // Once alice is below maintenance margin, only she is planned.
      EventOutcome hit = e.apply(fall(e, 0.89));
      assertThat(e.liquidationRuns()).isEqualTo(1);
      assertThat(hit.liquidations()).isNotEmpty().allSatisfy(s -> assertThat(s.accountId()).isEqualTo("alice"));
    }
  }

  @Test
  void shouldLiquidateNothingOnARejectedEvent() {
    try (MarginEngine e = engine(MODEL, LiquidationConfig.defaults().withMaxStepsPerEvent(1))) {
      open(e);
      e.apply(fall(e, 0.88)); // one step: alice stays queued
      Account queued = e.account("alice");
      long runs = e.liquidationRuns();
      EventOutcome refused = e.apply(new Withdrawal("alice", Asset.USDC, 1e9));
      assertThat(refused.accepted()).isFalse();
      assertThat(refused.liquidations()).isEmpty();
      assertThat(e.liquidationRuns()).isEqualTo(runs);
      assertThat(e.account("alice")).isEqualTo(queued);
      // A snapshot without BTC: alice cannot be margined, the update is rejected.
      MarketSnapshot noBtc = new MarketSnapshot(EngineFixtures.T0, 9, 0.0, java.util.Map.of(Asset.ETH,
          EngineFixtures.underlying(Asset.ETH, EngineFixtures.T0, 3_000, 0.65)), java.util.Map.of(Asset.USDC, 1.0));
      EventOutcome rejected = e.apply(MarketUpdate.of(noBtc));
      assertThat(rejected.accepted()).isFalse();
      assertThat(rejected.liquidations()).isEmpty();
      assertThat(e.account("alice")).isEqualTo(queued);
      assertThat(e.liquidationCandidates()).isEqualTo(1);
    }
  }

  @Test
  void shouldGiveIdenticalOutcomesIncludingLiquidationsForTheSameEvents() {
    List<EngineEvent> events = new ArrayList<>();
    events.add(new Deposit("alice", Asset.USDC, 40_000));
    events.add(new Fill("alice", PERP, 3_000, MARK));
    events.add(new Deposit("bob", Asset.USDC, 15_000));
    events.add(new Fill("bob", DeribitSymbols.parse("ETH_USDC-PERPETUAL"), 40_000, 3_500 * 1.0004));
    events.add(new Fill("bob", PERP, 500, MARK));
    MarketSnapshot m = EngineFixtures.market();
    for (double f : new double[] {0.97, 0.96, 0.98, 0.95}) {
      m = EngineFixtures.moved(EngineFixtures.moved(m, Asset.BTC, f, m.asOf()), Asset.ETH, f - 0.01, m.asOf());
      events.add(MarketUpdate.of(m));
    }
    List<EventOutcome> a = run(events);
    List<EventOutcome> b = run(events);
    assertThat(a).isEqualTo(b);
    assertThat(a.stream().mapToInt(o -> o.liquidations().size()).sum()).isPositive();
  }

  private static List<EventOutcome> run(List<EngineEvent> events) {
    List<EventOutcome> out = new ArrayList<>();
    try (MarginEngine e = new MarginEngine(MODEL, EngineFixtures.market(), new EngineConfig(2, Duration.ofSeconds(60))
        .withLiquidation(LiquidationConfig.defaults().withMaxStepsPerEvent(2)))) {
      for (EngineEvent ev : events) {
        out.add(e.apply(ev));
      }
    }
    return out;
  }
}
