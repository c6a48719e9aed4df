package org.pmargin.core.margin.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.InvalidInputException;

/** Simulation margin on hand-made scenario sets: ES by hand, Euler shares, coherence, and missing factors. */
class SimulationMarginModelTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 60000), 60000, 0, VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3000), 3000, 0, VolSurface.flat(T, 0.7))),
      Map.of(Asset.USDC, 1.0));

  /** Four scenarios: BTC log returns 0.1, −0.2, 0.05, −0.1; ETH −0.1, −0.3, 0.2, 0. */
  private static final ScenarioSet FOUR = new ScenarioSet("four", List.of(Asset.BTC, Asset.ETH),
      new double[][] {{0.1, -0.1}, {-0.2, -0.3}, {0.05, 0.2}, {-0.1, 0}}, null, List.of("a", "b", "c", "d"));

  private static SimulationMarginModel model(ScenarioSet set, double alpha) {
    SimulationParameters p = SimulationParameters.standard();
    return new SimulationMarginModel(set, new SimulationParameters(alpha, 0.75, p.view(), 1.0, 0.8, p.haircuts()));
  }

  @Test
  void shouldChargeTheMeanOfTheWorstScenariosByHand() {
    // 1 BTC long through the USDC perpetual (mark = index = 60,000): P&L = 60,000·(e^r − 1) per scenario:
    // a 6,310.25, b −10,876.15, c 3,076.27, d −5,709.76. At 50% the tail is {b, d}: ES = (10,876.15 + 5,709.76)/2
    // = 8,292.96.
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000);
    MarginResult r = model(FOUR, 0.5).margin(new Account("x", new Portfolio(List.of(perp)), Map.of()), MARKET);
    double b = 60000 * Math.expm1(-0.2);
    double d = 60000 * Math.expm1(-0.1);
    assertThat(r.initialMarginUsd()).isCloseTo(-(b + d) / 2, within(1e-9));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(-0.8 * (b + d) / 2, within(1e-9));
    assertThat(r.pools().get(0).drivingScenario()).isEqualTo("worst b");
  }

  /**
   * The figures the explanation states, as data: the same book at α = 50% and VaR confidence 75%. ES 50% is the mean
   * loss of {b, d}, 8,292.96; ES 99% is the worst scenario alone (⌈4 × 1%⌉ = 1), b's 10,876.15; VaR 75% is the
   * ⌈4 × 25%⌉ = 1st worst, also b's loss. Losses are positive, in the pool's currency (USD).
   */
  @Test
  void shouldReportTheVarAndEsItComputedAsRiskMeasures() {
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000);
    MarginResult r = model(FOUR, 0.5).margin(new Account("x", new Portfolio(List.of(perp)), Map.of()), MARKET);
    double b = -60000 * Math.expm1(-0.2);
    double d = -60000 * Math.expm1(-0.1);
    var measures = r.pools().get(0).riskMeasures();
    assertThat(measures).extracting(m -> m.measure() + "@" + m.confidence())
        .containsExactly("expected_shortfall@0.5", "expected_shortfall@0.99", "value_at_risk@0.75");
    assertThat(measures.get(0).value()).isCloseTo((b + d) / 2, within(1e-9));
    assertThat(measures.get(1).value()).isCloseTo(b, within(1e-9));
    assertThat(measures.get(2).value()).isCloseTo(b, within(1e-9));
    assertThat(measures.get(0).value()).isEqualTo(r.pools().get(0).components().get(0).initial());
    assertThat(r.pools().get(0).components().get(0).explanation()).contains("ES 99% 10876.2 USD", "VaR 75.00% 10876.2 USD");
  }

  @Test
  void shouldAllocateTheShortfallByEulerSoSharesAddUp() {
    // Long 1 BTC, short 20 ETH (USDC perpetuals): per scenario 60,000·(e^rB − 1) − 60,000·(e^rE − 1).
    Position btc = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000);
    Position eth = new Position(DeribitSymbols.parse("ETH_USDC-PERPETUAL"), -2000, 3000);
    PoolMargin pool = model(FOUR, 0.5).margin(new Account("x", new Portfolio(List.of(btc, eth)), Map.of()), MARKET)
        .pools().get(0);
    double[] total = new double[4];
    double[][] r = {{0.1, -0.1}, {-0.2, -0.3}, {0.05, 0.2}, {-0.1, 0}};
    for (int s = 0; s < 4; s++) {
      total[s] = 60000 * Math.expm1(r[s][0]) - 60000 * Math.expm1(r[s][1]);
    }
    // totals: a 12,019.15, b 4,676.10, c −10,207.36, d −5,709.76: the tail is {c, d}, ES = 7,958.56.
    assertThat(pool.initialMargin()).isCloseTo(-(total[2] + total[3]) / 2, within(1e-9));
    double sum = pool.contributions().stream().mapToDouble(PositionContribution::initialMargin).sum();
    assertThat(sum).isCloseTo(pool.initialMargin(), within(1e-9));
    // ETH's share: minus its mean P&L over {c, d} = 60,000·(e^0.2 − 1)/2 = 6,642.08.
    assertThat(pool.contributions().get(1).initialMargin()).isCloseTo(60000 * Math.expm1(0.2) / 2, within(1e-9));
  }

  @Test
  void shouldRefuseAPositionWhoseUnderlyingTheScenariosDoNotMove() {
    ScenarioSet btcOnly = new ScenarioSet("btc", List.of(Asset.BTC), new double[][] {{0.1}, {-0.1}}, null, null);
    Position eth = new Position(DeribitSymbols.parse("ETH_USDC-PERPETUAL"), 100, 3000);
    assertThatThrownBy(() -> model(btcOnly, 0.5).margin(new Account("x", new Portfolio(List.of(eth)), Map.of()),
        MARKET)).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("scenario_set.factors"));
  }

  @Test
  void shouldMoveOptionVolsByTheVolFactor() {
    // One scenario, price unchanged, vol × e^0.5: a long call gains its vega-driven repricing, a short one loses it.
    ScenarioSet volUp = new ScenarioSet("vol", List.of(Asset.BTC), new double[][] {{0.0}}, new double[][] {{0.5}},
        null);
    Position shortCall = new Position(DeribitSymbols.parse("BTC_USDC-28JUN24-60000-C"), -100, 1);
    PoolMargin pool = model(volUp, 0.5).margin(new Account("x", new Portfolio(List.of(shortCall)), Map.of()),
        MARKET).pools().get(0);
    double base = org.pmargin.core.pricing.Black76.priceUnchecked(true, 60000, 60000,
        org.pmargin.core.time.YearFraction.between(T, Instant.parse("2024-06-28T08:00:00Z")), 0.6, 1);
    double up = org.pmargin.core.pricing.Black76.priceUnchecked(true, 60000, 60000,
        org.pmargin.core.time.YearFraction.between(T, Instant.parse("2024-06-28T08:00:00Z")), 0.6 * Math.exp(0.5), 1);
    assertThat(pool.initialMargin()).isCloseTo(100 * 0.01 * (up - base), within(1e-9));
  }

  /** Two random books over a random scenario set. */
  record Case(long seed, ScenarioSet set, List<Position> a, List<Position> b) {
    @Override
    public String toString() {
      return "seed " + seed;
    }
  }

  static Stream<Case> books() {
    List<String> universe = List.of("BTC_USDC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC-PERPETUAL",
        "BTC_USDC-28JUN24-60000-C", "BTC_USDC-28JUN24-55000-P", "BTC-28JUN24-65000-C", "ETH-28JUN24-3000-P",
        "BTC-28JUN24");
    return IntStream.range(0, 60).mapToObj(i -> {
      SplittableRandom r = new SplittableRandom(77 + i);
      double[][] ret = new double[200][2];
      double[][] vol = new double[200][2];
      for (int s = 0; s < 200; s++) {
        ret[s][0] = r.nextDouble(-0.25, 0.25);
        ret[s][1] = 0.8 * ret[s][0] + r.nextDouble(-0.1, 0.1);
        vol[s][0] = r.nextDouble(-0.3, 0.3);
        vol[s][1] = r.nextDouble(-0.3, 0.3);
      }
      ScenarioSet set = new ScenarioSet("random " + (77 + i), List.of(Asset.BTC, Asset.ETH), ret, vol, null);
      List<Position> a = new ArrayList<>();
      List<Position> b = new ArrayList<>();
      for (String sym : universe) {
        int pick = r.nextInt(3);
        if (pick == 0) {
          continue;
        }
        double qty = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(50));
        (pick == 1 ? a : b).add(new Position(DeribitSymbols.parse(sym), qty, sym.contains("PERPETUAL")
            || sym.equals("BTC-28JUN24") ? 60000 : 0.05));
      }
      if (a.isEmpty()) {
        a.add(new Position(DeribitSymbols.parse("ETH-PERPETUAL"), 1000, 3000));
      }
      return new Case(77 + i, set, a, b);
    });
  }

  private static double im(ScenarioSet set, List<Position> ps) {
    return model(set, 0.975).margin(new Account("x", new Portfolio(ps), Map.of()), MARKET).initialMarginUsd();
  }

  @ParameterizedTest
  @MethodSource("books")
  void shouldBeSubadditiveAndScaleLikeACoherentMeasure(Case c) {
    List<Position> union = new ArrayList<>(c.a());
    union.addAll(c.b());
    double whole = im(c.set(), union);
    double parts = im(c.set(), c.a()) + im(c.set(), c.b());
    assertThat(whole).as(c.toString()).isLessThanOrEqualTo(parts + 1e-6);
    double one = im(c.set(), c.a());
    double three = im(c.set(), new Portfolio(c.a()).scaled(3).positions());
    assertThat(three).as(c.toString()).isCloseTo(3 * one, within(1e-7 * Math.max(1, three)));
  }

  /**
   * Add-ons by hand on 1 BTC long (USDC perpetual, 60,000 USD): the ES at 50% over FOUR is 8,292.96. Half of the
   * gap_down_40 stress loss (24,000) is 12,000, above it: a stress top-up of 3,707.04. With an anti-procyclical floor
   * set of one −0.5 log move the floor ES is 60,000·(1 − e^−0.5) = 23,608.04, which then sets the base. The liquidity
   * add-on with ADV 1,000,000 USD, daily vol 3% and k = 1 is 0.03 × 60,000 × √(60,000/1,000,000) = 440.91.
   */
  @Test
  void shouldAddStressFloorAndLiquidityChargesByHand() {
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000);
    Account account = new Account("x", new Portfolio(List.of(perp)), Map.of());
    var gap = org.pmargin.core.stress.StressLibrary.hypothetical().get(0);
    SimulationParameters p = new SimulationParameters(0.5, 0.75, org.pmargin.core.margin.MarginView.UNIFIED_USD,
        1.0, 0.8, SimulationParameters.standard().haircuts());
    SimulationAddOns stressOnly = new SimulationAddOns(List.of(gap), 0.5, null, Map.of(), Map.of(), 1.0);
    PoolMargin a = new SimulationMarginModel(FOUR, p, stressOnly).margin(account, MARKET).pools().get(0);
    double es = -(60000 * Math.expm1(-0.2) + 60000 * Math.expm1(-0.1)) / 2;
    assertThat(a.initialMargin()).isCloseTo(12000, within(1e-6));
    assertThat(a.components().get(1).name()).isEqualTo("stress_topup");
    assertThat(a.components().get(1).initial()).isCloseTo(12000 - es, within(1e-6));

    ScenarioSet crash = new ScenarioSet("crash", List.of(Asset.BTC), new double[][] {{-0.5}}, null, null);
    SimulationAddOns all = new SimulationAddOns(List.of(gap), 0.5, crash, Map.of(Asset.BTC, 1e6),
        Map.of(Asset.BTC, 0.03), 1.0);
    PoolMargin b = new SimulationMarginModel(FOUR, p, all).margin(account, MARKET).pools().get(0);
    double floor = -60000 * Math.expm1(-0.5);
    double liquidity = 0.03 * 60000 * Math.sqrt(60000 / 1e6);
    assertThat(b.components()).extracting(c -> c.name())
        .containsExactly("expected_shortfall", "apc_floor_topup", "liquidity_addon");
    assertThat(b.initialMargin()).isCloseTo(floor + liquidity, within(1e-6));
    assertThat(b.maintenanceMargin()).isCloseTo(0.8 * (floor + liquidity), within(1e-6));
  }
}
