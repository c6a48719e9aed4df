package org.pmargin.core.liquidation.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** The pure formulas on hand-computed numbers (Derive mainnet parameters unless a test says otherwise). */
class DutchAuctionMathTest {

  static final double EPS = 1e-12;
  final DutchAuctionParameters mainnet = DutchAuctionParameters.deriveMainnet();

  @Test
  void shouldFallFrom95To70PercentOverTheFastPhaseThenToZeroOverTwelveHours() {
    assertThat(DutchAuctionMath.priceFraction(mainnet, 0)).isCloseTo(0.95, within(EPS));
    assertThat(DutchAuctionMath.priceFraction(mainnet, 450)).isCloseTo(0.825, within(EPS)); // 0.95 − 0.25·½
    assertThat(DutchAuctionMath.priceFraction(mainnet, 899)).isCloseTo(0.95 - 0.25 * 899 / 900, within(EPS));
    assertThat(DutchAuctionMath.priceFraction(mainnet, 900)).isCloseTo(0.70, within(EPS)); // end of fast
    assertThat(DutchAuctionMath.priceFraction(mainnet, 900 + 21_600)).isCloseTo(0.35, within(EPS)); // mid-slow
    assertThat(DutchAuctionMath.priceFraction(mainnet, 900 + 43_199)).isCloseTo(0.70 / 43_200, within(EPS));
    assertThat(DutchAuctionMath.priceFraction(mainnet, 44_100)).isZero(); // end
    assertThat(DutchAuctionMath.priceFraction(mainnet, 1_000_000)).isZero();
  }

  @Test
  void shouldComputeBufferMarginAsMmPlusBTimesMmMinusMtm() {
    // TestSolventAuction _startDefaultSolventAuction's comment: MM −100, MtM 300, b 0.1 → −100 − 40 = −140
    assertThat(DutchAuctionMath.bufferMargin(-100, 300, 0.1)).isCloseTo(-140, within(EPS));
    assertThat(DutchAuctionMath.bufferMargin(-100, 300, 0.15)).isCloseTo(-160, within(EPS));
    assertThat(DutchAuctionMath.bufferMargin(-100, 300, 0)).isCloseTo(-100, within(EPS));
  }

  @Test
  void shouldSellExactlyTheFractionThatBringsTheRestBackToBufferMargin() {
    // 160 / (160 + 300·0.95) = 160 / 445
    double f = DutchAuctionMath.maxProportion(300, -160, 0.95, 0, 0);
    assertThat(f).isCloseTo(160.0 / 445, within(EPS));
    assertThat(remainderBufferMargin(300, -160, 0.95, 0, f)).isCloseTo(0, within(1e-9));

    // with reserved cash: 200 / (200 + 500·0.8 + 100·0.2) = 200 / 620
    double g = DutchAuctionMath.maxProportion(500, -200, 0.8, 100, 0);
    assertThat(g).isCloseTo(200.0 / 620, within(EPS));
    assertThat(remainderBufferMargin(500, -200, 0.8, 100, g)).isCloseTo(0, within(1e-9));
  }

  /** The rest after selling f: (1 − f)·(BM − R) + R + f·(MtM − R)·d (all of BM scales with the portfolio). */
  static double remainderBufferMargin(double mtm, double bm, double d, double reserved, double f) {
    return (1 - f) * (bm - reserved) + reserved + f * (mtm - reserved) * d;
  }

  @Test
  void shouldAllowTheWholeAccountBelowTheMtmCutoffAndNothingAboveBufferMargin() {
    assertThat(DutchAuctionMath.maxProportion(500, -200, 0.8, 0, 1000)).isEqualTo(1);
    assertThat(DutchAuctionMath.maxProportion(500, 50, 0.8, 0, 0)).isZero();
  }

  @Test
  void shouldRefuseWhereTheContractReverts() {
    assertThatThrownBy(() -> DutchAuctionMath.maxProportion(0, 0, 0.5, 0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DutchAuctionMath.maxProportion(-1000, -100, 0.5, 0, -2000))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DutchAuctionMath.priceFraction(mainnet, -1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("elapsedSeconds"));
    assertThatThrownBy(() -> DutchAuctionMath.bufferMargin(Double.NaN, 1, 0.1))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("maintenanceMargin"));
  }

  @Test
  void shouldChargeTheFeeRateOnTheLargestFractionAtFullPrice() {
    // MM −100, MtM 300, b 0.15: BM −160; f(d = 1) = 160 / 460; fee = f · 300 · 0.10
    double fee = DutchAuctionMath.startFee(mainnet, 300, -160);
    assertThat(fee).isCloseTo(160.0 / 460 * 300 * 0.10, within(EPS));
    assertThat(fee).isCloseTo(10.434782608695652, within(1e-9));
    assertThat(DutchAuctionMath.startFee(mainnet.withMtmCutoff(500), 300, -160)).isCloseTo(30, within(EPS));
  }

  @Test
  void shouldPriceTheSolventPortfolioAsMtmLessReservedCashTimesThePriceFraction() {
    assertThat(DutchAuctionMath.solventBidPrice(mainnet, 450, 300, 0)).isCloseTo(247.5, within(EPS));
    assertThat(DutchAuctionMath.solventBidPrice(mainnet, 450, 300, 100)).isCloseTo(165, within(EPS));
    assertThat(DutchAuctionMath.solventBidPrice(mainnet, 44_100, 300, 400)).isZero(); // end checked first
    assertThatThrownBy(() -> DutchAuctionMath.solventBidPrice(mainnet, 450, 300, 400))
        .isInstanceOfSatisfying(AuctionRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo("DA_ReservedCashGreaterThanMtM"));
  }

  @Test
  void shouldGrowTheInsolventPriceLinearlyFromMtmToMmOverSixtyMinutes() {
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 0, -300, -100)).isCloseTo(-100, within(EPS));
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 900, -300, -100)).isCloseTo(-150, within(EPS));
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 1_800, -300, -100)).isCloseTo(-200, within(EPS));
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 3_600, -300, -100)).isCloseTo(-300, within(EPS));
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 7_200, -300, -100)).isCloseTo(-300, within(EPS));
    // MtM capped at 0: from 0 to MM
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 0, -300, 50)).isZero();
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 1_800, -300, 50)).isCloseTo(-150, within(EPS));
    assertThat(DutchAuctionMath.insolventBidPrice(mainnet, 1_800, 0, -100)).isZero(); // MM ≥ 0
  }

  @Test
  void shouldRequireTheBidPlusTheBufferFromASolventBidderAndMmLessThePayoutFromAnInsolventOne() {
    double f = 140.0 / 410; // TestSolventAuction testCanBidWithMaxPercentage
    assertThat(DutchAuctionMath.solventBidderCashRequired(270 * f, -140, 0, f)).isCloseTo(140, within(1e-9));
    assertThat(DutchAuctionMath.insolventBidderCashRequired(-300, 0.5, 52)).isCloseTo(98, within(EPS));
    assertThatThrownBy(() -> DutchAuctionMath.insolventBidderCashRequired(-100, 1, 150))
        .isInstanceOfSatisfying(AuctionRefusedException.class, e -> assertThat(e.reason()).isEqualTo("Panic(0x11)"));
  }
}
