package org.pmargin.core.margin.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pmargin.core.margin.standard.StandardFixtures.MARKET;
import static org.pmargin.core.margin.standard.StandardFixtures.account;
import static org.pmargin.core.margin.standard.StandardFixtures.atMark;
import static org.pmargin.core.margin.standard.StandardFixtures.component;
import static org.pmargin.core.margin.standard.StandardFixtures.pool;
import static org.pmargin.core.margin.standard.StandardFixtures.position;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The isolated model on hand-worked books: Deribit's legacy futures rule at its published sizes, the short-option
 * rule's branches, pools per settlement currency, no offsets, and equity that shares no gains.
 */
class IsolatedModelTest {

  private static final IsolatedModel MODEL = new IsolatedModel();

  private static PoolMargin onlyPool(MarginResult r) {
    assertThat(r.pools()).hasSize(1);
    return r.pools().get(0);
  }

  /**
   * test.deribit.com/pages/docs/futures: "Starting with 2.0%, linearly increasing 0.5% per 100BTC increase in
   * position size. 25 BTC: 2% + 25/100·0.5% = 2.125% (= 0.53125 BTC); 350 BTC: 3.75% (= 13.125 BTC)"; maintenance
   * starts at 1.5% with the same increment: 25 BTC 1.625% (0.40625 BTC), 350 BTC 3.25% (11.375 BTC). The inverse
   * perpetual is marked at 60,000, so 25 BTC is N = 1,500,000 USD = 150,000 contracts of 10 USD.
   */
  @ParameterizedTest(name = "{0} BTC: IM {2} BTC, MM {3} BTC")
  @CsvSource({
      "25, 150000, 0.53125, 0.40625",
      "350, 2100000, 13.125, 11.375",
      // 1 BTC: 2.005% / 1.505%
      "1, 6000, 0.02005, 0.01505",
      // 19,600 BTC reaches 2% + 98% = 100%: the cap; MM 1.5% + 98% = 99.5%
      "19600, 117600000, 19600, 19502",
      // 30,000 BTC: both rates capped at 100% of the notional
      "30000, 180000000, 30000, 30000"})
  void shouldApplyDeribitsLegacyFuturesRuleToAnInversePerpetualInCoin(double btc, double contracts, double im,
      double mm) {
    for (double sign : new double[] {1, -1}) {
      PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-PERPETUAL", sign * contracts)), MARKET));
      assertThat(p.currency()).isEqualTo(Asset.BTC);
      assertThat(p.initialMargin()).isCloseTo(im, within(1e-12 * btc));
      assertThat(p.maintenanceMargin()).isCloseTo(mm, within(1e-12 * btc));
      assertThat(p.usdRate()).isEqualTo(StandardFixtures.BTC_INDEX);
    }
  }

  @Test
  void shouldSizeAnInverseFutureAtItsOwnMark() {
    // BTC-28JUN24 is marked at its forward 60,500: 151,250 contracts = 1,512,500 USD = 25 BTC → 0.53125 BTC IM
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-28JUN24", -151_250)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(0.53125, within(1e-12));
    assertThat(p.maintenanceMargin()).isCloseTo(0.40625, within(1e-12));
    assertThat(component(p, "delta_one").initial()).isEqualTo(p.initialMargin());
  }

  @Test
  void shouldChargeALinearPerpetualInUsdcOnItsNotionalAtTheMark() {
    // 25 BTC = 25,000 contracts of 0.001 BTC at the perp mark 60,000: notional 1,500,000 USDC
    // IM 2.125% = 31,875 USDC, MM 1.625% = 24,375 USDC; the pool is USDC's
    MarginResult r = MODEL.margin(account(atMark("BTC_USDC-PERPETUAL", 25_000)), MARKET);
    PoolMargin p = onlyPool(r);
    assertThat(p.currency()).isEqualTo(Asset.USDC);
    assertThat(p.initialMargin()).isCloseTo(31_875, within(1e-8));
    assertThat(p.maintenanceMargin()).isCloseTo(24_375, within(1e-8));
    assertThat(r.view()).isEqualTo(MarginView.PER_SETTLEMENT_CURRENCY);
    assertThat(r.model()).isEqualTo("isolated");
  }

  @Test
  void shouldUseEthsStepOf1250Eth() {
    // ETH increase factor 0.0004% per ETH = 0.5% per 1,250 ETH (Deribit, 11 January 2022): 1,250 ETH is IM 2.5%,
    // MM 2.0%. ETH-PERPETUAL (1 USD contracts) marked at 3,000: 1,250 ETH = 3,750,000 contracts
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("ETH-PERPETUAL", 3_750_000)), MARKET));
    assertThat(p.currency()).isEqualTo(Asset.ETH);
    assertThat(p.initialMargin()).isCloseTo(1_250 * 0.025, within(1e-10));
    assertThat(p.maintenanceMargin()).isCloseTo(1_250 * 0.020, within(1e-10));
  }

  /**
   * support.deribit.com "Linear Perpetual", SOL_USDC at 200 USD: IM 4% + 6,000·0.0005% = 7% → 420 SOL = 84,000 USDC;
   * MM 2% + 3% = 5% → 60,000 USDC. Our default rule for underlyings without a coin rule is the same increment per
   * USD of notional (0.5% per 200,000 USD), so at 200 USD it reproduces the page.
   */
  @Test
  void shouldReproduceDeribitsSolExampleWithTheUsdStepDefault() {
    // SOL_USDC-PERPETUAL: 0.01 SOL per contract, so 6,000 SOL = 600,000 contracts; notional 1,200,000 USDC = 6 steps
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("SOL_USDC-PERPETUAL", 600_000)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(84_000, within(1e-7));
    assertThat(p.maintenanceMargin()).isCloseTo(60_000, within(1e-7));
  }

  /**
   * A short BTC call, coin-settled: 2 × BTC-28JUN24-62000-C. Its underlying price U is the forward 60,500; it is
   * out of the money by 62,000 − 60,500 = 1,500, so OTM/U = 0.0247934 and the OTM-adjusted rate 0.15 − 0.0247934 =
   * 0.1252066 is above the 0.10 floor and applies. Mark = Black-76(F 60,500, K 62,000, 31/365 y, 60%)/F =
   * 3,558.93634 USD / 60,500 = 0.0588253941 BTC (mpmath, 30 digits). IM per BTC = 0.1252066116 + 0.0588253941 =
   * 0.1840320057, × 2 = 0.3680640114 BTC; MM per BTC = 0.075 + 0.0588253941 = 0.1338253941, × 2 = 0.2676507882.
   */
  @Test
  void shouldMarginAShortBtcCallAtTheOtmAdjustedRatePlusItsMark() {
    Position call = atMark("BTC-28JUN24-62000-C", -2);
    assertThat(PositionValuer.value(call, MARKET).markPrice()).isCloseTo(0.058825394123898987, within(1e-12));
    PoolMargin p = onlyPool(MODEL.margin(account(call), MARKET));
    assertThat(p.currency()).isEqualTo(Asset.BTC);
    assertThat(p.initialMargin()).isCloseTo(2 * (0.15 - 1_500.0 / 60_500 + 0.058825394123898987), within(1e-11));
    assertThat(p.initialMargin()).isCloseTo(0.3680640114, within(1e-10));
    assertThat(p.maintenanceMargin()).isCloseTo(0.2676507882, within(1e-10));
    assertThat(component(p, "short_options").initial()).isEqualTo(p.initialMargin());
    assertThat(p.contributions()).containsExactly(
        new PositionContribution("BTC-28JUN24-62000-C", 0, p.initialMargin()));
  }

  /**
   * BTC-28JUN24-70000-C is 9,500 out of the money: 0.15 − 9,500/60,500 = −0.0070 is below the floor, so the
   * 0.10 floor applies. Mark 1,284.58131 / 60,500 = 0.0212327490 BTC: IM 0.1212327490, MM 0.0962327490 BTC.
   */
  @Test
  void shouldFloorAFarOutOfTheMoneyShortCallAtTenPercent() {
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-28JUN24-70000-C", -1)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(0.1212327490, within(1e-10));
    assertThat(p.maintenanceMargin()).isCloseTo(0.0962327490, within(1e-10));
  }

  /**
   * A deep in-the-money coin-settled put, BTC-28JUN24-200000-P: mark ≈ (200,000 − 60,500)/60,500 = 2.3057851240
   * BTC. It is in the money (OTM 0), so the first IM term is 0.15 + 2.3057851240 = 2.4557851240; the MM is
   * max(0.075, 0.075·2.3057851240) + 2.3057851240 = 0.1729338843 + 2.3057851240 = 2.4787190083, which is larger,
   * so the put's IM is its MM: the outer max of Deribit's put rule.
   */
  @Test
  void shouldRaiseADeepInTheMoneyShortPutsInitialMarginToItsMaintenance() {
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-28JUN24-200000-P", -1)), MARKET));
    assertThat(p.maintenanceMargin()).isCloseTo(2.4787190083, within(1e-9));
    assertThat(p.initialMargin()).isEqualTo(p.maintenanceMargin());
  }

  /**
   * A USDC-settled put, short 10 × BTC_USDC-28JUN24-55000-P (0.01 BTC each, 0.1 BTC): OTM = 60,500 − 55,000 =
   * 5,500, 0.15 − 5,500/60,500 = 0.0591 &lt; 0.10, floor. Mark 1,854.69571 USD. IM = 0.1·(0.10·60,500 + 1,854.69571)
   * = 790.469571 USDC; MM = 0.1·(0.075·60,500 + 1,854.69571) = 639.219571 USDC.
   */
  @Test
  void shouldMarginALinearShortPutInUsdc() {
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC_USDC-28JUN24-55000-P", -10)), MARKET));
    assertThat(p.currency()).isEqualTo(Asset.USDC);
    assertThat(p.initialMargin()).isCloseTo(790.4695708786601, within(1e-7));
    assertThat(p.maintenanceMargin()).isCloseTo(639.2195708786601, within(1e-7));
  }

  @Test
  void shouldChargeNothingForLongOptionsOrLongSpot() {
    MarginResult r = MODEL.margin(account(atMark("BTC-28JUN24-62000-C", 5), atMark("BTC_USDC-28JUN24-55000-P", 30),
        atMark("BTC_USDC", 2)), MARKET);
    for (PoolMargin p : r.pools()) {
      assertThat(p.initialMargin()).isZero();
      assertThat(p.maintenanceMargin()).isZero();
    }
    assertThat(component(pool(r, Asset.BTC), "long_options").initial()).isZero();
    assertThat(component(pool(r, Asset.USDC), "spot").initial()).isZero();
    assertThat(component(pool(r, Asset.USDC), "spot").explanation()).contains("fully paid");
  }

  @Test
  void shouldChargeAShortSpotPositionTheDeltaOneRates() {
    // short 2 BTC spot (a borrowed coin) at 60,000 USDC: 120,000 × (2% + 0.5%·2/100) = 120,000 × 2.01% = 2,412
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC_USDC", -2)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(2_412, within(1e-9));
    assertThat(p.maintenanceMargin()).isCloseTo(120_000 * 0.0151, within(1e-9));
  }

  @Test
  void shouldNotOffsetALongAndAShortOfTwoDifferentInstruments() {
    // long perpetual + short future on BTC is almost flat in price, yet each pays its own margin
    // each is 1 BTC: 6,000 contracts of 10 USD at 60,000, and 6,050 at 60,500: 1 BTC × 2.005% = 0.02005 BTC
    Position perp = atMark("BTC-PERPETUAL", 6_000);
    Position future = atMark("BTC-28JUN24", -6_050);
    double alonePerp = MODEL.margin(account(perp), MARKET).pools().get(0).initialMargin();
    double aloneFuture = MODEL.margin(account(future), MARKET).pools().get(0).initialMargin();
    PoolMargin both = onlyPool(MODEL.margin(account(perp, future), MARKET));
    assertThat(alonePerp).isCloseTo(0.02005, within(1e-12));
    assertThat(aloneFuture).isCloseTo(0.02005, within(1e-12));
    assertThat(both.initialMargin()).isCloseTo(alonePerp + aloneFuture, within(1e-15));
    assertThat(both.contributions()).extracting(PositionContribution::initialMargin)
        .containsExactly(alonePerp, aloneFuture);
  }

  @Test
  void shouldChargeALongAndAShortPerpetualOfTwoSymbolsInTheirOwnPools() {
    // the same instrument cannot be held twice (a fully offset position does not exist in one portfolio) ...
    assertThatThrownBy(() -> new Portfolio(List.of(atMark("BTC-PERPETUAL", 1_000), atMark("BTC-PERPETUAL", -1_000))))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("positions[1].instrument"));
    // ... so the hedge is long BTC-PERPETUAL (inverse) against short BTC_USDC-PERPETUAL (linear): two pools, both pay
    MarginResult r = MODEL.margin(account(atMark("BTC-PERPETUAL", 6_000), atMark("BTC_USDC-PERPETUAL", -1_000)),
        MARKET);
    assertThat(pool(r, Asset.BTC).initialMargin()).isCloseTo(0.02005, within(1e-12));
    assertThat(pool(r, Asset.USDC).initialMargin()).isCloseTo(60_000 * 0.02005, within(1e-9));
    assertThat(r.initialMarginUsd()).isCloseTo(2 * 60_000 * 0.02005, within(1e-8));
  }

  @Test
  void shouldSumEveryKindIntoItsComponentAndEveryPositionIntoOneContribution() {
    MarginResult r = MODEL.margin(account(atMark("BTC-PERPETUAL", 6_000), atMark("BTC-28JUN24", -3_000),
        atMark("BTC-28JUN24-62000-C", -1), atMark("BTC-28JUN24-55000-P", 2)), MARKET);
    PoolMargin p = onlyPool(r);
    assertThat(p.components()).extracting(c -> c.name())
        .containsExactly("delta_one", "short_options", "long_options");
    assertThat(p.contributions()).extracting(PositionContribution::symbol).containsExactly("BTC-PERPETUAL",
        "BTC-28JUN24", "BTC-28JUN24-62000-C", "BTC-28JUN24-55000-P");
    double sum = p.contributions().stream().mapToDouble(PositionContribution::initialMargin).sum();
    assertThat(sum).isCloseTo(p.initialMargin(), within(1e-15));
    assertThat(component(p, "delta_one").explanation()).contains("BTC IM 2% + 0.5% per 100 coins");
  }

  /**
   * Isolation: one position's unrealised gain does not cover another's loss. BTC pool: balance 1 BTC; long
   * BTC-PERPETUAL 10,000 USD from 50,000 to 60,000 gains 10,000·(1/50,000 − 1/60,000) = 0.0333333 BTC; short
   * BTC-28JUN24 10,000 USD from 55,000 to 60,500 loses 10,000·(1/55,000 − 1/60,500) = 0.0165289256 BTC. Equity =
   * 1 − 0.0165289256 = 0.9834710744 BTC (the gain is not counted until realised).
   */
  @Test
  void shouldNotLetOneGainCoverAnotherLossInEquity() {
    MarginResult r = MODEL.margin(account(Map.of(Asset.BTC, 1.0), position("BTC-PERPETUAL", 1_000, 50_000),
        position("BTC-28JUN24", -1_000, 55_000)), MARKET);
    assertThat(onlyPool(r).equity()).isCloseTo(1 - 10_000 * (1 / 55_000.0 - 1 / 60_500.0), within(1e-15));
    assertThat(onlyPool(r).equity()).isCloseTo(0.9834710744, within(1e-10));
  }

  @Test
  void shouldCountAnOptionAtTheLowerOfEntryAndMark() {
    double mark = 0.058825394123898987;
    // long 3 calls bought at 0.05 (now worth more): counted at cost 3 × 0.05; bought at 0.08: at mark 3 × mark
    assertThat(onlyPool(MODEL.margin(account(Map.of(Asset.BTC, 1.0), position("BTC-28JUN24-62000-C", 3, 0.05)),
        MARKET)).equity()).isCloseTo(1 + 3 * 0.05, within(1e-12));
    assertThat(onlyPool(MODEL.margin(account(Map.of(Asset.BTC, 1.0), position("BTC-28JUN24-62000-C", 3, 0.08)),
        MARKET)).equity()).isCloseTo(1 + 3 * mark, within(1e-12));
    // short 3 sold at 0.08: the liability counts at the premium received, not at the lower mark
    assertThat(onlyPool(MODEL.margin(account(Map.of(Asset.BTC, 1.0), position("BTC-28JUN24-62000-C", -3, 0.08)),
        MARKET)).equity()).isCloseTo(1 - 3 * 0.08, within(1e-12));
  }

  @Test
  void shouldKeepPoolsApartSoASurplusInOneDoesNotSaveAnother() {
    // BTC pool: 0.01 BTC against a 60,000 USD short perpetual from 55,000 that has lost
    // 60,000·(1/55,000 − 1/60,000) = 0.0909 BTC: equity −0.0809 BTC, bankrupt. USDC pool: 1,000,000 USDC and
    // nothing to margin, which does not cover the BTC pool
    MarginResult r = MODEL.margin(account(Map.of(Asset.BTC, 0.01, Asset.USDC, 1_000_000.0),
        position("BTC-PERPETUAL", -6_000, 55_000)), MARKET);
    PoolMargin btc = pool(r, Asset.BTC);
    assertThat(btc.equity()).isLessThan(btc.maintenanceMargin()).isCloseTo(0.01 - 60_000 * (1 / 55_000.0
        - 1 / 60_000.0), within(0.002));
    assertThat(r.health().equityUsd()).isGreaterThan(r.health().maintenanceMarginUsd());
    assertThat(r.health().state()).isEqualTo(HealthState.BANKRUPT);
    assertThat(pool(r, Asset.USDC).components()).isEmpty();
  }

  @Test
  void shouldConvertPoolsAtTheirCurrencysUsdPrice() {
    MarginResult r = MODEL.margin(account(atMark("BTC_USDC-PERPETUAL", 1_000)), StandardFixtures.market(1, 0.999));
    // the requirement is 60,000 × 2.005% = 1,203 USDC, at 0.999 USD each
    assertThat(r.initialMarginUsd()).isCloseTo(1_203 * 0.999, within(1e-9));
  }

  @Test
  void shouldNameTheFieldWhenAnUnderlyingHasNoMarket() {
    MarketSnapshot btcOnly = new MarketSnapshot(MARKET.asOf(), 1, 0, Map.of(Asset.BTC,
        MARKET.underlying(Asset.BTC)), Map.of());
    assertThatThrownBy(() -> MODEL.margin(account(atMark("ETH-PERPETUAL", 10)), btcOnly))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("market.underlyings.ETH"));
    assertThatThrownBy(() -> MODEL.margin(account(atMark("BTC_USDC-PERPETUAL", 10)), btcOnly))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("collateral.USDC"));
    assertThatThrownBy(() -> new IsolatedModel(null)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("parameters"));
    assertThatThrownBy(() -> MODEL.margin(null, MARKET)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("account"));
  }
}
