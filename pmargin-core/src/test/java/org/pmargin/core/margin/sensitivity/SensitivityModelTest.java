package org.pmargin.core.margin.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.FLAT;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.PEPE;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.SOL;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.account;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.linearPerp;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.option;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.position;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.CurvatureRisk;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Factor;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the sensitivity model on books whose margins are worked out by hand in the comments (BTC 60,000, ETH
 * 3,000, SOL 100, flat forwards, BTC vol 60%, rate 0, default parameters), the shape of its {@link MarginResult},
 * and its errors.
 */
class SensitivityModelTest {

  private static final SensitivityModel MODEL = new SensitivityModel();
  private static final double TOL = 1e-6;

  private static SensitivityBreakdown breakdown(Account a) {
    return MODEL.breakdown(a, FLAT);
  }

  private static double contribution(MarginResult r, String symbol) {
    return r.pools().get(0).contributions().stream().filter(c -> c.symbol().equals(symbol)).findFirst()
        .orElseThrow().initialMargin();
  }

  private static MarginComponent component(MarginResult r, String name) {
    return r.pools().get(0).components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldCombineTwoCorrelatedCoinBalancesAsWorkedByHand() {
    // 1 BTC: cash delta 60,000, WS = 0.16·60,000 = 9,600; 10 ETH: 30,000, WS = 4,800; one bucket, ρ = 0.73:
    // K = sqrt(9,600² + 4,800² + 2·0.73·9,600·4,800) = sqrt(182,476,800) = 13,508.40 = the delta margin.
    // Equity: both balances haircut 5% (majors below 10 M): 57,000 + 28,500 = 85,500.
    // Euler shares: 9,600·(9,600 + 0.73·4,800)/K = 9,312.61 and 4,800·(4,800 + 0.73·9,600)/K = 4,195.79.
    Account a = account(List.of(), Map.of(Asset.BTC, 1.0, Asset.ETH, 10.0));
    MarginResult r = MODEL.margin(a, FLAT);

    assertThat(r.model()).isEqualTo("sensitivity");
    assertThat(MODEL.name()).isEqualTo("sensitivity");
    assertThat(r.view()).isEqualTo(MarginView.UNIFIED_USD);
    assertThat(r.pools()).hasSize(1);
    PoolMargin pool = r.pools().get(0);
    assertThat(pool.currency()).isEqualTo(Asset.USD);
    assertThat(pool.usdRate()).isEqualTo(1.0);
    assertThat(pool.drivingScenario()).isEmpty();
    assertThat(pool.equity()).isCloseTo(85_500, within(TOL));
    assertThat(pool.components()).extracting(MarginComponent::name).containsExactly("delta", "vega", "curvature");
    assertThat(r.initialMarginUsd()).isCloseTo(13_508.397388291478, within(TOL));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(0.8 * 13_508.397388291478, within(TOL));
    assertThat(component(r, "delta").initial()).isCloseTo(13_508.397388291478, within(TOL));
    assertThat(component(r, "vega").initial()).isZero();
    assertThat(component(r, "curvature").initial()).isZero();
    assertThat(component(r, "delta").explanation()).contains("bucket crypto-large K=13,508.40")
        .contains("BTC WS 9,600.00").contains("ETH WS 4,800.00");
    assertThat(component(r, "vega").explanation()).isEqualTo("no vega risk");
    assertThat(contribution(r, "balance:BTC")).isCloseTo(9_312.607290413063, within(TOL));
    assertThat(contribution(r, "balance:ETH")).isCloseTo(4_195.790097878413, within(TOL));
    assertThat(r.health().state()).isEqualTo(HealthState.HEALTHY);

    SensitivityBreakdown b = breakdown(a);
    assertThat(b.delta().factors()).extracting(Factor::underlying).containsExactly(Asset.BTC, Asset.ETH);
    assertThat(b.delta().factors()).extracting(Factor::sensitivityUsd).containsExactly(60_000.0, 30_000.0);
    assertThat(b.delta().buckets()).singleElement().satisfies(k -> {
      assertThat(k.bucket()).isEqualTo("crypto-large");
      assertThat(k.sumWeighted()).isCloseTo(14_400, within(TOL));
    });
  }

  @Test
  void shouldGiveALongBtcShortEthHedgeOnlyTheCorrelatedPartAsCredit() {
    // 1 BTC (WS +9,600) against −20 ETH perps (cash delta −60,000, WS −9,600), ρ = 0.73:
    // K² = 9,600² + 9,600² − 2·0.73·9,600² = 2·9,600²·0.27, K = 9,600·sqrt(0.54) = 7,054.53.
    // Each leg alone costs 9,600 (19,200 together); the hedge removes the correlated 73% of the variance, not all
    // of it: a same-coin hedge would cost nothing. Euler shares: 9,600·(9,600 − 0.73·9,600)/K = 3,527.27 each.
    Account a = account(List.of(position(linearPerp(Asset.ETH), -20, FLAT)), Map.of(Asset.BTC, 1.0));
    MarginResult r = MODEL.margin(a, FLAT);
    assertThat(r.initialMarginUsd()).isCloseTo(7_054.5304592155535, within(TOL));
    assertThat(contribution(r, "balance:BTC")).isCloseTo(3_527.2652296077763, within(TOL));
    assertThat(contribution(r, "ETH-LIN-PERP")).isCloseTo(3_527.2652296077763, within(TOL));

    assertThat(MODEL.margin(account(List.of(), Map.of(Asset.BTC, 1.0)), FLAT).initialMarginUsd())
        .isCloseTo(9_600, within(TOL));
    Account sameCoin = account(List.of(position(linearPerp(Asset.BTC), -1, FLAT)), Map.of(Asset.BTC, 1.0));
    assertThat(MODEL.margin(sameCoin, FLAT).initialMarginUsd()).isZero();
  }

  @Test
  void shouldScaleTheRiskWeightUpForAConcentratedPosition() {
    // 750 BTC long: cash delta 45,000,000 > T = 20,000,000, CR = sqrt(45/20) = 1.5:
    // WS = 0.16·45,000,000·1.5 = 10,800,000 (7,200,000 without concentration)
    Account a = account(List.of(position(linearPerp(Asset.BTC), 750, FLAT)), Map.of());
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.delta().factors().get(0).concentration()).isCloseTo(1.5, within(1e-12));
    assertThat(b.delta().margin()).isCloseTo(10_800_000, within(1e-4));
    assertThat(MODEL.margin(a, FLAT).pools().get(0).components().get(0).explanation())
        .contains("BTC WS 10,800,000.00 with concentration CR 1.500");
    // add 10,000,000 of ETH (CR 1): SIMM's f = min(CR)/max(CR) = 1/1.5 scales the correlation down:
    // K = sqrt(10.8² + 1.6² + 2·0.73·(1/1.5)·10.8·1.6)·10⁶ = sqrt(136.0192)·10⁶ = 11,662,726.95
    Account both = account(List.of(position(linearPerp(Asset.BTC), 750, FLAT),
        position(linearPerp(Asset.ETH), 10_000_000.0 / 3_000, FLAT)), Map.of());
    assertThat(breakdown(both).delta().margin()).isCloseTo(11_662_726.953847459, within(1e-3));
  }

  @Test
  void shouldChargeStablecoinBalancesAsAPeggedDeltaAndUsdNothing() {
    // USDC 1,000,000 → WS 0.02·1,000,000 = 20,000; USDT 500,000 → 10,000; ρ = 0.20:
    // K = sqrt(20,000² + 10,000² + 2·0.2·20,000·10,000) = sqrt(580,000,000) = 24,083.19. USD is the unit of
    // account: no risk factor.
    Account stables = account(List.of(), Map.of(Asset.USDC, 1e6, Asset.USDT, 5e5, Asset.USD, 2e6));
    assertThat(breakdown(stables).delta().margin()).isCloseTo(24_083.18915758459, within(TOL));
    assertThat(breakdown(stables).delta().factors()).extracting(Factor::underlying)
        .containsExactly(Asset.USDC, Asset.USDT);
    // with 1 BTC (WS 9,600) in another bucket and γ = 0 between floating and pegged coins (FEDS 2026-009):
    // sqrt(9,600² + 580,000,000) = sqrt(672,160,000) = 25,926.05
    Account withBtc = account(List.of(), Map.of(Asset.USDC, 1e6, Asset.USDT, 5e5, Asset.BTC, 1.0));
    assertThat(breakdown(withBtc).delta().margin()).isCloseTo(25_926.048676958082, within(TOL));
  }

  @Test
  void shouldCorrelateLargeCapsAndAltsThroughTheInterBucketCorrelation() {
    // 1 BTC (WS 9,600, crypto-large) and 300 SOL at 100 (cash 30,000, WS 0.25·30,000 = 7,500, crypto-alts);
    // one factor per bucket, so S_b = K_b = WS; γ = 0.6:
    // M = sqrt(9,600² + 7,500² + 2·0.6·9,600·7,500) = sqrt(234,810,000) = 15,323.51
    Account a = account(List.of(), Map.of(Asset.BTC, 1.0, SOL, 300.0));
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.delta().margin()).isCloseTo(15_323.511346946561, within(TOL));
    assertThat(b.delta().buckets()).extracting(SensitivityBreakdown.Bucket::bucket)
        .containsExactly("crypto-large", "crypto-alts");
  }

  @Test
  void shouldAddTheResidualBucketInFull() {
    // 10⁹ PEPE at 0.00001 = 10,000 USD in the residual bucket (RW 0.50): WS 5,000, added to BTC's 9,600 in full:
    // 14,600 (not sqrt(9,600² + 5,000²) = 10,824)
    Account a = account(List.of(), Map.of(Asset.BTC, 1.0, PEPE, 1e9));
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.delta().margin()).isCloseTo(14_600, within(TOL));
    assertThat(b.delta().buckets()).extracting(SensitivityBreakdown.Bucket::residual).containsExactly(false, true);
    assertThat(MODEL.margin(a, FLAT).pools().get(0).components().get(0).explanation())
        .contains("residual bucket other K=5,000.00").contains("the residual bucket is added in full");
  }

  @Test
  void shouldMarginANakedShortAtTheMoneyCallAsWorkedByHand() {
    // short 1 BTC call, strike 60,000, 30 days (T = 30/365), vol 0.6, F = S = 60,000, rate 0 (Black-76):
    //   d1 = σ√T/2 = 0.0860073, Δ = N(d1) = 0.5342697, V = 4,112.3644, vega = F·φ(d1)·√T = 6,837.0573
    // delta: cash delta −0.5342697·60,000 = −32,056.18, margin 0.16·32,056.18 = 5,128.99
    // vega: σ·vega = −4,102.2344 at the 30 d vertex, margin 0.50·4,102.2344 = 2,051.12
    // curvature: V(69,600) = 10,791.8252, V(50,400) = 766.0988 for the long call; for the short one
    //   up   = −(10,791.8252 − 4,112.3644) + 0.16·60,000·0.5342697 = −1,550.47
    //   down = −(766.0988 − 4,112.3644) − 0.16·60,000·0.5342697 = −1,782.72
    //   CVR = −min(up, down) = 1,782.72; one short-gamma factor: θ = 0, λ = z² − 1, margin = (1 + λ)·CVR/z² = CVR
    // IM = 5,128.99 + 2,051.12 + 1,782.72 = 8,962.83; MM = 0.8·IM = 7,170.26
    // equity: 20,000 USD − 4,112.36 (the short call's value) = 15,887.64
    Position shortCall = position(option(Asset.BTC, OptionType.CALL, 60_000, 30, Settlement.LINEAR, ""), -1, FLAT);
    Account a = account(List.of(shortCall), Map.of(Asset.USD, 20_000.0));
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.delta().margin()).isCloseTo(5_128.9891544761695, within(TOL));
    assertThat(b.vega().margin()).isCloseTo(2_051.1171759599674, within(TOL));
    assertThat(b.vega().factors()).singleElement().satisfies(f -> {
      assertThat(f.tenor()).isEqualTo("30d");
      assertThat(f.sensitivityUsd()).isCloseTo(-4_102.234351919935, within(TOL));
    });
    CurvatureRisk risk = b.curvature().risks().get(0);
    assertThat(risk.shock()).isEqualTo(0.16);
    assertThat(risk.upUsd()).isCloseTo(-1_550.4716291589111, within(TOL));
    assertThat(risk.downUsd()).isCloseTo(-1_782.7235504598157, within(TOL));
    assertThat(risk.cvrUsd()).isCloseTo(1_782.7235504598157, within(TOL));
    assertThat(b.curvature().theta()).isZero();
    assertThat(b.curvature().lambda()).isCloseTo(6.634896601021214 - 1, within(1e-9));
    assertThat(b.curvature().charge().margin()).isCloseTo(1_782.7235504598157, within(TOL));

    MarginResult r = MODEL.margin(a, FLAT);
    assertThat(r.initialMarginUsd()).isCloseTo(8_962.829880895952, within(TOL));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(7_170.263904716761, within(TOL));
    assertThat(component(r, "curvature").maintenance()).isCloseTo(0.8 * 1_782.7235504598157, within(TOL));
    assertThat(r.pools().get(0).equity()).isCloseTo(15_887.635569047878, within(TOL));
    // the only risky position carries the whole margin
    assertThat(r.pools().get(0).contributions()).extracting(PositionContribution::symbol)
        .containsExactly(shortCall.instrument().symbol());
    assertThat(contribution(r, shortCall.instrument().symbol())).isCloseTo(8_962.829880895952, within(TOL));
    assertThat(component(r, "curvature").explanation()).contains("λ 5.635").contains("BTC CVR 1,782.72");
  }

  @Test
  void shouldGiveALongOptionNoCurvatureMarginButTheSameDeltaAndVegaMargins() {
    // the long call: up = +1,550.47, down = +1,782.72, CVR = −1,550.47 (a gain): θ = −1, λ = 1,
    // margin = max(CVR + |CVR|, 0)/z² = 0. Delta and vega margins are the short call's (SIMM is symmetric there).
    Position longCall = position(option(Asset.BTC, OptionType.CALL, 60_000, 30, Settlement.LINEAR, ""), 1, FLAT);
    SensitivityBreakdown b = breakdown(account(List.of(longCall), Map.of()));
    assertThat(b.curvature().risks().get(0).cvrUsd()).isCloseTo(-1_550.4716291589111, within(TOL));
    assertThat(b.curvature().theta()).isEqualTo(-1);
    assertThat(b.curvature().lambda()).isEqualTo(1);
    assertThat(b.curvature().charge().margin()).isZero();
    assertThat(b.delta().margin()).isCloseTo(5_128.9891544761695, within(TOL));
    assertThat(b.vega().margin()).isCloseTo(2_051.1171759599674, within(TOL));
  }

  @Test
  void shouldCorrelateVegaAcrossExpiryVertices() {
    // long 30 d call: σ·vega = 4,102.2344 → WS = 0.50·4,102.2344 = 2,051.12 (30 d vertex)
    // short 90 d call: vega = 60,000·φ(0.148969)·sqrt(90/365) = 11,754.8544, σ·vega = 7,052.9126
    //   → WS = −0.43·7,052.9126 = −3,032.75 (90 d vertex)
    // ρ(30 d, 90 d) = exp(−0.2·ln 3) = 0.802742:
    // K = sqrt(2,051.12² + 3,032.75² − 2·0.802742·2,051.12·3,032.75) = 1,848.71
    Account a = account(List.of(
        position(option(Asset.BTC, OptionType.CALL, 60_000, 30, Settlement.LINEAR, ""), 1, FLAT),
        position(option(Asset.BTC, OptionType.CALL, 60_000, 90, Settlement.LINEAR, ""), -1, FLAT)), Map.of());
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.vega().factors()).extracting(Factor::tenor).containsExactly("30d", "90d");
    assertThat(b.vega().factors().get(1).weightedUsd()).isCloseTo(-3_032.752439093033, within(TOL));
    assertThat(b.vega().margin()).isCloseTo(1_848.7055199211377, within(TOL));
  }

  @Test
  void shouldSplitTheVegaOfASixtyDayOptionBetweenTheNeighbouringVertices() {
    // 60 days is halfway between the 30 d and 90 d vertices: σ·vega = 5,780.0177 splits 2,890.01 / 2,890.01;
    // WS = 0.50·2,890.01 = 1,445.00 and 0.43·2,890.01 = 1,242.70;
    // K = sqrt(1,445.00² + 1,242.70² + 2·0.802742·1,445.00·1,242.70) = 2,552.52
    Account a = account(List.of(
        position(option(Asset.BTC, OptionType.CALL, 60_000, 60, Settlement.LINEAR, ""), 1, FLAT)), Map.of());
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.vega().factors()).extracting(Factor::sensitivityUsd).containsExactly(5_780.017725050221 / 2,
        5_780.017725050221 / 2);
    assertThat(b.vega().margin()).isCloseTo(2_552.515759606605, within(TOL));
  }

  @Test
  void shouldAllocateTheWholeMarginToPositionsAndBalances() {
    Account a = account(List.of(
        position(option(Asset.BTC, OptionType.CALL, 65_000, 30, Settlement.INVERSE, ""), -3, FLAT),
        position(option(Asset.ETH, OptionType.PUT, 2_800, 60, Settlement.LINEAR, ""), 10, FLAT),
        position(option(SOL, OptionType.CALL, 110, 20, Settlement.LINEAR, ""), -200, FLAT),
        position(linearPerp(Asset.BTC), 1.5, FLAT)),
        Map.of(Asset.ETH, 5.0, Asset.USDC, 50_000.0, PEPE, 2e8));
    MarginResult r = MODEL.margin(a, FLAT);
    double sum = r.pools().get(0).contributions().stream().mapToDouble(PositionContribution::initialMargin).sum();
    assertThat(sum).isCloseTo(r.initialMarginUsd(), within(1e-9 * r.initialMarginUsd()));
    assertThat(r.pools().get(0).contributions()).extracting(PositionContribution::symbol).hasSize(7)
        .contains("balance:ETH", "balance:USDC", "balance:PEPE").doesNotContain("balance:USD");
    assertThat(r.pools().get(0).contributions()).allSatisfy(c -> assertThat(c.scenarioPnl()).isZero());
  }

  @Test
  void shouldTreatUsdAsTheRisklessUnitOfAccount() {
    // a USD balance and a spot holding of USD against USDC carry no delta: USD is what every figure is counted in
    Account a = account(List.of(position(new org.pmargin.core.instrument.Spot("USD/USDC", Asset.USD, Asset.USDC,
        0.0001), 1_000_000, FLAT)), Map.of(Asset.USD, 5e6));
    SensitivityBreakdown b = breakdown(a);
    assertThat(b.initialMargin()).isZero();
    assertThat(b.delta().factors()).isEmpty();
    assertThat(b.delta().buckets()).isEmpty();
  }

  @Test
  void shouldMarginAnEmptyAccountAtZero() {
    MarginResult r = MODEL.margin(account(List.of(), Map.of(Asset.USD, 1_000.0)), FLAT);
    assertThat(r.initialMarginUsd()).isZero();
    assertThat(r.maintenanceMarginUsd()).isZero();
    assertThat(r.pools().get(0).equity()).isEqualTo(1_000);
    assertThat(r.pools().get(0).contributions()).isEmpty();
  }

  @Test
  void shouldNameTheFieldThatCannotBeMargined() {
    // an option on a coin without market data
    Position xrpOption = position(option(Asset.ETH, OptionType.CALL, 3_000, 30, Settlement.LINEAR, ""), 1, FLAT);
    Position noMarket = new Position(new org.pmargin.core.instrument.EuropeanOption("XRP-OPT", Asset.of("DOGE"),
        Asset.USDC, Settlement.LINEAR, OptionType.CALL, 1, xrpOption.instrument().expiry().orElseThrow(), 1, 0.0001),
        1, 0.01);
    assertThatThrownBy(() -> MODEL.margin(account(List.of(xrpOption, noMarket), Map.of()), FLAT))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field())
            .isEqualTo("positions[1].market.underlyings.DOGE"));
    assertThatThrownBy(() -> MODEL.margin(account(List.of(), Map.of(Asset.of("DOGE"), 5.0)), FLAT))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("collateral.DOGE"));
    assertThatThrownBy(() -> MODEL.margin(account(List.of(position(linearPerp(Asset.BTC), 1e300, FLAT)),
        Map.of()), FLAT)).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("positions"));
    assertThatThrownBy(() -> MODEL.margin(null, FLAT)).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("account"));
    assertThatThrownBy(() -> new SensitivityModel(null, null)).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("parameters"));
  }
}
