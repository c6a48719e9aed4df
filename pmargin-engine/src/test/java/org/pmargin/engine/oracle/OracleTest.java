package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pmargin.engine.oracle.OracleFixtures.BTC;
import static org.pmargin.engine.oracle.OracleFixtures.EXPIRY;
import static org.pmargin.engine.oracle.OracleFixtures.at;
import static org.pmargin.engine.oracle.OracleFixtures.market;
import static org.pmargin.engine.oracle.OracleFixtures.tick;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.oracle.AggregatedPrice.DegradedReason;
import org.pmargin.engine.oracle.AggregatedPrice.DropReason;

class OracleTest {

  private final Oracle oracle = new Oracle(market(), OracleConfig.defaults());

  private OracleUpdate feed(long second, double... prices) {
    for (int i = 0; i < prices.length; i++) {
      oracle.accept(tick("s" + i, prices[i], at(second)));
    }
    return oracle.update(at(second));
  }

  @Test
  void acceptedUpdateMovesIndexAndScalesForwards() {
    OracleUpdate u = feed(5, 102, 102.2, 101.8);
    MarketSnapshot s = u.snapshot();
    assertThat(u.anyDegraded()).isFalse();
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.asOf()).isEqualTo(at(5));
    assertThat(s.underlying(BTC).index()).isEqualTo(102);
    assertThat(s.underlying(BTC).forwards().forward(EXPIRY)).isCloseTo(104 * 1.02, within(1e-9));
    assertThat(s.underlying(BTC).forwards().asOf()).isEqualTo(at(5));
    assertThat(s.underlying(BTC).vols().asOf()).isEqualTo(at(5));
    assertThat(s.underlying(BTC).fundingRate8h()).isEqualTo(0.0001);
    assertThat(s.priceUsd(Asset.USDC)).isEqualTo(1.0);
  }

  @Test
  void staleSourceIgnored() {
    oracle.accept(tick("old", 130, at(0)));
    OracleUpdate u = feed(60, 101, 101.4);
    assertThat(u.degraded(BTC)).isFalse();
    assertThat(u.snapshot().underlying(BTC).index()).isEqualTo(101.2);
    assertThat(u.prices().get(BTC).dropped(DropReason.STALE)).extracting(PriceTick::source).containsExactly("old");
  }

  @Test
  void outlierDroppedAndReported() {
    OracleUpdate u = feed(1, 101, 101.2, 90);
    assertThat(u.degraded(BTC)).isFalse();
    assertThat(u.snapshot().underlying(BTC).index()).isEqualTo(101.1);
    assertThat(u.prices().get(BTC).dropped(DropReason.OUTLIER)).extracting(PriceTick::source).containsExactly("s2");
  }

  @Test
  void tooFewSourcesDegradesAndKeepsTheLastGoodPrice() {
    feed(1, 101, 101.2, 101.1);
    OracleUpdate u = oracle.update(at(45)); // every tick is now 44 s old
    assertThat(u.degraded(BTC)).isTrue();
    assertThat(oracle.degraded(BTC)).isTrue();
    assertThat(u.prices().get(BTC).reason()).contains(DegradedReason.TOO_FEW_SOURCES);
    assertThat(u.snapshot().underlying(BTC).index()).isEqualTo(101.1);
    assertThat(u.snapshot().version()).isEqualTo(2);
    assertThat(Double.isFinite(u.snapshot().underlying(BTC).perpetualMark())).isTrue();
  }

  @Test
  void jumpDegradesKeepsLastGoodAndRecoversWhenSourcesAgreeAgain() {
    feed(1, 101, 101.2, 101.1);
    double mark = oracle.snapshot().underlying(BTC).perpetualMark();
    OracleUpdate u = feed(2, 130, 130.1, 129.9);
    assertThat(u.prices().get(BTC).reason()).contains(DegradedReason.JUMP);
    assertThat(u.snapshot().underlying(BTC).index()).isEqualTo(101.1);
    assertThat(u.snapshot().underlying(BTC).perpetualMark()).isEqualTo(mark);
    // The manipulated print goes away: prices back near the last good one, status OK again.
    OracleUpdate back = feed(3, 101.3, 101.4, 101.2);
    assertThat(back.degraded(BTC)).isFalse();
    assertThat(back.snapshot().underlying(BTC).index()).isEqualTo(101.3);
  }

  @Test
  void persistentJumpIsAcceptedAfterTheConfiguredConfirmations() {
    feed(1, 100, 100, 100);
    assertThat(feed(2, 80, 80.1, 79.9).degraded(BTC)).isTrue();
    assertThat(feed(3, 80.2, 80.1, 80).degraded(BTC)).isTrue();
    OracleUpdate third = feed(4, 80.3, 80.2, 80.1);
    assertThat(third.degraded(BTC)).isFalse();
    assertThat(third.snapshot().underlying(BTC).index()).isEqualTo(80.2);
  }

  @Test
  void jumpConfirmationRestartsWhenTheCandidateWanders() {
    feed(1, 100, 100, 100);
    assertThat(feed(2, 80, 80, 80).degraded(BTC)).isTrue();
    assertThat(feed(3, 70, 70, 70).degraded(BTC)).isTrue();
    assertThat(feed(4, 60, 60, 60).degraded(BTC)).isTrue();
    assertThat(feed(5, 60, 60, 60).degraded(BTC)).isTrue();
    assertThat(feed(6, 60, 60, 60).degraded(BTC)).isFalse();
  }

  @Test
  void versionsStrictlyIncreaseAndSnapshotsAreImmutable() {
    MarketSnapshot s0 = oracle.snapshot();
    MarketSnapshot s1 = feed(1, 101, 101, 101).snapshot();
    MarketSnapshot s2 = feed(2, 102, 102, 102).snapshot();
    MarketSnapshot s3 = oracle.update(at(40)).snapshot(); // degraded: still a new version
    assertThat(List.of(s0.version(), s1.version(), s2.version(), s3.version())).containsExactly(0L, 1L, 2L, 3L);
    assertThat(s0.underlying(BTC).index()).isEqualTo(100);
    assertThat(s1.underlying(BTC).index()).isEqualTo(101);
    assertThat(s2.underlying(BTC).index()).isEqualTo(102);
    assertThatThrownBy(() -> s1.underlyings().remove(BTC)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> oracle.status().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void basisSmoothingByHand() {
    Oracle o = new Oracle(market(), OracleConfig.defaults().withBasisSmoothing(0.25));
    assertThat(o.basis(BTC)).isCloseTo(0.5, within(1e-12));
    o.acceptAll(List.of(tick("a", 100, at(1)), tick("b", 100, at(1)),
        PriceTick.perpetual("p", BTC, 102.5, at(1))));
    MarketSnapshot s = o.update(at(1)).snapshot();
    // basis = 0.25 * (102.5 - 100) + 0.75 * 0.5 = 1.0
    assertThat(o.basis(BTC)).isCloseTo(1.0, within(1e-12));
    assertThat(s.underlying(BTC).perpetualMark()).isCloseTo(101.0, within(1e-12));
    o.acceptAll(List.of(tick("a", 104, at(2)), tick("b", 104, at(2)),
        PriceTick.perpetual("p", BTC, 103, at(2))));
    s = o.update(at(2)).snapshot();
    // basis = 0.25 * (103 - 104) + 0.75 * 1.0 = 0.5
    assertThat(o.basis(BTC)).isCloseTo(0.5, within(1e-12));
    assertThat(s.underlying(BTC).perpetualMark()).isCloseTo(104.5, within(1e-12));
    // No fresh perp tick: the basis is held, the mark follows the index.
    o.acceptAll(List.of(tick("a", 105, at(60)), tick("b", 105, at(60))));
    s = o.update(at(60)).snapshot();
    assertThat(o.basis(BTC)).isCloseTo(0.5, within(1e-12));
    assertThat(s.underlying(BTC).perpetualMark()).isCloseTo(105.5, within(1e-12));
  }

  @Test
  void olderTickDoesNotReplaceANewerOne() {
    oracle.accept(tick("a", 101, at(10)));
    oracle.accept(tick("a", 150, at(5)));
    oracle.accept(tick("b", 101, at(10)));
    assertThat(oracle.update(at(10)).snapshot().underlying(BTC).index()).isEqualTo(101);
  }

  @Test
  void rejectsUnknownUnderlyingAndTimeGoingBack() {
    assertThatThrownBy(() -> oracle.accept(PriceTick.index("a", Asset.ETH, 3000, at(0))))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("tick.underlying");
    oracle.update(at(10));
    assertThatThrownBy(() -> oracle.update(at(9))).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("as_of");
  }

  @Test
  void expiredForwardsAreDroppedWhenTimePasses() {
    Oracle o = new Oracle(market(), OracleConfig.defaults());
    o.acceptAll(List.of(tick("a", 100, EXPIRY.plusSeconds(1)), tick("b", 100, EXPIRY.plusSeconds(1))));
    MarketSnapshot s = o.update(EXPIRY.plusSeconds(1)).snapshot();
    assertThat(s.underlying(BTC).forwards().points()).isEmpty();
  }
}
