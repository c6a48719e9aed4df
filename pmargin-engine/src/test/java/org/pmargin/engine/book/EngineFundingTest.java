package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.funding.FundingPayment;
import org.pmargin.engine.funding.FundingSchedule;
import org.pmargin.engine.script.MarketMove;

/**
 * Funding in the engine: booked as market time passes funding times (00:00/08:00/16:00 UTC by default), at the rate
 * and mark of the snapshot in force, into the settlement balance, reported in the outcome, then re-margined; atomic.
 * The market starts at 08:00 UTC with BTC mark 66,026.4 (index 66,000 × 1.0004) and 0.01% per 8 hours.
 */
class EngineFundingTest {

  private static final Instrument LINEAR = DeribitSymbols.parse("BTC_USDC-PERPETUAL"); // 0.001 BTC per contract
  private static final Instrument INVERSE = DeribitSymbols.parse("BTC-PERPETUAL"); // 10 USD per contract
  private static final Instrument ETH_CALL = DeribitSymbols.parse("ETH-27SEP24-4000-C");
  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final double MARK = 66_000 * 1.0004;
  private static final Instant T0 = EngineFixtures.T0;

  private static MarginEngine engine(FundingSchedule schedule) {
    return new MarginEngine(MODEL, EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withFunding(schedule));
  }

  /** The snapshot redated to t, with BTC's funding rate set, the next version. */
  private static MarketSnapshot at(MarketSnapshot s, Instant t, double btcRate) {
    MarketSnapshot moved = new MarketMove(Map.of(), Map.of(), t).apply(s);
    Map<Asset, UnderlyingMarket> u = new TreeMap<>(moved.underlyings());
    UnderlyingMarket b = u.get(Asset.BTC);
    u.put(Asset.BTC, new UnderlyingMarket(Asset.BTC, b.forwards(), b.perpetualMark(), btcRate, b.vols()));
    return new MarketSnapshot(t, moved.version(), moved.rate(), u, moved.assetPrices());
  }

  @Test
  void shouldMakeALongPayAndAShortReceiveAtAPositiveRateAtTheFundingTime() {
    try (MarginEngine e = engine(FundingSchedule.defaults())) {
      e.apply(new Deposit("long", Asset.USDC, 50_000));
      e.apply(new Fill("long", LINEAR, 1_000, 66_000)); // 1 BTC
      e.apply(new Deposit("short", Asset.USDC, 50_000));
      e.apply(new Fill("short", LINEAR, -1_000, 66_000));
      // 15:59: no funding time passed yet.
      EventOutcome before = e.apply(MarketUpdate.of(at(e.snapshot(), T0.plus(Duration.ofMinutes(479)), 0.0001)));
      assertThat(before.funding()).isEmpty();
      // 16:00: position value 1 × 66,026.4 USDC; × 0.01% = 6.60264 USDC from the long to the short.
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), Instant.parse("2024-06-17T16:00:00Z"), 0.0001)));
      assertThat(o.accepted()).isTrue();
      assertThat(o.funding()).hasSize(2);
      FundingPayment p = o.funding().get(0);
      assertThat(p.accountId()).isEqualTo("long");
      assertThat(p.instrument()).isEqualTo("BTC_USDC-PERPETUAL");
      assertThat(p.time()).isEqualTo(Instant.parse("2024-06-17T16:00:00Z"));
      assertThat(p.rate8h()).isEqualTo(0.0001);
      assertThat(p.mark()).isEqualTo(MARK);
      assertThat(p.currency()).isEqualTo(Asset.USDC);
      assertThat(p.amount()).isCloseTo(-6.60264, within(1e-9));
      assertThat(o.funding().get(1).amount()).isCloseTo(6.60264, within(1e-9));
      assertThat(e.account("long").balance(Asset.USDC)).isCloseTo(50_000 - 6.60264, within(1e-9));
      assertThat(e.account("short").balance(Asset.USDC)).isCloseTo(50_000 + 6.60264, within(1e-9));
      // Re-margined after it: the engine's figures are those of the account as booked.
      for (String id : List.of("long", "short")) {
        assertThat(o.margins()).anySatisfy(m -> assertThat(m.accountId()).isEqualTo(id));
        assertThat(e.margin(id).get().health()).isEqualTo(MODEL.margin(e.account(id), e.snapshot()).health());
      }
    }
  }

  @Test
  void shouldBookAnInversePerpetualsFundingInCoin() {
    try (MarginEngine e = engine(FundingSchedule.defaults())) {
      e.apply(new Deposit("inv", Asset.BTC, 2));
      e.apply(new Fill("inv", INVERSE, 6_600, 66_000)); // 66,000 USD of face value
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), Instant.parse("2024-06-17T16:00:00Z"), 0.0001)));
      // 6,600 × 10 / 66,026.4 BTC × 0.01%.
      double coins = 66_000 / MARK * 0.0001;
      assertThat(o.funding()).singleElement().satisfies(p -> {
        assertThat(p.currency()).isEqualTo(Asset.BTC);
        assertThat(p.amount()).isCloseTo(-coins, within(1e-15));
        assertThat(p.amountUsd()).isCloseTo(-coins * 66_000, within(1e-9));
      });
      assertThat(e.account("inv").balance(Asset.BTC)).isCloseTo(2 - coins, within(1e-15));
    }
  }

  @Test
  void shouldAccrueEveryFundingTimeOfAJumpAtTheRateInForce() {
    try (MarginEngine e = engine(FundingSchedule.defaults())) {
      e.apply(new Deposit("a", Asset.USDC, 50_000));
      e.apply(new Fill("a", LINEAR, 1_000, 66_000));
      // 08:00 → next day 09:00 passes 16:00, 00:00 and 08:00: all three at the old snapshot's 0.01% (the new one's
      // 0.05% is known only from 09:00).
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), Instant.parse("2024-06-18T09:00:00Z"), 0.0005)));
      assertThat(o.funding()).extracting(FundingPayment::time).containsExactly(
          Instant.parse("2024-06-17T16:00:00Z"), Instant.parse("2024-06-18T00:00:00Z"),
          Instant.parse("2024-06-18T08:00:00Z"));
      assertThat(o.funding()).allSatisfy(p -> assertThat(p.rate8h()).isEqualTo(0.0001));
      assertThat(e.account("a").balance(Asset.USDC)).isCloseTo(50_000 - 3 * 6.60264, within(1e-9));
      // A snapshot exactly at a funding time is the one in force then: 16:00 at its own 0.05%.
      EventOutcome at16 = e.apply(MarketUpdate.of(at(e.snapshot(), Instant.parse("2024-06-18T16:00:00Z"), 0.0005)));
      assertThat(at16.funding()).singleElement().satisfies(p -> {
        assertThat(p.rate8h()).isEqualTo(0.0005);
        assertThat(p.amount()).isCloseTo(-5 * 6.60264, within(1e-9));
      });
    }
  }

  @Test
  void shouldPayAnEighthOfTheRateEveryHourOnAnHourlySchedule() {
    try (MarginEngine e = engine(new FundingSchedule(Duration.ofHours(1)))) {
      e.apply(new Deposit("h", Asset.USDC, 50_000));
      e.apply(new Fill("h", LINEAR, 1_000, 66_000));
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), T0.plus(Duration.ofMinutes(150)), 0.0001)));
      assertThat(o.funding()).hasSize(2).allSatisfy(p -> {
        assertThat(p.hours()).isEqualTo(1);
        assertThat(p.amount()).isCloseTo(-6.60264 / 8, within(1e-9));
      });
    }
  }

  @Test
  void shouldMakeAnAccountLiquidatableFromFundingAlone() {
    try (MarginEngine e = engine(FundingSchedule.defaults())) {
      e.apply(new Deposit("thin", Asset.USDC, 50_000));
      e.apply(new Fill("thin", LINEAR, 1_000, 66_000));
      var h = e.margin("thin").get().health();
      assertThat(h.state()).isEqualTo(HealthState.HEALTHY);
      // Withdraw nearly all the excess over initial margin (prices will not move); then a 5%-per-8h rate at 16:00
      // costs 66,026.4 × 0.05 = 3,301.32 USDC, more than the equity left over maintenance margin.
      e.apply(new org.pmargin.engine.event.Withdrawal("thin", Asset.USDC, 0.999 * h.availableUsd()));
      var after = e.margin("thin").get().health();
      assertThat(after.state()).isEqualTo(HealthState.HEALTHY);
      assertThat(after.equityUsd() - after.maintenanceMarginUsd()).isPositive().isLessThan(3_301.32);
      MarketSnapshot quiet = at(e.snapshot(), Instant.parse("2024-06-17T15:00:00Z"), 0.05);
      assertThat(e.apply(MarketUpdate.of(quiet)).transitions()).isEmpty();
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), Instant.parse("2024-06-17T16:00:00Z"), 0.05)));
      assertThat(o.funding()).singleElement().satisfies(p -> assertThat(p.amount()).isCloseTo(-3_301.32,
          within(1e-9)));
      assertThat(o.transitions()).singleElement().satisfies(t -> {
        assertThat(t.accountId()).isEqualTo("thin");
        assertThat(t.to()).isEqualTo(HealthState.LIQUIDATABLE);
      });
    }
  }

  @Test
  void shouldBookNothingWhenTheUpdateIsRejected() {
    try (MarginEngine e = engine(FundingSchedule.defaults())) {
      e.apply(new Deposit("btc", Asset.USDC, 50_000));
      e.apply(new Fill("btc", LINEAR, 1_000, 66_000));
      e.apply(new Deposit("eth", Asset.ETH, 10));
      e.apply(new Fill("eth", ETH_CALL, -1, 0.01));
      Account before = e.account("btc");
      // At 16:00 without ETH: the ETH account cannot be margined, so the BTC account's funding is not booked either.
      MarketSnapshot s = at(e.snapshot(), Instant.parse("2024-06-17T16:00:00Z"), 0.0001);
      MarketSnapshot noEth = new MarketSnapshot(s.asOf(), s.version(), s.rate(),
          Map.of(Asset.BTC, s.underlying(Asset.BTC)), s.assetPrices());
      EventOutcome r = e.apply(MarketUpdate.of(noEth));
      assertThat(r.accepted()).isFalse();
      assertThat(r.funding()).isEmpty();
      assertThat(e.account("btc")).isEqualTo(before);
      assertThat(e.snapshot().asOf()).isEqualTo(T0);
      // The same funding time, once the full snapshot arrives, is booked once.
      EventOutcome ok = e.apply(MarketUpdate.of(s));
      assertThat(ok.funding()).singleElement().satisfies(p -> assertThat(p.accountId()).isEqualTo("btc"));
      assertThat(e.account("btc").balance(Asset.USDC)).isCloseTo(50_000 - 6.60264, within(1e-9));
      assertThat(e.apply(MarketUpdate.of(at(e.snapshot(), s.asOf().plusSeconds(60), 0.0001))).funding()).isEmpty();
    }
  }

  @Test
  void shouldRefuseAJumpOverTooManyFundingTimesAndChangeNothing() {
    try (MarginEngine e = engine(new FundingSchedule(Duration.ofMinutes(1)))) {
      e.apply(new Deposit("a", Asset.USDC, 50_000));
      e.apply(new Fill("a", LINEAR, 1_000, 66_000));
      Account before = e.account("a");
      EventOutcome r = e.apply(MarketUpdate.of(at(e.snapshot(), T0.plus(Duration.ofDays(8)), 0.0001)));
      assertThat(r.rejection()).hasValueSatisfying(m -> assertThat(m).contains("funding times"));
      assertThat(e.account("a")).isEqualTo(before);
    }
  }

  @Test
  void shouldAccrueNothingWhenFundingIsOff() {
    try (MarginEngine e = engine(FundingSchedule.off())) {
      e.apply(new Deposit("a", Asset.USDC, 50_000));
      e.apply(new Fill("a", LINEAR, 1_000, 66_000));
      EventOutcome o = e.apply(MarketUpdate.of(at(e.snapshot(), T0.plus(Duration.ofDays(3)), 0.0001)));
      assertThat(o.funding()).isEmpty();
      assertThat(e.account("a").balance(Asset.USDC)).isEqualTo(50_000);
    }
  }
}
