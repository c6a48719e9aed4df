package org.pmargin.core.liquidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.liquidation.auction.AuctionLiquidation;
import org.pmargin.core.liquidation.auction.AuctionOutcome;
import org.pmargin.core.liquidation.auction.DutchAuctionParameters;
import org.pmargin.core.liquidation.auction.SecurityModule;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Derive's Dutch auction run on a grid-margined account against a rational bidder, checked against the auction's
 * rules written out by hand here (Derive mainnet: start 95%, 70% after 15 min, 0 after 12 h more; buffer 15%; start
 * fee 10% of the largest fraction's MtM; insolvent payout over 60 min), not against {@code DutchAuctionMath}.
 */
class AuctionLiquidationTest {

  private static final MarketSnapshot MARKET = LiquidationFixtures.market();
  private static final MarginModel GRID = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  /** 1 M USD of BTC at the 65,000 index, entry at the mark. */
  private static final Position LONG = LiquidationFixtures.atMark(PERP, 1_000_000.0 / 65_000 / 0.001, MARKET);
  /** A thin BTC market (10 M USD a day, 3% daily vol), so that the bidder waits for a deeper discount. */
  private static final double THIN_VOLUME = 1e7;
  private static final AuctionLiquidation AUCTION = new AuctionLiquidation(GRID, new LiquidityModel(0.005, 0.05, 1,
      Map.of(Asset.BTC, THIN_VOLUME), Map.of(Asset.BTC, 0.03)), DutchAuctionParameters.deriveMainnet(), 0);

  private static Account account(Position p, double usdc) {
    return new Account("a", new Portfolio(List.of(p)), Map.of(Asset.USDC, usdc));
  }

  /** d(t) of Derive mainnet's solvent auction. */
  private static double d(long t) {
    return t <= 900 ? 0.95 - 0.25 * t / 900 : Math.max(0, 0.70 - 0.70 * (t - 900) / 43_200.0);
  }

  /** The bidder's unwind cost of a fraction of the 1 M long: square-root impact only (no fee, no premium). */
  private static double unwind(double f) {
    return unwind(f, THIN_VOLUME);
  }

  private static double unwind(double f, double volume) {
    double cashDelta = Math.abs(PositionValuer.value(LONG, MARKET).delta() * 65_000) * f;
    return 0.03 * Math.sqrt(cashDelta / volume) * cashDelta;
  }

  @Test
  void shouldFillASolventAuctionAtTheFirstProfitableSecondAndLeaveTheRestAtBufferMargin() {
    double mmRequired = GRID.margin(account(LONG, 1e9), MARKET).maintenanceMarginUsd();
    Account acc = account(LONG, 0.8 * mmRequired);
    MarginResult before = GRID.margin(acc, MARKET);
    double mtm = before.health().equityUsd();
    double mm = mtm - before.maintenanceMarginUsd();
    assertThat(mm).isNegative();

    // start fee: the largest fraction at d = 1, times MtM, times 10%
    double bm = mm + 0.15 * (mm - mtm);
    double fee = bm / (bm - mtm) * mtm * 0.10;
    double mtm1 = mtm - fee;
    double mm1 = mm - fee;
    double bm1 = mm1 + 0.15 * (mm1 - mtm1);

    AuctionOutcome out = AUCTION.run(acc, MARKET, new SecurityModule(1e6));
    assertThat(out.filled()).isTrue();
    assertThat(out.insolvent()).isFalse();
    assertThat(out.startFeeUsd()).isCloseTo(fee, within(1e-6));

    long t = out.bidSecond();
    assertThat(t).isPositive(); // 5% off at the start does not pay for the impact in this thin market
    double f = bm1 / (bm1 - mtm1 * d(t));
    double profit = f * mtm1 * (1 - d(t)) - unwind(f);
    double fPrev = bm1 / (bm1 - mtm1 * d(t - 1));
    double profitPrev = fPrev * mtm1 * (1 - d(t - 1)) - unwind(fPrev);
    assertThat(profit).isGreaterThanOrEqualTo(0);
    assertThat(profitPrev).isNegative();
    assertThat(out.priceFraction()).isCloseTo(d(t), within(1e-12));
    assertThat(out.fractionSold()).isCloseTo(f, within(1e-12));
    assertThat(out.cashFromBidderUsd()).isCloseTo(f * mtm1 * d(t), within(1e-6));
    assertThat(out.bidderProfitUsd()).isCloseTo(profit, within(1e-6));

    // the account loses exactly the fee and the discount; the rest sits at buffer margin (the grid is linear here)
    double after = out.marginAfter().health().equityUsd();
    assertThat(mtm - after).isCloseTo(out.accountLossUsd(), within(1e-6));
    assertThat(out.accountLossUsd()).isCloseTo(fee + f * mtm1 * (1 - d(t)), within(1e-6));
    double mmRest = after - out.marginAfter().maintenanceMarginUsd();
    assertThat(mmRest + 0.15 * (mmRest - after)).isCloseTo(0, within(1e-6 * mtm));
    assertThat(out.after().portfolio().positions().get(0).quantity()).isCloseTo(LONG.quantity() * (1 - f),
        within(1e-9));
  }

  @Test
  void shouldFillAtOnceWhenTheStartingDiscountPaysForTheUnwind() {
    double mmRequired = GRID.margin(account(LONG, 1e9), MARKET).maintenanceMarginUsd();
    AuctionLiquidation deep = new AuctionLiquidation(GRID, LiquidationFixtures.liquidity(),
        DutchAuctionParameters.deriveMainnet(), 0);
    AuctionOutcome out = deep.run(account(LONG, 0.8 * mmRequired), MARKET, new SecurityModule(0));
    assertThat(out.bidSecond()).isZero();
    assertThat(out.priceFraction()).isEqualTo(0.95);
    assertThat(out.bidderProfitUsd()).isCloseTo(out.fractionSold() * (0.8 * mmRequired - out.startFeeUsd()) * 0.05
        - unwind(out.fractionSold(), 2e10), within(1e-6));
  }

  @Test
  void shouldPayAnInsolventAccountsBidderFromTheSecurityModuleAndSocialiseTheRest() {
    // entry 10% above the mark: a 100,000 USD loss on 20,000 USDC of collateral
    Position underwater = new Position(PERP, LONG.quantity(), LONG.entryPrice() * 1.10);
    Account acc = account(underwater, 20_000);
    MarginResult before = GRID.margin(acc, MARKET);
    double mtm = before.health().equityUsd();
    double mm = mtm - before.maintenanceMarginUsd();
    assertThat(mtm).isNegative();

    SecurityModule sm = new SecurityModule(50_000);
    AuctionOutcome out = AUCTION.run(acc, MARKET, sm);
    assertThat(out.filled()).isTrue();
    assertThat(out.insolvent()).isTrue();
    assertThat(out.startFeeUsd()).isZero();
    assertThat(out.fractionSold()).isEqualTo(1);

    long t = out.bidSecond();
    double paid = -((mm - mtm) * t / 3600.0 + mtm);
    assertThat(mtm + paid - unwind(1)).isGreaterThanOrEqualTo(0);
    double paidPrev = -((mm - mtm) * (t - 1) / 3600.0 + mtm);
    assertThat(mtm + paidPrev - unwind(1)).isNegative();
    assertThat(out.cashToBidderUsd()).isCloseTo(paid, within(1e-6));
    assertThat(out.paidBySecurityModuleUsd()).isCloseTo(Math.min(paid, 50_000), within(1e-6));
    assertThat(out.paidBySecurityModuleUsd() + out.socialisedUsd()).isCloseTo(paid, within(1e-6));
    assertThat(out.after().portfolio().positions()).isEmpty();
  }

  @Test
  void shouldRefuseAnAccountAboveMaintenanceMargin() {
    assertThatThrownBy(() -> AUCTION.run(account(LONG, 1e6), MARKET, new SecurityModule(0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not below maintenance margin");
  }
}
