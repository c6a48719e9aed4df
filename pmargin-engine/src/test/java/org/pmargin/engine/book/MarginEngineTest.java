package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.engine.event.Withdrawal;

/** The engine's events one by one: booking, rejections that change nothing, incremental scope, health events. */
class MarginEngineTest {

  private static final Instrument BTC_PERP = DeribitSymbols.parse("BTC-PERPETUAL");
  private static final Instrument BTC_CALL = DeribitSymbols.parse("BTC-27SEP24-70000-C");
  private static final Instrument ETH_PERP = DeribitSymbols.parse("ETH_USDC-PERPETUAL");
  private static final ScenarioGridModel UNIFIED = new ScenarioGridModel(GridParameters.deribitUnified());

  private static MarginEngine engine() {
    return new MarginEngine(UNIFIED, EngineFixtures.market(), new EngineConfig(1, Duration.ofSeconds(60)));
  }

  /** For the booking arithmetic: prices chosen for round numbers, not near the fixture's marks, so no band. */
  private static MarginEngine engineWithoutPriceBand() {
    return new MarginEngine(UNIFIED, EngineFixtures.market(), new EngineConfig(1, Duration.ofSeconds(60))
        .withPriceBand(org.pmargin.engine.guard.PriceBand.defaults()
            .withMode(org.pmargin.engine.guard.PriceBandMode.OFF)));
  }

  @Test
  void shouldOpenAnAccountOnDepositAndMarginItOnEachFill() {
    try (MarginEngine e = engine()) {
      EventOutcome d = e.apply(new Deposit("alice", Asset.USDC, 100_000));
      assertThat(d.accepted()).isTrue();
      assertThat(d.margins()).singleElement().satisfies(m -> {
        assertThat(m.health().equityUsd()).isEqualTo(100_000 * 0.0 + e.margin("alice").get().health().equityUsd());
        assertThat(m.health().initialMarginUsd()).isZero();
      });
      EventOutcome f = e.apply(new Fill("alice", BTC_PERP, 10_000, 66_000));
      assertThat(f.margins()).singleElement().extracting(AccountMargin::accountId).isEqualTo("alice");
      assertThat(f.margins().get(0).health().initialMarginUsd()).isPositive();
      assertThat(e.account("alice").portfolio().positions()).singleElement()
          .satisfies(p -> assertThat(p.quantity()).isEqualTo(10_000));
    }
  }

  @Test
  void shouldRejectAWithdrawalThatBreachesInitialMarginAndChangeNothing() {
    try (MarginEngine e = engineWithoutPriceBand()) {
      e.apply(new Deposit("bob", Asset.USDC, 20_000));
      e.apply(new Fill("bob", BTC_CALL, -0.5, 0.05));
      AccountMargin before = e.margin("bob").get();
      Account accountBefore = e.account("bob");
      double available = before.health().availableUsd();
      assertThat(available).isPositive();
      EventOutcome rejected = e.apply(new Withdrawal("bob", Asset.USDC, available + 1));
      assertThat(rejected.accepted()).isFalse();
      assertThat(rejected.rejection().get()).contains("initial margin");
      assertThat(e.margin("bob").get()).isEqualTo(before);
      assertThat(e.account("bob")).isEqualTo(accountBefore);
      EventOutcome ok = e.apply(new Withdrawal("bob", Asset.USDC, available * 0.5));
      assertThat(ok.accepted()).isTrue();
      assertThat(e.account("bob").balance(Asset.USDC)).isEqualTo(accountBefore.balance(Asset.USDC)
          - available * 0.5);
    }
  }

  @Test
  void shouldRejectAWithdrawalLargerThanTheBalance() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("c", Asset.BTC, 1));
      EventOutcome r = e.apply(new Withdrawal("c", Asset.BTC, 1.5));
      assertThat(r.rejection()).hasValueSatisfying(m -> assertThat(m).contains("exceeds the balance"));
      assertThat(e.account("c").balance(Asset.BTC)).isEqualTo(1);
    }
  }

  @Test
  void shouldRejectAFillTheMarketCannotPriceAndKeepTheAccount() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("d", Asset.USDC, 10_000));
      Account before = e.account("d");
      EventOutcome r = e.apply(new Fill("d", DeribitSymbols.parse("SOL_USDC-PERPETUAL"), 10, 150));
      assertThat(r.accepted()).isFalse();
      assertThat(r.rejection().get()).contains("SOL");
      assertThat(e.account("d")).isEqualTo(before);
      assertThat(e.apply(new Fill("nobody", BTC_PERP, 10, 66_000)).rejection().get()).contains("unknown account");
    }
  }

  @Test
  void shouldRemarginOnlyTheAccountsExposedToWhatMoved() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("btc", Asset.USDC, 50_000));
      e.apply(new Fill("btc", BTC_PERP, 5_000, 66_000));
      e.apply(new Deposit("eth", Asset.USDC, 50_000));
      e.apply(new Fill("eth", ETH_PERP, 1_000, 3_500));
      MarketSnapshot m = EngineFixtures.moved(e.snapshot(), Asset.ETH, 0.95, e.snapshot().asOf());
      EventOutcome u = e.apply(MarketUpdate.of(m));
      assertThat(u.margins()).extracting(AccountMargin::accountId).containsExactly("eth");
      assertThat(e.margin("btc").get().snapshotVersion()).isEqualTo(1);
      assertThat(e.margin("eth").get().snapshotVersion()).isEqualTo(m.version());
      // A full pass once the market time has moved by the interval.
      MarketSnapshot later = EngineFixtures.moved(m, Asset.ETH, 1.0, m.asOf().plusSeconds(60));
      assertThat(e.apply(MarketUpdate.of(later)).margins()).extracting(AccountMargin::accountId)
          .containsExactly("btc", "eth");
    }
  }

  @Test
  void shouldRemarginTheHoldersOfACoinWhoseListedPriceMoves() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("usdc", Asset.USDC, 50_000));
      e.apply(new Deposit("btc", Asset.BTC, 2));
      MarketSnapshot s = e.snapshot();
      MarketSnapshot depeg = new MarketSnapshot(s.asOf(), s.version() + 1, s.rate(), s.underlyings(),
          java.util.Map.of(Asset.USDC, 0.97));
      EventOutcome o = e.apply(MarketUpdate.of(depeg));
      assertThat(o.margins()).extracting(AccountMargin::accountId).containsExactly("usdc");
      assertThat(e.margin("usdc").get().health().equityUsd()).isCloseTo(50_000 * 0.97,
          org.assertj.core.api.Assertions.within(1e-6));
      // A new rate changes every discount factor: every account is re-margined.
      MarketSnapshot rate = new MarketSnapshot(s.asOf(), depeg.version() + 1, 0.05, s.underlyings(),
          depeg.assetPrices());
      assertThat(e.apply(MarketUpdate.of(rate)).margins()).hasSize(2);
    }
  }

  @Test
  void shouldEmitHealthTransitionsAsPricesFall() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("lev", Asset.USDC, 30_000));
      e.apply(new Fill("lev", BTC_PERP, 15_000, 66_000));
      assertThat(e.margin("lev").get().health().state()).isEqualTo(HealthState.HEALTHY);
      MarketSnapshot m = e.snapshot();
      HealthState last = HealthState.HEALTHY;
      java.util.List<HealthState> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 400 && last != HealthState.LIQUIDATABLE; i++) {
        m = EngineFixtures.moved(m, Asset.BTC, 0.995, m.asOf());
        EventOutcome o = e.apply(MarketUpdate.of(m));
        for (var t : o.transitions()) {
          assertThat(t.from()).isEqualTo(last);
          seen.add(t.to());
          last = t.to();
        }
      }
      assertThat(seen).containsExactly(HealthState.MARGIN_CALL, HealthState.LIQUIDATABLE);
    }
  }

  @Test
  void shouldFlagAccountsExposedToADegradedUnderlying() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("btc", Asset.USDC, 50_000));
      e.apply(new Fill("btc", BTC_PERP, 5_000, 66_000));
      e.apply(new Deposit("eth", Asset.USDC, 50_000));
      e.apply(new Fill("eth", ETH_PERP, 1_000, 3_500));
      MarketSnapshot m = EngineFixtures.moved(e.snapshot(), Asset.ETH, 1.0, e.snapshot().asOf());
      EventOutcome u = e.apply(new MarketUpdate(m, Set.of(Asset.BTC)));
      assertThat(u.margins()).extracting(AccountMargin::accountId).containsExactly("btc");
      assertThat(e.margin("btc").get().degraded()).isTrue();
      assertThat(e.margin("eth").get().degraded()).isFalse();
    }
  }

  @Test
  void shouldAnswerWhatIfWithoutBookingAndAgreeWithBooking() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("w", Asset.USDC, 40_000));
      e.apply(new Fill("w", BTC_PERP, 20_000, 66_000));
      AccountMargin before = e.margin("w").get();
      Fill hedge = new Fill("w", BTC_PERP, -15_000, 66_100);
      WhatIf w = e.whatIf("w", List.of(hedge));
      assertThat(e.margin("w").get()).isEqualTo(before);
      assertThat(w.before()).isEqualTo(before.health());
      assertThat(w.initialMarginChangeUsd()).isNegative();
      assertThat(w.acceptable()).isTrue();
      assertThat(e.apply(hedge).margins().get(0).health()).isEqualTo(w.after());
      assertThatThrownBy(() -> e.whatIf("w", List.of(new Fill("x", BTC_PERP, 1, 1))))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("orders[0].account_id");
    }
  }

  @Test
  void shouldRejectASnapshotFromThePastAndKeepTheCurrentOne() {
    try (MarginEngine e = engine()) {
      MarketSnapshot later = EngineFixtures.moved(e.snapshot(), Asset.BTC, 1.01, e.snapshot().asOf().plusSeconds(5));
      e.apply(MarketUpdate.of(later));
      MarketSnapshot past = EngineFixtures.moved(EngineFixtures.market(), Asset.BTC, 1.02,
          EngineFixtures.T0.plusSeconds(1));
      assertThat(e.apply(MarketUpdate.of(past)).rejection().get()).contains("before the current");
      assertThat(e.snapshot()).isSameAs(later);
    }
  }

  @Test
  void shouldRemarginEveryAccountOnAModelChange() {
    try (MarginEngine e = engine()) {
      e.apply(new Deposit("a", Asset.USDC, 50_000));
      e.apply(new Fill("a", BTC_PERP, 5_000, 66_000));
      e.apply(new Deposit("b", Asset.USDC, 50_000));
      double before = e.margin("a").get().health().initialMarginUsd();
      EventOutcome o = e.apply(new ModelChange(new CrossModel())); // not a scenario model: margined one by one
      assertThat(o.margins()).extracting(AccountMargin::accountId).containsExactly("a", "b");
      assertThat(e.margin("a").get().health().initialMarginUsd()).isNotEqualTo(before);
    }
  }

  @Test
  void shouldBookRealisedPnlWhenADeltaOnePositionIsReduced() {
    try (MarginEngine e = engineWithoutPriceBand()) {
      e.apply(new Deposit("r", Asset.USDC, 10_000));
      e.apply(new Fill("r", ETH_PERP, 1_000, 3_000)); // 10 ETH (contracts of 0.01 ETH)
      e.apply(new Fill("r", ETH_PERP, -400, 3_500)); // closes 4 ETH bought at 3,000 at 3,500: +2,000 USDC
      assertThat(e.account("r").balance(Asset.USDC)).isEqualTo(12_000);
      assertThat(e.account("r").portfolio().positions().get(0).entryPrice()).isEqualTo(3_000);
      e.apply(new Fill("r", ETH_PERP, -1_000, 3_400)); // closes 6 at 3,400 (+2,400), opens 4 short at 3,400
      assertThat(e.account("r").balance(Asset.USDC)).isEqualTo(14_400);
      assertThat(e.account("r").portfolio().positions().get(0).quantity()).isEqualTo(-400);
      assertThat(e.account("r").portfolio().positions().get(0).entryPrice()).isEqualTo(3_400);
    }
  }

  @Test
  void shouldCloseAPositionThatRoundingWouldLeaveAtADust() {
    try (MarginEngine e = engineWithoutPriceBand()) {
      e.apply(new Deposit("z", Asset.BTC, 1));
      e.apply(new Fill("z", BTC_CALL, 0.3, 0.02));
      e.apply(new Fill("z", BTC_CALL, -0.1, 0.02));
      e.apply(new Fill("z", BTC_CALL, -0.2, 0.02)); // 0.3 - 0.1 - 0.2 = -2.8e-17 in doubles
      assertThat(e.account("z").portfolio().positions()).isEmpty();
    }
  }

  @Test
  void shouldPayOptionPremiumAtTheFill() {
    try (MarginEngine e = engineWithoutPriceBand()) {
      e.apply(new Deposit("o", Asset.BTC, 1));
      e.apply(new Fill("o", BTC_CALL, 3, 0.02)); // pays 0.06 BTC
      assertThat(e.account("o").balance(Asset.BTC)).isCloseTo(0.94, org.assertj.core.api.Assertions.within(1e-15));
    }
  }
}
