package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.ExpirySettlementBooked;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.funding.FundingSchedule;

/**
 * Expiry in the engine: options and a future expiring on 21 June 2024 08:00 UTC, between two market updates, are
 * settled by the first update at or after the expiry, at its delivery price (else its index), into the settlement
 * balance, reported in the outcome and re-margined; the cache keeps no expired vector; a failing update rolls the
 * settlements back; a fill in an expired instrument is refused. Full passes are off (30 days), so the cache is
 * carried from update to update.
 */
class EngineExpiryTest {

  private static final Instant EXPIRY = Instant.parse("2024-06-21T08:00:00Z");
  private static final Instrument CALL = DeribitSymbols.parse("BTC-21JUN24-60000-C"); // coin-settled, 1 BTC
  private static final Instrument FUTURE = DeribitSymbols.parse("BTC-21JUN24"); // inverse, 10 USD
  private static final Instrument ETH_CALL = DeribitSymbols.parse("ETH_USDC-21JUN24-3400-C"); // USDC, 0.1 ETH
  private static final Instrument LIVE = DeribitSymbols.parse("BTC-27SEP24-70000-C");
  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());

  private static MarginEngine engine() {
    return new MarginEngine(MODEL, EngineFixtures.market(),
        new EngineConfig(1, Duration.ofDays(30)).withFunding(FundingSchedule.off())
            // round fill prices for the settlement arithmetic, not near the fixture's marks: no price band
            .withPriceBand(org.pmargin.engine.guard.PriceBand.defaults()
                .withMode(org.pmargin.engine.guard.PriceBandMode.OFF)));
  }

  /** Opens the accounts: a long and a short of the BTC call, a long future, an ETH call and a bystander. */
  private static void open(MarginEngine e) {
    e.apply(new Deposit("long", Asset.BTC, 2));
    e.apply(new Fill("long", CALL, 10, 0.1)); // pays 1 BTC of premium
    e.apply(new Fill("long", LIVE, 1, 0.02));
    e.apply(new Deposit("short", Asset.BTC, 5));
    e.apply(new Fill("short", CALL, -4, 0.1)); // receives 0.4 BTC
    e.apply(new Deposit("future", Asset.BTC, 1));
    e.apply(new Fill("future", FUTURE, 1_000, 65_000)); // 10,000 USD long
    e.apply(new Deposit("eth", Asset.USDC, 5_000));
    e.apply(new Fill("eth", ETH_CALL, 20, 100)); // pays 20 × 0.1 × 100 = 200 USDC
    e.apply(new Deposit("bystander", Asset.BTC, 1));
  }

  /** BTC's index at {@code btc}, ETH unchanged, at time t (passed expiries dropped), with these delivery prices. */
  private static MarketSnapshot at(MarginEngine e, Instant t, double btc, List<DeliveryPrice> delivery) {
    double factor = btc / e.snapshot().underlying(Asset.BTC).index();
    return EngineFixtures.moved(e.snapshot(), Asset.BTC, factor, t).withDeliveryPrices(delivery);
  }

  private static ExpirySettlementBooked booked(EventOutcome o, String account, String symbol) {
    return o.settlements().stream().filter(b -> b.accountId().equals(account) && b.instrument().equals(symbol))
        .findFirst().orElseThrow();
  }

  @Test
  void shouldSettleAtTheFirstUpdatePastTheExpiryAndReMargin() {
    try (MarginEngine e = engine()) {
      open(e);
      EventOutcome before = e.apply(MarketUpdate.of(at(e, EXPIRY.minusSeconds(3_600), 66_300, List.of())));
      assertThat(before.accepted()).isTrue();
      assertThat(before.settlements()).isEmpty();
      assertThat(e.vectorCache().holdsExpired(EXPIRY)).as("the ETH call's vectors, held before expiry").isTrue();

      // 09:00, an hour after expiry: BTC delivered at 66,000 while the index is 66,600; ETH has no delivery price
      EventOutcome o = e.apply(MarketUpdate.of(at(e, EXPIRY.plusSeconds(3_600), 66_600,
          List.of(new DeliveryPrice(Asset.BTC, EXPIRY, 66_000, "deribit delivery")))));
      assertThat(o.accepted()).as(o.rejection().orElse("")).isTrue();
      assertThat(o.settlements()).extracting(ExpirySettlementBooked::accountId)
          .containsExactly("long", "short", "future", "eth");

      // long: 10 × 6,000/66,000 = 10/11 BTC; short: −4/11 BTC
      ExpirySettlementBooked longCall = booked(o, "long", "BTC-21JUN24-60000-C");
      assertThat(longCall.price()).isEqualTo(66_000);
      assertThat(longCall.priceSource()).isEqualTo("deribit delivery");
      assertThat(longCall.quantity()).isEqualTo(10);
      assertThat(longCall.currency()).isEqualTo(Asset.BTC);
      assertThat(longCall.amount()).isCloseTo(10.0 / 11, within(1e-12));
      assertThat(longCall.amountUsd()).isCloseTo(60_000, within(1e-8));
      assertThat(booked(o, "short", "BTC-21JUN24-60000-C").amount()).isCloseTo(-4.0 / 11, within(1e-12));
      // future: 10,000 USD × (1/65,000 − 1/66,000) = 0.0023310023... BTC
      assertThat(booked(o, "future", "BTC-21JUN24").amount()).isCloseTo(10_000.0 / 65_000 - 10_000.0 / 66_000,
          within(1e-15));
      // ETH at its index, 3,500 (no delivery price): 20 × 0.1 × (3,500 − 3,400) = 200 USDC
      ExpirySettlementBooked eth = booked(o, "eth", "ETH_USDC-21JUN24-3400-C");
      assertThat(eth.price()).isEqualTo(3_500);
      assertThat(eth.priceSource()).contains("index");
      assertThat(eth.amount()).isCloseTo(200, within(1e-9));
      assertThat(eth.currency()).isEqualTo(Asset.USDC);

      // balances booked, expired positions gone, the live one kept
      assertThat(e.account("long").balance(Asset.BTC)).isCloseTo(2 - 1 - 0.02 + 10.0 / 11, within(1e-12));
      assertThat(e.account("long").portfolio().positions()).extracting(p -> p.instrument().symbol())
          .containsExactly("BTC-27SEP24-70000-C");
      assertThat(e.account("short").balance(Asset.BTC)).isCloseTo(5 + 0.4 - 4.0 / 11, within(1e-12));
      assertThat(e.account("short").portfolio().positions()).isEmpty();
      assertThat(e.account("future").balance(Asset.BTC)).isCloseTo(1 + 10_000.0 / 65_000 - 10_000.0 / 66_000,
          within(1e-12));
      assertThat(e.account("eth").balance(Asset.USDC)).isCloseTo(5_000 - 200 + 200, within(1e-9));

      // re-margined on the new snapshot: the engine's figures are the stand-alone margin of the settled account
      for (String id : List.of("long", "short", "future", "eth")) {
        var m = o.margins().stream().filter(x -> x.accountId().equals(id)).findFirst().orElseThrow();
        assertThat(m.health()).isEqualTo(MODEL.margin(e.account(id), e.snapshot()).health());
        assertThat(m.snapshotVersion()).isEqualTo(e.snapshot().version());
      }
      assertThat(e.vectorCache().holdsExpired(e.snapshot().asOf())).isFalse();
      assertThat(e.cachedVectors()).isPositive();
    }
  }

  @Test
  void aFailingUpdateShouldRollTheSettlementsBackToo() {
    try (MarginEngine e = engine()) {
      open(e);
      MarketSnapshot good = at(e, EXPIRY.plusSeconds(60), 66_000, List.of());
      // the same update without a USDC price: the ETH account settles, but its USDC balance cannot be margined,
      // so the whole update is refused, the BTC accounts' settlements (booked before it) included
      MarketSnapshot bad = new MarketSnapshot(good.asOf(), good.version(), good.rate(), good.underlyings(),
          Map.of());
      var longBefore = e.account("long");
      MarketSnapshot snapshotBefore = e.snapshot();

      EventOutcome rejected = e.apply(MarketUpdate.of(bad));
      assertThat(rejected.accepted()).isFalse();
      assertThat(rejected.rejection().orElseThrow()).contains("account eth", "USDC");
      assertThat(rejected.settlements()).isEmpty();
      assertThat(e.account("long")).isEqualTo(longBefore);
      assertThat(e.account("short").portfolio().positions()).hasSize(1);
      assertThat(e.snapshot()).isSameAs(snapshotBefore);

      EventOutcome o = e.apply(MarketUpdate.of(good));
      assertThat(o.accepted()).as(o.rejection().orElse("")).isTrue();
      assertThat(o.settlements()).hasSize(4);
      // settled once, at the index 66,000 (no delivery price given)
      assertThat(e.account("long").balance(Asset.BTC)).isCloseTo(2 - 1 - 0.02 + 10.0 / 11, within(1e-12));
    }
  }

  @Test
  void shouldRefuseAFillOrWhatIfInAnExpiredInstrument() {
    try (MarginEngine e = engine()) {
      open(e);
      e.apply(MarketUpdate.of(at(e, EXPIRY, 66_000, List.of())));
      EventOutcome fill = e.apply(new Fill("bystander", CALL, 1, 0.05));
      assertThat(fill.accepted()).isFalse();
      assertThat(fill.rejection().orElseThrow()).contains("BTC-21JUN24-60000-C", "expired at 2024-06-21T08:00:00Z");
      assertThat(e.account("bystander").portfolio().positions()).isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.whatIf("bystander",
          List.of(new Fill("bystander", CALL, 1, 0.05)))).hasMessageContaining("orders[0].instrument");
    }
  }
}
