package org.pmargin.core.liquidation.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of the auction over seeded random accounts, times and bids (mainnet parameters, varied buffer). */
class DutchAuctionPropertiesTest {

  static final long SEED = 20_261_207L;
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** A random solvent account (MM &lt; 0 &lt; MtM), an earlier bid's reserved cash, a time and a bid. */
  record Case(int index, double mm, double mtm, double b, double reservedShare, long elapsed, double fraction,
      double smCash) {
  }

  static Stream<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    return IntStream.range(0, 200).mapToObj(i -> new Case(i, -rnd.nextDouble(1, 50_000),
        rnd.nextDouble(1, 100_000), rnd.nextDouble(0, 0.6), rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble(0, 0.5),
        rnd.nextLong(0, 50_000), rnd.nextDouble(1e-6, 1), rnd.nextDouble(0, 20_000)));
  }

  static DutchAuctionParameters params(Case c) {
    return DutchAuctionParameters.deriveMainnet().withBufferMarginPercentage(c.b());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bidPriceNeverExceedsMtmTimesFraction(Case c) {
    DutchAuctionParameters p = params(c);
    double reserved = c.reservedShare() * c.mtm();
    double price = DutchAuctionMath.solventBidPrice(p, c.elapsed(), c.mtm(), reserved);
    assertThat(price).isBetween(0.0, c.mtm());
    assertThat(price * c.fraction()).isLessThanOrEqualTo(c.mtm() * c.fraction());
    double d = DutchAuctionMath.priceFraction(p, c.elapsed());
    assertThat(d).isBetween(0.0, p.startingMtMPercentage());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void maxProportionIsAFractionAndLeavesTheRestAtBufferMargin(Case c) {
    DutchAuctionParameters p = params(c);
    double reserved = c.reservedShare() * c.mtm();
    double bm = DutchAuctionMath.bufferMargin(c.mm(), c.mtm(), c.b());
    double d = DutchAuctionMath.priceFraction(p, c.elapsed());
    double f = DutchAuctionMath.maxProportion(c.mtm(), bm, d, reserved, 0);
    assertThat(f).isBetween(0.0, 1.0);
    double rest = DutchAuctionMathTest.remainderBufferMargin(c.mtm(), bm, d, reserved, f);
    double scale = Math.abs(bm) + c.mtm();
    assertThat(rest / scale).isGreaterThanOrEqualTo(-1e-9).isCloseTo(0, within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aMaxBidLeavesTheAccountAtBufferMarginAndEndsTheAuction(Case c) {
    DutchAuctionParameters p = params(c).withLiquidatorFeeRate(0); // MtM and MM then need no fee adjustment
    long elapsed = c.elapsed() % p.solventAuctionLengthSeconds();
    DutchAuction a = DutchAuction.start(p, new SecurityModule(0), c.mm(), c.mtm(), T0);
    AuctionBid bid = a.bid(1, c.mm(), c.mtm(), T0.plusSeconds(elapsed));
    assertThat(bid.auctionTerminated()).isTrue();
    assertThat(bid.fractionTaken()).isBetween(0.0, 1.0);
    assertThat(bid.cashFromBidder()).isLessThanOrEqualTo(c.mtm() * bid.fractionTaken());
    double bm = DutchAuctionMath.bufferMargin(c.mm(), c.mtm(), c.b());
    // the rest: (1 − f)·BM of the unsold part + the bidder's cash
    double rest = (1 - bid.fractionTaken()) * bm + bid.cashFromBidder();
    assertThat(rest / (Math.abs(bm) + c.mtm())).isGreaterThanOrEqualTo(-1e-9);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void insolventPayoutIsCoveredByTheModuleOrSocialised(Case c) {
    DutchAuctionParameters p = params(c);
    double mtm = -c.reservedShare() * -c.mm(); // MtM in [MM/2, 0]
    SecurityModule sm = new SecurityModule(c.smCash());
    DutchAuction a = DutchAuction.start(p, sm, c.mm(), mtm, T0);
    AuctionBid bid = a.bid(c.fraction(), c.mm(), mtm, T0.plusSeconds(c.elapsed() % 7_200));
    assertThat(bid.cashToBidder()).isBetween(0.0, -c.mm() * c.fraction() * (1 + 1e-12));
    assertThat(bid.paidBySecurityModule()).isLessThanOrEqualTo(c.smCash());
    assertThat(bid.paidBySecurityModule() + bid.socialisedLoss()).isCloseTo(bid.cashToBidder(),
        within(1e-9 * (1 + bid.cashToBidder())));
    assertThat(bid.socialisedLoss()).isGreaterThanOrEqualTo(0);
    assertThat(sm.cash()).isGreaterThanOrEqualTo(0);
    assertThat(bid.bidderCashRequired()).isGreaterThanOrEqualTo(0);
    assertThat(sm.isWithdrawBlocked()).isEqualTo(a.isOngoing() && -c.mm() > sm.cash());
  }
}
