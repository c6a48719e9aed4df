package org.pmargin.core.margin.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.OptionType;
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
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/** The scenario grid against published and hand-worked numbers. */
class ScenarioGridModelTest {

  private static final ScenarioGridModel DERIBIT = new ScenarioGridModel(GridParameters.deribit());

  private static double component(PoolMargin pool, String name) {
    return pool.components().stream().filter(c -> c.name().equals(name)).mapToDouble(MarginComponent::initial)
        .sum();
  }

  /**
   * Deribit's published {@code private/pme/simulate} example (shared METHODOLOGY §1c): index 65,666.19 on
   * 2024-06-17 10:22:20 UTC; BTC-PERPETUAL +0.314538364 BTC and BTC-28JUN24 −0.001187534 BTC (sizes in coin =
   * USD face value / the instrument's mark). Published: worst case 0.0596858724 BTC in the −16% bucket, roll shock
   * 0.00315725898 = 0.01 × (0.314538364 + 0.001187534), delta shock 0, risk-matrix margin 0.06284313098 BTC,
   * maintenance margin 0.050274504784 = 0.8 × the risk-matrix margin.
   */
  @Test
  void shouldReproduceDeribitsPublishedSimulateExample() {
    MarketSnapshot market = GridFixtures.market();
    UnderlyingMarket btc = market.underlying(Asset.BTC);
    double perpMark = btc.perpetualMark();
    double futureMark = btc.forwards().forward(GridFixtures.JUN28);
    // Inverse contracts are 10 USD: contracts = size in coin × mark / 10.
    Position perp = new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 0.314538364 * perpMark / 10, perpMark);
    Position future = new Position(DeribitSymbols.parse("BTC-28JUN24"), -0.001187534 * futureMark / 10,
        futureMark);
    Account account = new Account("deribit-example", new Portfolio(List.of(perp, future)), Map.of(Asset.BTC, 1.0));

    MarginResult r = DERIBIT.margin(account, market);

    assertThat(r.view()).isEqualTo(MarginView.PER_SETTLEMENT_CURRENCY);
    PoolMargin pool = r.pools().get(0);
    assertThat(pool.currency()).isEqualTo(Asset.BTC);
    assertThat(component(pool, "worst_scenario:BTC")).isCloseTo(0.0596858724, within(1e-9));
    assertThat(pool.drivingScenario()).startsWith("BTC -16%");
    assertThat(component(pool, "roll_shock:BTC")).isCloseTo(0.00315725898, within(1e-12));
    assertThat(component(pool, "delta_shock:BTC")).isZero();
    assertThat(pool.initialMargin()).isCloseTo(0.06284313098, within(1e-9));
    assertThat(pool.maintenanceMargin()).isCloseTo(0.050274504784, within(1e-9));
    // Delta-one positions contribute their edge P&L to the extended table, so it never exceeds the grid here.
    assertThat(component(pool, "extended_table:BTC")).isZero();
  }

  /**
   * A short USDC-settled ATM straddle, hand-worked with Black-76 (scipy): F = K = 60,000, 30 days, σ = 60%, r = 0.
   * Value now: 8,224.7289 USD. Vol up at 30 days is σ·(1 + 0.5·(30/30)^0.13) = 0.90. Standard grid: the worst is
   * +16% with vol up, straddle worth 15,429.0667, loss 7,204.3378. Extended table at vol up: at +500% the straddle is
   * worth 300,000 + 0.0..., counted at 0.16/5 = 3.2%: (300,008.47 − 8,224.73)·0.032 = 9,336.8087, the largest tail
   * loss, so IM = 9,336.8087 USD and the extended table adds 2,132.4709 over the grid.
   */
  @Test
  void shouldChargeAShortStraddleItsWorstTailAsHandWorked() {
    Instant asOf = GridFixtures.AS_OF;
    Instant expiry = asOf.plusSeconds(30L * 24 * 3600);
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(asOf, 60000), 60000, 0,
        VolSurface.flat(asOf, 0.6));
    MarketSnapshot market = new MarketSnapshot(asOf, 1, 0, Map.of(Asset.BTC, btc), Map.of(Asset.USDC, 1.0));
    var call = new org.pmargin.core.instrument.EuropeanOption("C", Asset.BTC, Asset.USDC,
        org.pmargin.core.instrument.Settlement.LINEAR, OptionType.CALL, 60000, expiry, 1, 0.5);
    var put = new org.pmargin.core.instrument.EuropeanOption("P", Asset.BTC, Asset.USDC,
        org.pmargin.core.instrument.Settlement.LINEAR, OptionType.PUT, 60000, expiry, 1, 0.5);
    Account account = new Account("straddle", new Portfolio(List.of(new Position(call, -1, 4100),
        new Position(put, -1, 4100))), Map.of(Asset.USDC, 20000.0));

    PoolMargin pool = DERIBIT.margin(account, market).pools().get(0);

    assertThat(pool.currency()).isEqualTo(Asset.USDC);
    assertThat(component(pool, "worst_scenario:BTC")).isCloseTo(7204.337816471099, within(1e-6));
    assertThat(pool.initialMargin()).isCloseTo(9336.808676419698, within(1e-6));
    assertThat(component(pool, "extended_table:BTC")).isCloseTo(9336.808676419698 - 7204.337816471099,
        within(1e-6));
    assertThat(pool.drivingScenario()).contains("+500% vol up (extended");
    assertThat(pool.maintenanceMargin()).isCloseTo(0.8 * 9336.808676419698, within(1e-6));
    // Equity: 20,000 USDC less the straddle's value 8,224.7289.
    assertThat(pool.equity()).isCloseTo(20000 - 8224.728861904245, within(1e-6));
  }

  @Test
  void shouldCreditOnlyPartOfABtcEthHedgeInTheDefaultUnifiedPool() {
    MarketSnapshot market = GridFixtures.market();
    // Long 1 BTC and short ETH of equal USD value through linear perpetuals.
    double btcUsd = market.underlying(Asset.BTC).perpetualMark();
    double ethMark = market.underlying(Asset.ETH).perpetualMark();
    Position longBtc = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, btcUsd);
    Position shortEth = new Position(DeribitSymbols.parse("ETH_USDC-PERPETUAL"), -100 * btcUsd / ethMark, ethMark);
    Account account = new Account("pair", new Portfolio(List.of(longBtc, shortEth)), Map.of(Asset.USDC, 50000.0));

    PoolMargin unified = new ScenarioGridModel(GridParameters.standard()).margin(account, market).pools().get(0);

    double btcLoss = component(unified, "worst_scenario:BTC");
    double ethLoss = component(unified, "worst_scenario:ETH");
    double credit = -component(unified, "offset:BTC/ETH");
    // Each leg alone loses 16% of its notional; together they lose (almost) nothing when both move alike, so the
    // hedge benefit is about the sum of both, and only 30% of it is credited.
    assertThat(btcLoss).isCloseTo(0.16 * btcUsd, within(1.0));
    assertThat(ethLoss).isCloseTo(0.16 * btcUsd, within(1.0));
    assertThat(credit).isPositive().isLessThan(0.3 * (btcLoss + ethLoss) + 1e-9);
    assertThat(credit).isCloseTo(0.3 * (btcLoss + ethLoss), within(0.01 * (btcLoss + ethLoss)));
    assertThat(unified.initialMargin()).isGreaterThan(0.7 * (btcLoss + ethLoss) - 1e-9);
  }

  @Test
  void shouldTreatACoinBalanceAsALongPositionOnlyInTheUnifiedView() {
    MarketSnapshot market = GridFixtures.market();
    Account holder = new Account("hodl", Portfolio.empty(), Map.of(Asset.BTC, 2.0));
    // Segregated: the BTC pool values a BTC balance in BTC, where it has no P&L.
    assertThat(DERIBIT.margin(holder, market).initialMarginUsd()).isZero();
    // Unified: 2 BTC lose 16% in the −16% scenario.
    MarginResult unified = new ScenarioGridModel(GridParameters.deribitUnified()).margin(holder, market);
    assertThat(unified.initialMarginUsd()).isCloseTo(2 * 65666.19 * 0.16, within(1e-6));
    // and count 95% of their value as equity (majors, first tier 5%)
    assertThat(unified.health().equityUsd()).isCloseTo(0.95 * 2 * 65666.19, within(1e-6));
  }

  @Test
  void shouldHedgeACoveredCallInTheUnifiedView() {
    MarketSnapshot market = GridFixtures.market();
    Position shortCalls = new Position(GridFixtures.usdcOption(OptionType.CALL, 72000, GridFixtures.SEP27), -2,
        1500);
    Account covered = new Account("covered", new Portfolio(List.of(shortCalls)), Map.of(Asset.BTC, 2.0));
    Account naked = new Account("naked", new Portfolio(List.of(shortCalls)), Map.of(Asset.USDC, 140000.0));
    ScenarioGridModel unified = new ScenarioGridModel(GridParameters.deribitUnified());
    double coveredIm = unified.margin(covered, market).initialMarginUsd();
    double nakedIm = unified.margin(naked, market).initialMarginUsd();
    double balanceAloneIm = unified.margin(new Account("b", Portfolio.empty(), Map.of(Asset.BTC, 2.0)), market)
        .initialMarginUsd();
    assertThat(coveredIm).isLessThan(nakedIm).isLessThan(balanceAloneIm + nakedIm);
  }

  /**
   * A naked far out-of-the-money short put (strike 15,000, 11 days, index 65,666) is still out of the money in the
   * −66% tail (22,327), so neither the grid nor the extended table charges much; the default preset's short-option
   * minimum charges 1% of the underlying's value per net short option instead (2 BTC × 65,666.19 × 1% = 1,313.32
   * USD), while a put spread whose short leg is covered by a long put pays no minimum. (A far out-of-the-money short
   * call is caught by the extended table's +500% scenario instead.)
   */
  @Test
  void shouldChargeTheShortOptionMinimumOnNakedShortsOnly() {
    MarketSnapshot market = GridFixtures.market();
    ScenarioGridModel model = new ScenarioGridModel(GridParameters.standard());
    Position nakedShort = new Position(GridFixtures.usdcOption(OptionType.PUT, 15000, GridFixtures.JUN28), -2, 1);
    PoolMargin naked = model.margin(new Account("n", new Portfolio(List.of(nakedShort)), Map.of()), market)
        .pools().get(0);
    assertThat(naked.initialMargin()).isCloseTo(2 * 65666.19 * 0.01, within(1e-6));
    assertThat(naked.components().stream().map(MarginComponent::name)).contains("short_option_minimum:BTC");

    Position cover = new Position(GridFixtures.usdcOption(OptionType.PUT, 10000, GridFixtures.JUN28), 2, 1);
    PoolMargin spread = model.margin(new Account("s", new Portfolio(List.of(nakedShort, cover)), Map.of()), market)
        .pools().get(0);
    assertThat(spread.components().stream().map(MarginComponent::name))
        .doesNotContain("short_option_minimum:BTC");
    assertThat(spread.initialMargin()).isLessThan(naked.initialMargin());
  }

  /**
   * Paradex, hand-worked on 1 BTC long through the USDC perpetual (mark 65,692.45 = index × 1.0004, funding 0.01% per
   * 8 hours): the scan loss is 16% of 65,692.45 = 10,510.79 (the −66% tail counts 0.16/0.66 of a 66% loss: the same);
   * the delta floor 2% × 65,666.19 = 1,313.32 is below it; the funding provision is 1 × 0.0001 × 65,666.19 = 6.5666.
   * IMR = 10,517.36, MMR = 50% × 10,510.79 + 6.5666 = 5,261.96.
   */
  @Test
  void shouldReproduceParadexsRulesOnANakedPerpetual() {
    MarketSnapshot market = GridFixtures.market();
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 65000);
    PoolMargin pool = new ScenarioGridModel(GridParameters.paradex())
        .margin(new Account("p", new Portfolio(List.of(perp)), Map.of(Asset.USDC, 20000.0)), market).pools().get(0);
    double scan = 0.16 * 65666.19 * 1.0004;
    double funding = 0.0001 * 65666.19;
    assertThat(pool.initialMargin()).isCloseTo(scan + funding, within(1e-6));
    assertThat(pool.maintenanceMargin()).isCloseTo(0.5 * scan + funding, within(1e-6));
    // A perfectly hedged pair of perpetuals has no scan loss; the floor charges 1% of the hedged delta.
    Position hedge = new Position(DeribitSymbols.parse("BTC_USDC-28JUN24"), -1000, 65000);
    PoolMargin hedged = new ScenarioGridModel(GridParameters.paradex())
        .margin(new Account("h", new Portfolio(List.of(perp, hedge)), Map.of()), market).pools().get(0);
    assertThat(component(hedged, "delta_floor:BTC")).isPositive();
    assertThat(hedged.initialMargin()).isLessThan(pool.initialMargin() / 5);
  }

  /**
   * SPAN with our crypto parameters, hand-worked on 1 BTC long through the USDC perpetual: the scan range's worst is
   * −16%: 0.16 × 65,692.45 = 10,510.79; CME's extreme move, −3 × 16% = −48% counted at 35%, is 0.168 × 65,692.45 =
   * 11,036.33, more (3 × 35% = 105% of the scan range: under the standard risk array a linear book is margined by
   * scenario 16); the roll shock (our stand-in for the calendar spread charge) 1% × 65,666.19 = 656.66.
   * MM = 11,692.99, IM = 1.1 × MM.
   */
  @Test
  void shouldReproduceTheSpanPresetOnANakedPerpetual() {
    MarketSnapshot market = GridFixtures.market();
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 65000);
    PoolMargin pool = new ScenarioGridModel(GridParameters.span())
        .margin(new Account("s", new Portfolio(List.of(perp)), Map.of()), market).pools().get(0);
    double mm = 3 * 0.16 * 0.35 * 65666.19 * 1.0004 + 0.01 * 65666.19;
    assertThat(pool.maintenanceMargin()).isCloseTo(mm, within(1e-6));
    assertThat(pool.initialMargin()).isCloseTo(1.1 * mm, within(1e-6));
    assertThat(component(pool, "extended_table:BTC")).isCloseTo(1.1 * (0.168 - 0.16) * 65666.19 * 1.0004, within(1e-6));
    assertThat(GridParameters.span().standardScenarios()).hasSize(14);
    assertThat(GridParameters.span().extendedScenarios()).hasSize(2);
  }

  /**
   * The SPAN preset's 16 scenarios are CME's standard risk array (CME Clearing, "Risk Arrays" specification; shared
   * METHODOLOGY §8): 1-14 the price unchanged, ±1/3, ±2/3 and ±3/3 of the price scan range, each with vol up and vol
   * down, counted in full; 15 and 16 the price up and down 3 × the scan range with the vol unchanged, 35% of the loss.
   */
  @Test
  void shouldPinSpanScenariosFifteenAndSixteenToTheStandardRiskArray() {
    GridParameters span = GridParameters.span();
    List<GridScenario> standard = span.standardScenarios();
    double range = span.priceRange();
    double[] thirds = {-3, -2, -1, 0, 1, 2, 3};
    for (int i = 0; i < thirds.length; i++) {
      for (int leg = 0; leg < 2; leg++) {
        GridScenario s = standard.get(2 * i + leg);
        assertThat(s.move()).isCloseTo(range * thirds[i] / 3, within(1e-15));
        assertThat(s.vol()).isEqualTo(leg == 0 ? VolDirection.UP : VolDirection.DOWN);
        assertThat(s.weight()).isEqualTo(1.0);
        assertThat(s.extended()).isFalse();
      }
    }
    assertThat(span.extendedScenarios()).containsExactly(
        new GridScenario(-3 * range, VolDirection.UNCHANGED, true, 0.35),
        new GridScenario(3 * range, VolDirection.UNCHANGED, true, 0.35));
    // Deribit's extended table stays at vol up, as Deribit publishes it.
    assertThat(GridParameters.deribit().extendedScenarios()).allMatch(s -> s.vol() == VolDirection.UP);
  }

  /**
   * Scenario 15 on an option, revalued with the vol where it is: one short USDC-settled 90,000 call (BTC 65,666.19,
   * 55% vol, 11 days). At +48% (97,186) the call is 7,186 in the money; the scan's worst (+16%, vol up) costs far
   * less, so the extreme sets the margin: MM = 35% × (value at +48% with 55% vol − value now). Revaluing at the
   * shocked-up vol instead (the preset's former behaviour) gives a different, larger charge.
   */
  @Test
  void shouldRevalueSpanExtremeMovesAtUnchangedVol() {
    MarketSnapshot market = GridFixtures.market();
    Position call = new Position(GridFixtures.usdcOption(OptionType.CALL, 90000, GridFixtures.JUN28), -1, 0);
    GridParameters span = GridParameters.span().toBuilder().shortOptionMinimum(0).build();
    PoolMargin pool = new ScenarioGridModel(span)
        .margin(new Account("c", new Portfolio(List.of(call)), Map.of()), market).pools().get(0);
    double now = PositionValuer.value(call, market).valueUsd();
    double unchanged = PositionValuer.value(call, market,
        new MarketShock(Asset.BTC, 1.48, span.vol().shock(VolDirection.UNCHANGED))).valueUsd();
    double volUp = PositionValuer.value(call, market,
        new MarketShock(Asset.BTC, 1.48, span.vol().shock(VolDirection.UP))).valueUsd();
    assertThat(-unchanged).isGreaterThan(7186); // at least its intrinsic value, short
    assertThat(pool.maintenanceMargin()).isCloseTo(0.35 * (now - unchanged), within(1e-6));
    assertThat(0.35 * (now - volUp) - pool.maintenanceMargin()).isGreaterThan(1.0);
  }

  /**
   * SPAN's extreme move, as McMillan's worked example states it (shared METHODOLOGY §8, the multiple NSE also uses):
   * with a price scan range worth 10,000 on a futures position, the extreme move of twice the range counted at 35%
   * charges 2 × 10,000 × 35% = 7,000. A linear position of 62,500 USD has a 16% scan range of 10,000; its ±32%
   * extreme at 35% is 7,000, below the scan loss, so the scan sets the margin. The preset's CME multiple of 3 charges
   * 3 × 10,000 × 35% = 10,500 instead.
   */
  @Test
  void shouldCountSpanExtremeMovesAsMcMillansExampleDoes() {
    Instant asOf = GridFixtures.AS_OF;
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(asOf, 62500), 62500, 0,
        VolSurface.flat(asOf, 0.5));
    MarketSnapshot market = new MarketSnapshot(asOf, 1, 0, Map.of(Asset.BTC, btc), Map.of(Asset.USDC, 1.0));
    Position perp = new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 62500);
    GridParameters cme = GridParameters.span().toBuilder().minAnnualisedMove(0).build();
    var standard = new ScenarioGridModel(cme).margin(new Account("m", new Portfolio(List.of(perp)), Map.of()), market)
        .pools().get(0);
    assertThat(standard.maintenanceMargin()).isCloseTo(10500, within(1e-6));
    GridParameters span = cme.toBuilder().extendedMoves(List.of(-0.32, 0.32)).build();
    ScenarioGridModel model = new ScenarioGridModel(span);
    var risk = model.margin(new Account("m", new Portfolio(List.of(perp)), Map.of()), market).pools().get(0);
    assertThat(risk.maintenanceMargin()).isCloseTo(10000, within(1e-6));
    // With the scan range halved (8%), the ±16% extreme at 35% (2 × 5,000 × 35% = 3,500) is still below the scan;
    // with the extreme counted at 100% it sets the margin: 2 × 5,000 = 10,000.
    GridParameters full = span.toBuilder().priceRange(0.08).extendedMoves(List.of(-0.16, 0.16)).extendedFactor(1.0)
        .build();
    var tail = new ScenarioGridModel(full).margin(new Account("m", new Portfolio(List.of(perp)), Map.of()), market)
        .pools().get(0);
    assertThat(tail.maintenanceMargin()).isCloseTo(10000, within(1e-6));
    assertThat(component(tail, "extended_table:BTC")).isCloseTo(1.1 * 5000, within(1e-6));
    GridParameters mcMillan = span.toBuilder().priceRange(0.08).extendedMoves(List.of(-0.16, 0.16)).build();
    var charged = new ScenarioGridModel(mcMillan)
        .margin(new Account("m", new Portfolio(List.of(perp)), Map.of()), market).pools().get(0);
    assertThat(charged.maintenanceMargin()).isCloseTo(5000, within(1e-6));
    assertThat(mcMillan.extendedScenarios().get(0).weight()).isEqualTo(0.35);
    assertThat(0.16 * 62500 * 0.35).isCloseTo(3500, within(1e-9)); // McMillan: 2 × PSR × 35% with PSR = 5,000
  }
}
