package org.pmargin.core.margin.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pmargin.core.margin.standard.StandardFixtures.MARKET;
import static org.pmargin.core.margin.standard.StandardFixtures.account;
import static org.pmargin.core.margin.standard.StandardFixtures.atMark;
import static org.pmargin.core.margin.standard.StandardFixtures.component;
import static org.pmargin.core.margin.standard.StandardFixtures.position;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The cross model on hand-worked books: base rates plus the size tiers' extra in USD, short options with and without
 * tiers, one shared pool whose equity nets gains against losses, and no offsets between positions.
 */
class CrossModelTest {

  private static final CrossModel MODEL = new CrossModel();
  private static final StandardMarginParameters D = StandardMarginParameters.deribit();

  private static PoolMargin onlyPool(MarginResult r) {
    assertThat(r.pools()).hasSize(1);
    assertThat(r.pools().get(0).currency()).isEqualTo(Asset.USD);
    return r.pools().get(0);
  }

  /**
   * 100 BTC of BTC_USDC-PERPETUAL (100,000 contracts of 0.001 BTC) at the mark 60,000: notional 6,000,000 USD.
   * Brackets: up to 1M at 2% / 1.5%, 1M–10M at 5% / 2.5%. IM = 1,000,000·2% + 5,000,000·5% = 20,000 + 250,000 =
   * 270,000 (Binance form: 5%·6M − cum 1M·(5% − 2%) = 300,000 − 30,000); MM = 15,000 + 125,000 = 140,000.
   * Breakdown: delta_one at BTC's base rates 2% / 1.5% of 6M = 120,000 / 90,000; size_tiers the rest, 150,000 /
   * 50,000.
   */
  @Test
  void shouldChargeALargeLinearPerpetualTheBracketsOnItsNotional() {
    MarginResult r = MODEL.margin(account(atMark("BTC_USDC-PERPETUAL", 100_000)), MARKET);
    PoolMargin p = onlyPool(r);
    assertThat(r.model()).isEqualTo("cross");
    assertThat(r.view()).isEqualTo(MarginView.UNIFIED_USD);
    assertThat(p.initialMargin()).isCloseTo(270_000, within(1e-8));
    assertThat(p.maintenanceMargin()).isCloseTo(140_000, within(1e-8));
    assertThat(component(p, "delta_one").initial()).isCloseTo(120_000, within(1e-8));
    assertThat(component(p, "delta_one").maintenance()).isCloseTo(90_000, within(1e-8));
    assertThat(component(p, "size_tiers").initial()).isCloseTo(150_000, within(1e-8));
    assertThat(component(p, "size_tiers").maintenance()).isCloseTo(50_000, within(1e-8));
    assertThat(component(p, "size_tiers").explanation()).contains("BTC_USDC-PERPETUAL", "bracket 2 of 8");
    assertThat(p.initialMargin()).isCloseTo(0.05 * 6e6 - D.sizeTiers().initialDeduction(1), within(1e-8));
    assertThat(p.contributions()).extracting(PositionContribution::initialMargin)
        .containsExactly(p.initialMargin());
  }

  @Test
  void shouldChargeAnInversePerpetualOnItsCoinSizeAtTheIndex() {
    // 600,000 contracts of 10 USD at the perp mark 60,000 = 100 BTC, worth 6,000,000 USD at the index: as above
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-PERPETUAL", -600_000)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(270_000, within(1e-8));
    assertThat(p.maintenanceMargin()).isCloseTo(140_000, within(1e-8));
  }

  @Test
  void shouldUseTheUnderlyingsOwnBaseRateWithTheTiersOnTop() {
    // 6,000 SOL (600,000 contracts of 0.01) at 200 = 1,200,000 USD. SOL's base (default rule) is 4% / 2%:
    // delta_one 48,000 / 24,000; the slice above 1M pays the second bracket's extra 5% − 2% = 3% and
    // 2.5% − 1.5% = 1%: size_tiers 6,000 / 2,000. IM 54,000, MM 26,000.
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("SOL_USDC-PERPETUAL", 600_000)), MARKET));
    assertThat(component(p, "delta_one").initial()).isCloseTo(48_000, within(1e-8));
    assertThat(component(p, "size_tiers").initial()).isCloseTo(6_000, within(1e-8));
    assertThat(p.initialMargin()).isCloseTo(54_000, within(1e-8));
    assertThat(p.maintenanceMargin()).isCloseTo(26_000, within(1e-8));
  }

  /**
   * The short BTC call of the isolated test, 2 × BTC-28JUN24-62000-C: IM 0.3680640114 BTC, MM 0.2676507882 BTC,
   * converted at the index 60,000: 22,083.840684 / 16,059.047292 USD. Its underlying notional, 2 BTC = 120,000 USD,
   * is inside the first bracket: no tier extra.
   */
  @Test
  void shouldConvertTheShortOptionRuleToUsdAtTheIndex() {
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-28JUN24-62000-C", -2)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(22_083.840684, within(1e-5));
    assertThat(p.maintenanceMargin()).isCloseTo(16_059.047292, within(1e-5));
    assertThat(component(p, "size_tiers").initial()).isZero();
    assertThat(component(p, "short_options").initial()).isEqualTo(p.initialMargin());
  }

  @Test
  void shouldChargeALargeShortOptionTheTierExtraOnlyWhenConfigured() {
    // 100 short calls: 50 × the 2-call margin = 1,104,192.0342 USD IM, on an underlying notional of 6,000,000 USD,
    // whose tier extra is 150,000 / 50,000 as for the perpetual above
    Account book = account(atMark("BTC-28JUN24-62000-C", -100));
    PoolMargin tiered = onlyPool(MODEL.margin(book, MARKET));
    assertThat(component(tiered, "short_options").initial()).isCloseTo(1_104_192.0342, within(1e-3));
    assertThat(component(tiered, "size_tiers").initial()).isCloseTo(150_000, within(1e-8));
    assertThat(component(tiered, "size_tiers").maintenance()).isCloseTo(50_000, within(1e-8));

    StandardMarginParameters noOptionTiers = new StandardMarginParameters(D.deltaOne(), D.defaultDeltaOne(),
        D.deltaOneRateCap(), D.options(), D.sizeTiers(), false);
    PoolMargin untiered = onlyPool(new CrossModel(noOptionTiers, HaircutSchedule.standard()).margin(book, MARKET));
    assertThat(untiered.components()).extracting(c -> c.name()).containsExactly("short_options");
    assertThat(untiered.initialMargin()).isCloseTo(tiered.initialMargin() - 150_000, within(1e-6));
  }

  @Test
  void shouldNeverTierLongOptionsOrLongSpot() {
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-28JUN24-62000-C", 1_000),
        atMark("BTC_USDC", 500)), MARKET));
    assertThat(p.initialMargin()).isZero();
    assertThat(p.maintenanceMargin()).isZero();
    assertThat(p.components()).extracting(c -> c.name()).containsExactly("spot", "long_options");
  }

  @Test
  void shouldSumALongAndAShortOfTwoSymbolsWithoutOffset() {
    // long BTC-PERPETUAL 1 BTC (6,000 contracts) against short BTC_USDC-PERPETUAL 1 BTC (1,000 contracts): flat in
    // price, yet each pays 60,000 × 2% = 1,200 USD IM and 900 MM
    PoolMargin p = onlyPool(MODEL.margin(account(atMark("BTC-PERPETUAL", 6_000),
        atMark("BTC_USDC-PERPETUAL", -1_000)), MARKET));
    assertThat(p.initialMargin()).isCloseTo(2_400, within(1e-9));
    assertThat(p.maintenanceMargin()).isCloseTo(1_800, within(1e-9));
    assertThat(p.contributions()).extracting(PositionContribution::initialMargin)
        .allSatisfy(im -> assertThat(im).isCloseTo(1_200, within(1e-9)));
  }

  /**
   * Shared equity: balance 1 BTC at 95% (the majors' first haircut tier) = 57,000 USD; the long perpetual's gain
   * 0.0333333 BTC and the future's loss 0.0165289256 BTC net to 0.0168044077 BTC = 1,008.264463 USD at the index.
   * Equity 58,008.264463 USD.
   */
  @Test
  void shouldShareUnrealisedPnlAndHaircutCollateral() {
    Account book = account(Map.of(Asset.BTC, 1.0), position("BTC-PERPETUAL", 1_000, 50_000),
        position("BTC-28JUN24", -1_000, 55_000));
    PoolMargin p = onlyPool(MODEL.margin(book, MARKET));
    double pnl = 10_000 * (1 / 50_000.0 - 1 / 60_000.0) - 10_000 * (1 / 55_000.0 - 1 / 60_500.0);
    assertThat(p.equity()).isCloseTo(57_000 + pnl * 60_000, within(1e-9));
    assertThat(p.equity()).isCloseTo(58_008.264463, within(1e-6));
  }

  @Test
  void shouldLetAGainInOnePositionCoverTheMarginOfAnotherUnlikeIsolated() {
    // balance 1,000 USDC; long BTC_USDC-PERPETUAL 1 BTC from 40,000 (gain 20,000 USDC); short BTC-PERPETUAL
    // 60,000 USD at 60,000 (no P&L), which needs 0.02005 BTC = 1,203 USD isolated and has an empty BTC pool
    Account book = account(Map.of(Asset.USDC, 1_000.0), position("BTC_USDC-PERPETUAL", 1_000, 40_000),
        atMark("BTC-PERPETUAL", -6_000));
    assertThat(MODEL.margin(book, MARKET).health().state()).isEqualTo(HealthState.HEALTHY);
    assertThat(new IsolatedModel().margin(book, MARKET).health().state()).isEqualTo(HealthState.LIQUIDATABLE);
  }

  @Test
  void shouldNameTheFieldOnBadConstruction() {
    assertThatThrownBy(() -> new CrossModel(null, HaircutSchedule.standard()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parameters"));
    assertThatThrownBy(() -> new CrossModel(D, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("haircuts"));
    assertThatThrownBy(() -> MODEL.margin(account(), null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("market"));
  }

  @Test
  void shouldReturnNoMarginForAnEmptyAccount() {
    PoolMargin p = onlyPool(MODEL.margin(account(Map.of(Asset.USDC, 5.0)), MARKET));
    assertThat(p.components()).isEmpty();
    assertThat(p.initialMargin()).isZero();
    assertThat(p.equity()).isEqualTo(5.0);
  }
}
