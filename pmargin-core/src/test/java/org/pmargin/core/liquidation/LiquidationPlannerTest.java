package org.pmargin.core.liquidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The planner: booking at the mark conserves equity, a one-position account is cut exactly to its target, a covered
 * call is unwound without leaving the call naked, and on seeded random accounts under every margin model the
 * invariants hold (no step raises margin or the worst stress loss; equity falls by exactly each step's cost; the plan
 * ends, and stops at the first step that meets the target; the same inputs give the same plan).
 */
class LiquidationPlannerTest {

  private static final MarketSnapshot MARKET = LiquidationFixtures.market();
  private static final MarginModel GRID = new ScenarioGridModel(GridParameters.deribitUnified());

  /** Balances at their USD price plus positions at their USD value: what a close at the mark must not change. */
  static double rawEquityUsd(Account a, MarketSnapshot m) {
    double e = 0;
    for (Map.Entry<Asset, Double> b : a.collateral().entrySet()) {
      e += b.getValue() * m.priceUsd(b.getKey());
    }
    for (Position p : a.portfolio().positions()) {
      e += PositionValuer.value(p, m).valueUsd();
    }
    return e;
  }

  @Test
  void shouldConserveEquityWhenClosingAtTheMarkForFree() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int k = 0; k < 50; k++) {
      Account a = LiquidationFixtures.random(rnd, MARKET);
      double[] f = new double[a.portfolio().positions().size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = rnd.nextBoolean() ? 0 : rnd.nextDouble(0.01, 1);
      }
      List<ClosedPart> parts = new ArrayList<>();
      Account after = PositionCloser.trade(a, MARKET, LiquidationFixtures.free(), f, null, parts);
      assertThat(rawEquityUsd(after, MARKET)).isCloseTo(rawEquityUsd(a, MARKET),
          within(1e-9 * Math.max(1, Math.abs(rawEquityUsd(a, MARKET)) + 1e6)));
      assertThat(parts).allSatisfy(p -> assertThat(p.costUsd()).isZero());
    }
  }

  /**
   * 20 BTC long through BTC_USDC-PERPETUAL bought at 68,000 against a mark of 65,026: −59,480 USDC unrealised on
   * 70,000 USDC. The planner closes slices of it until equity is 110% of MM, the last slice cut to reach it exactly.
   */
  @Test
  void shouldCutASinglePositionToExactlyItsTarget() {
    Instrument perp = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
    Account a = new Account("one", new Portfolio(List.of(new Position(perp, 20_000, 68_000))),
        Map.of(Asset.USDC, 70_000.0));
    MarginResult before = GRID.margin(a, MARKET);
    assertThat(before.health().equityUsd()).isLessThan(before.maintenanceMarginUsd());
    LiquidationPlanner planner = LiquidationPlanner.defaults(GRID, LiquidationFixtures.liquidity());
    LiquidationPlan plan = planner.plan(a, MARKET);
    assertThat(plan.reachedTarget()).isTrue();
    assertThat(plan.steps()).isNotEmpty().allSatisfy(s -> assertThat(s.kind()).isEqualTo(StepKind.POSITION));
    MarginResult after = plan.margin();
    // stops at the target, not beyond: equity / (1.1 MM) - 1 within the bisection's resolution of the last slice
    assertThat(after.health().equityUsd() / (1.1 * after.maintenanceMarginUsd()) - 1).isBetween(0.0, 1e-4);
    double left = plan.account().portfolio().positions().get(0).quantity();
    assertThat(left).isStrictlyBetween(0.0, 20_000.0);
    assertThat(rawEquityUsd(plan.account(), MARKET)).isCloseTo(rawEquityUsd(a, MARKET) - plan.costUsd(),
        within(1e-6));
  }

  /**
   * A covered call (long 10 BTC through the inverse perpetual: 65,000 contracts of 10 USD; short 10
   * BTC-28JUN24-70000-C) and an unhedged ETH
   * long, short of margin. Closing part of the perpetual alone lowers the margin (the call's delta is about 0.2), but
   * leaves calls uncovered: in the 60% squeeze (BTC at 104,000) the account that made money would lose it. So after
   * every step, the squeeze P&L, computed here position by position, stays at least zero.
   */
  @Test
  void shouldNeverLeaveACoveredCallNaked() {
    Instrument btcPerp = DeribitSymbols.parse("BTC-PERPETUAL");
    Instrument call = DeribitSymbols.parse("BTC-28JUN24-70000-C");
    Instrument eth = DeribitSymbols.parse("ETH_USDC-PERPETUAL");
    Account a = new Account("cc", new Portfolio(List.of(LiquidationFixtures.atMark(btcPerp, 65_000, MARKET),
        LiquidationFixtures.atMark(call, -10, MARKET), new Position(eth, 40_000, 3_800))),
        Map.of(Asset.USDC, 20_000.0, Asset.BTC, 0.3));
    assertThat(btcSqueezePnl(a)).isPositive();
    LiquidationPlan plan = LiquidationPlanner.defaults(GRID, LiquidationFixtures.liquidity()).plan(a, MARKET);
    assertThat(plan.steps()).isNotEmpty();
    for (LiquidationStep s : plan.steps()) {
      assertThat(s.worstLossAfterUsd()).isLessThanOrEqualTo(s.worstLossBeforeUsd() * (1 + 1e-9) + 1e-9);
      assertThat(s.maintenanceAfterUsd()).isLessThan(s.maintenanceBeforeUsd());
      assertThat(btcSqueezePnl(s.account())).as(s.description()).isGreaterThan(-1e-6);
    }
  }

  /** The BTC positions' USD P&L when BTC's index, mark and forwards rise 60% and its vol by 30% (no balance). */
  private static double btcSqueezePnl(Account a) {
    org.pmargin.core.valuation.MarketShock up = new org.pmargin.core.valuation.MarketShock(Asset.BTC, 1.6,
        (vol, t) -> vol * 1.3);
    double pnl = 0;
    for (Position p : a.portfolio().positions()) {
      if (p.instrument().underlying().equals(Asset.BTC)) {
        pnl += PositionValuer.value(p, MARKET, up).valueUsd() - PositionValuer.value(p, MARKET).valueUsd();
      }
    }
    return pnl;
  }

  static Stream<Arguments> modelsAndSeeds() {
    List<MarginModel> models = List.of(GRID, new CrossModel(), new IsolatedModel(), new SensitivityModel());
    List<Arguments> out = new ArrayList<>();
    for (MarginModel m : models) {
      for (long seed = 1; seed <= 8; seed++) {
        out.add(Arguments.of(m.name(), m, seed));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("modelsAndSeeds")
  void shouldKeepItsInvariantsOnRandomAccounts(String name, MarginModel model, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LiquidationPlanner planner = LiquidationPlanner.defaults(model, LiquidationFixtures.liquidity());
    for (int k = 0; k < 3; k++) {
      Account a = LiquidationFixtures.random(rnd, MARKET);
      LiquidationPlan plan = planner.plan(a, MARKET);
      double equity = rawEquityUsd(a, MARKET);
      MarginResult previous = model.margin(a, MARKET);
      for (LiquidationStep s : plan.steps()) {
        assertThat(planner.target().reached(previous)).as("a step after the target").isFalse();
        assertThat(s.maintenanceAfterUsd()).isLessThan(s.maintenanceBeforeUsd());
        // booked with the model itself (candidates are ranked on estimates on the grid): its margin, bit for bit
        assertThat(s.maintenanceAfterUsd()).isEqualTo(model.margin(s.account(), MARKET).maintenanceMarginUsd());
        assertThat(s.worstLossAfterUsd()).isLessThanOrEqualTo(s.worstLossBeforeUsd() * (1 + 1e-9) + 1e-9);
        assertThat(s.costUsd()).isNotNegative();
        double after = rawEquityUsd(s.account(), MARKET);
        assertThat(after).isCloseTo(equity - s.costUsd(), within(1e-7 * (Math.abs(equity) + 1e6)));
        equity = after;
        previous = s.margin();
      }
      assertThat(plan.steps().size()).isLessThanOrEqualTo(planner.maxSteps());
      assertThat(plan.reachedTarget()).isEqualTo(planner.target().reached(plan.margin()));
      LiquidationPlan again = planner.plan(a, MARKET);
      assertThat(again.account()).isEqualTo(plan.account());
      assertThat(again.steps()).hasSameSizeAs(plan.steps());
    }
  }

  /**
   * The profiler's linear shortcut gives the stress test's own P&L, on random books with entries off the mark: stand-
   * alone (a vector per contract and entry) and shared (a delta-one contract's vector interpolated in its entry,
   * from one cache used by every account).
   */
  @Test
  void shouldProfileStressesAsTheStressTestDoes() {
    SplittableRandom rnd = new SplittableRandom(3);
    WorstLoss stresses = WorstLoss.hypothetical();
    StressProfiler shared = new StressProfiler(stresses, MARKET, new PlanVectorCache());
    for (int k = 0; k < 40; k++) {
      Account a = LiquidationFixtures.random(rnd, MARKET);
      double[] direct = stresses.pnl(a, MARKET);
      for (StressProfiler profiler : List.of(new StressProfiler(stresses, MARKET), shared)) {
        double[] fast = profiler.pnl(a);
        for (int i = 0; i < direct.length; i++) {
          assertThat(fast[i]).isCloseTo(direct[i], within(1e-9 * (Math.abs(direct[i]) + 1)));
        }
      }
    }
  }

  /** Shared vectors change nothing: the grid plan from the plan's own cache equals the one computed on the spot. */
  @Test
  void shouldPlanTheSameWithOrWithoutSharedVectors() {
    SplittableRandom rnd = new SplittableRandom(5);
    LiquidationPlanner planner = LiquidationPlanner.defaults(GRID, LiquidationFixtures.liquidity());
    for (int k = 0; k < 10; k++) {
      Account a = LiquidationFixtures.random(rnd, MARKET);
      LiquidationPlan cached = planner.plan(a, MARKET);
      LiquidationPlan spot = planner.plan(a, MARKET, org.pmargin.core.margin.VectorCache.NONE);
      assertThat(cached.account()).isEqualTo(spot.account());
      assertThat(cached.margin().maintenanceMarginUsd()).isEqualTo(spot.margin().maintenanceMarginUsd());
    }
  }

  /** The random accounts are not all healthy: the invariants above are exercised on real liquidations. */
  @Test
  void shouldLiquidateMostRandomAccountsToTheirTarget() {
    SplittableRandom rnd = new SplittableRandom(1);
    LiquidationPlanner planner = LiquidationPlanner.defaults(GRID, LiquidationFixtures.liquidity());
    int liquidated = 0;
    int reached = 0;
    for (int k = 0; k < 20; k++) {
      LiquidationPlan plan = planner.plan(LiquidationFixtures.random(rnd, MARKET), MARKET);
      liquidated += plan.steps().isEmpty() ? 0 : 1;
      reached += !plan.steps().isEmpty() && plan.reachedTarget() ? 1 : 0;
    }
    assertThat(liquidated).isGreaterThanOrEqualTo(8);
    assertThat(reached).isGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldBeCheaperThanClosingEverythingAndLeaveLessRiskUnhedgedThanLargestFirst() {
    Instrument btcPerp = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
    Instrument ethPerp = DeribitSymbols.parse("ETH_USDC-PERPETUAL");
    Account a = new Account("two", new Portfolio(List.of(new Position(btcPerp, 20_000, 67_000),
        new Position(ethPerp, 10_000, 3_600))), Map.of(Asset.USDC, 100_000.0));
    LiquidationTarget target = LiquidationTarget.maintenancePlus(0.1);
    LiquidationPlan planned = LiquidationPlanner.defaults(GRID, LiquidationFixtures.liquidity()).plan(a, MARKET);
    LiquidationPlan all = LiquidationBaselines.closeAll(a, MARKET, GRID, LiquidationFixtures.liquidity(), target,
        WorstLoss.hypothetical());
    LiquidationPlan largest = LiquidationBaselines.largestFirst(a, MARKET, GRID, LiquidationFixtures.liquidity(),
        target, WorstLoss.hypothetical());
    assertThat(planned.reachedTarget()).isTrue();
    assertThat(all.reachedTarget()).isTrue();
    assertThat(largest.reachedTarget()).isTrue();
    assertThat(planned.costUsd()).isLessThan(all.costUsd());
    assertThat(planned.costUsd()).isLessThan(largest.costUsd());
    assertThat(all.account().portfolio().positions()).isEmpty();
  }
}
