package org.pmargin.core.liquidation.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The insolvent auction and the security module, on the scenarios of v2-core
 * {@code test/auction/unit-tests/InsolventAuction.t.sol} ({@code UNIT_TestInsolventAuction}, the pragma-0.8.20
 * version; each test names the one it ports): unit-test parameters (insolvent length 10 min), MM −300, MtM −100, so
 * the price goes from −100 to −300. Plus the mainnet 60-minute growth and a partly covered payout, by hand.
 *
 * <p>Not ported: {@code testInsolventAuctionBlockWithdraw}, in which two 50% bids end the auction; in the contract
 * version reproduced an insolvent auction ends on a 100% bid or once MM ≥ 0 (METHODOLOGY notes the difference).
 */
class InsolventAuctionTest {

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final double EPS = 1e-9;
  final DutchAuctionParameters params = DutchAuctionParameters.deriveUnitTests();

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static DutchAuction startDefault(DutchAuctionParameters p, SecurityModule sm) {
    return DutchAuction.start(p, sm, -300, -100, T0);
  }

  static void assertRefused(Runnable r, String reason) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(AuctionRefusedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void testStartInsolventAuction() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = startDefault(params, sm);
    assertThat(a.isInsolvent()).isTrue();
    assertThat(a.isOngoing()).isTrue();
    assertThat(a.startFee()).isZero();
    assertThat(a.currentBidPrice(-300, -100, T0)).isCloseTo(-100, within(EPS)); // starts at MtM
    assertThat(sm.totalInsolventMaintenanceMargin()).isCloseTo(300, within(EPS));
  }

  @Test
  void testCanBidOnInsolventAuctionWith0Bid() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = startDefault(params, sm);
    AuctionBid bid = a.bid(1, -300, -100, T0);
    assertThat(bid.fractionTaken()).isEqualTo(1);
    assertThat(bid.cashFromBidder()).isZero();
    assertThat(bid.cashToBidder()).isCloseTo(100, within(EPS)); // MtM is −100
    assertThat(bid.paidBySecurityModule()).isZero();
    assertThat(bid.socialisedLoss()).isCloseTo(100, within(EPS)); // an empty module: all socialised
    assertThat(bid.auctionTerminated()).isTrue();
    assertThat(sm.totalInsolventMaintenanceMargin()).isZero();
  }

  @Test
  void testCanBidOnInsolventAuctionWith0BidPositiveMTM() {
    DutchAuction a = startDefault(params, new SecurityModule(0));
    AuctionBid bid = a.bid(1, -300, 100, T0); // MtM > 0 is capped at 0
    assertThat(bid.cashToBidder()).isZero();
    assertThat(bid.cashFromBidder()).isZero();
  }

  @Test
  void testCanAddALimitToTheCashReceived() {
    // Derive's error there is DA_CashLimitExceeded; the version reproduced names it DA_PriceLimitExceeded
    DutchAuction a = startDefault(params, new SecurityModule(1_000));
    assertRefused(() -> a.bid(1, -300, -100, T0, -200), "DA_PriceLimitExceeded");
    assertRefused(() -> a.bid(1, -300, -100, at(300), -201), "DA_PriceLimitExceeded");
    assertThat(a.bid(1, -300, -100, at(300), -200).cashToBidder()).isCloseTo(200, within(EPS));
  }

  @Test
  void testBidForInsolventAuctionFromSM() {
    SecurityModule sm = new SecurityModule(1_000);
    DutchAuction a = startDefault(params, sm);
    AuctionBid bid = a.bid(0.5, -300, -100, at(12)); // 2% of the time: (−100 − 0.02·200)·0.5
    assertThat(bid.cashToBidder()).isCloseTo(52, within(EPS));
    assertThat(bid.paidBySecurityModule()).isCloseTo(52, within(EPS));
    assertThat(bid.socialisedLoss()).isZero();
    assertThat(bid.bidderCashRequired()).isCloseTo(150 - 52, within(EPS));
    assertThat(bid.auctionTerminated()).isFalse();
    assertThat(sm.cash()).isCloseTo(948, within(EPS));
  }

  @Test
  void testBidForInsolventAuctionMakesSMInsolvent() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = startDefault(params, sm);
    AuctionBid bid = a.bid(1, -300, -100, at(300)); // half-way: −100 − 100
    assertThat(bid.cashToBidder()).isCloseTo(200, within(EPS));
    assertThat(bid.socialisedLoss()).isCloseTo(200, within(EPS));
    assertThat(sm.totalSocialised()).isCloseTo(200, within(EPS));
    assertThat(sm.isWithdrawBlocked()).isFalse(); // the 100% bid ended the auction
  }

  @Test
  void testTerminatesInsolventAuction() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = startDefault(params, sm);
    assertThat(a.currentBidPrice(100, -100, T0)).isZero(); // MM > 0
    a.terminate(100, -100, T0);
    assertThat(a.isOngoing()).isFalse();
    assertRefused(() -> a.terminate(100, -100, T0), "DA_NotOngoingAuction");
  }

  @Test
  void testCannotTerminateWhileMmIsNegative() {
    DutchAuction a = startDefault(params, new SecurityModule(0));
    assertRefused(() -> a.terminate(-1, 50, T0), "DA_AuctionCannotTerminate");
  }

  @Test
  void testTerminatingAuctionFreeWithdrawLock() {
    SecurityModule sm = new SecurityModule(50);
    DutchAuction a = startDefault(params, sm);
    assertThat(sm.isWithdrawBlocked()).isTrue(); // 300 > 50
    a.terminate(100, -100, T0);
    assertThat(sm.isWithdrawBlocked()).isFalse();
  }

  @Test
  void testTerminatingAuctionDoesNotFreeLockIfOthersOutstanding() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction alice = startDefault(params, sm);
    assertThat(sm.totalInsolventMaintenanceMargin()).isCloseTo(300, within(EPS));
    DutchAuction bob = startDefault(params, sm);
    assertThat(sm.totalInsolventMaintenanceMargin()).isCloseTo(600, within(EPS));
    assertThat(sm.isWithdrawBlocked()).isTrue();
    sm.deposit(599);
    assertThat(sm.isWithdrawBlocked()).isTrue();
    sm.deposit(1);
    assertThat(sm.isWithdrawBlocked()).isFalse(); // 600 > 600 is false
    sm.withdraw(600);
    assertThat(sm.isWithdrawBlocked()).isTrue();
    alice.terminate(100, -100, T0);
    assertThat(sm.isWithdrawBlocked()).isTrue(); // still blocked because of bob
    bob.terminate(100, -100, T0);
    assertThat(sm.isWithdrawBlocked()).isFalse();
  }

  @Test
  void shouldPayBiddersLinearlyMoreOverTheMainnetSixtyMinutes() {
    DutchAuctionParameters mainnet = DutchAuctionParameters.deriveMainnet();
    long[] times = {0, 900, 1_800, 2_700, 3_600, 5_000};
    double[] expected = {100, 150, 200, 250, 300, 300};
    for (int i = 0; i < times.length; i++) {
      SecurityModule sm = new SecurityModule(10_000);
      DutchAuction a = startDefault(mainnet, sm);
      assertThat(a.bid(1, -300, -100, at(times[i])).cashToBidder()).as("t = %d s", times[i])
          .isCloseTo(expected[i], within(EPS));
    }
  }

  @Test
  void shouldSocialiseWhatTheModuleCannotPay() {
    SecurityModule sm = new SecurityModule(120);
    DutchAuction a = startDefault(DutchAuctionParameters.deriveMainnet(), sm);
    AuctionBid bid = a.bid(1, -300, -100, at(1_800));
    assertThat(bid.cashToBidder()).isCloseTo(200, within(EPS));
    assertThat(bid.paidBySecurityModule()).isCloseTo(120, within(EPS));
    assertThat(bid.socialisedLoss()).isCloseTo(80, within(EPS));
    assertThat(sm.cash()).isZero();
    assertThat(sm.totalSocialised()).isCloseTo(80, within(EPS));
  }

  @Test
  void shouldKeepTheInsolventAuctionOpenAfterAPartialBid() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = startDefault(params, sm);
    a.bid(0.5, -300, -100, at(120));
    assertThat(a.isOngoing()).isTrue();
    assertThat(sm.isWithdrawBlocked()).isTrue(); // the cached MM stays until the auction ends
    a.bid(1, -150, -50, at(240)); // the rest
    assertThat(a.isOngoing()).isFalse();
    assertThat(sm.isWithdrawBlocked()).isFalse();
  }

  @Test
  void shouldPayTheMainnetStartFeeIntoTheModule() {
    SecurityModule sm = new SecurityModule(0);
    DutchAuction a = DutchAuction.start(DutchAuctionParameters.deriveMainnet(), sm, -100, 300, T0);
    assertThat(a.startFee()).isCloseTo(160.0 / 460 * 300 * 0.10, within(EPS));
    assertThat(sm.cash()).isCloseTo(a.startFee(), within(EPS));
    assertThat(sm.totalInsolventMaintenanceMargin()).isZero();
  }
}
