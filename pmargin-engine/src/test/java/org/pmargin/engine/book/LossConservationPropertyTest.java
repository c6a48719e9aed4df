package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.Bankruptcy;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.event.LossEntry;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.liquidation.LiquidationMechanism;
import org.pmargin.engine.liquidation.LossSummary;
import org.pmargin.engine.script.MarketMove;

/**
 * Conservation of the engine's loss accounting on seeded random populations (linear and inverse perpetuals on BTC
 * and ETH, a coin-settled call and a USDC-settled put on BTC, both sides, 1x to 25x) through seeded random price paths with gaps of up to 30%, under both mechanisms.
 * After every event:
 * <ul>
 *   <li>per bankrupt account resolved: deficit = fund draw + ADL + socialised + uncovered to the micro-USD (the
 *       account is left flat, worth exactly minus its uncovered rest, less than 1e-6 USD above it);</li>
 *   <li>the sum of every account's value at the mark, the backstop book's and the insurance fund changes by exactly
 *       minus the spread and impact paid to the market: the event's effect without liquidation is measured on a
 *       shadow engine (liquidation off) loaded with the accounts as they stood and given the same event.</li>
 * </ul>
 */
class LossConservationPropertyTest {

  private static final ScenarioGridModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());
  private static final List<Instrument> PERPS = List.of(DeribitSymbols.parse("BTC_USDC-PERPETUAL"),
      DeribitSymbols.parse("ETH_USDC-PERPETUAL"), DeribitSymbols.parse("BTC-PERPETUAL"),
      DeribitSymbols.parse("ETH-PERPETUAL"), DeribitSymbols.parse("BTC-27SEP24-70000-C"),
      DeribitSymbols.parse("BTC_USDC-27SEP24-62000-P"));

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 16);
  }

  /** A population and a price path: deposits and fills at the mark, then hourly gaps. */
  static List<EngineEvent> events(long seed, int accounts, int moves) {
    SplittableRandom rnd = new SplittableRandom(seed);
    MarketSnapshot market = EngineFixtures.market();
    List<EngineEvent> out = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      String id = "acc" + a;
      double collateral = 5_000 + 95_000 * rnd.nextDouble();
      out.add(new Deposit(id, Asset.USDC, collateral));
      int n = 1 + rnd.nextInt(2);
      for (int k = 0; k < n; k++) {
        Instrument inst = PERPS.get(rnd.nextInt(PERPS.size()));
        double leverage = 1 + 24 * rnd.nextDouble();
        double usd = collateral * leverage / n;
        double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
        double qty = inst instanceof org.pmargin.core.instrument.EuropeanOption
            ? Math.round(usd / (market.underlying(inst.underlying()).index() * inst.contractSize()) * 10) / 10.0
            : inst.settlement() == org.pmargin.core.instrument.Settlement.INVERSE
            ? Math.round(usd / inst.contractSize()) : Math.round(usd / (mark * inst.contractSize()));
        out.add(new Fill(id, inst, rnd.nextBoolean() ? qty : -qty, mark));
      }
    }
    Instant t = market.asOf();
    for (int k = 0; k < moves; k++) {
      t = t.plusSeconds(3_600);
      double btc = -0.3 + 0.5 * rnd.nextDouble();
      double eth = -0.3 + 0.5 * rnd.nextDouble();
      market = new MarketMove(Map.of(Asset.BTC, btc, Asset.ETH, eth), Map.of(), t).apply(market);
      out.add(MarketUpdate.of(market));
    }
    return out;
  }

  static LiquidationConfig config(long seed) {
    return LiquidationConfig.defaults().withInitialFundUsd(seed % 3 == 0 ? 0 : 10_000 * seed)
        .withMechanism(seed % 2 == 0 ? LiquidationMechanism.MARKET_BACKSTOP : LiquidationMechanism.MARKET)
        .withMaxStepsPerEvent(1 + (int) (seed % 5));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldConserveMoneyToTheMicroDollarOnEveryEvent(long seed) {
    List<EngineEvent> events = events(seed, 12, 14);
    List<String> ids = new ArrayList<>();
    int bankruptcies = 0;
    try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(), config(seed))) {
      for (EngineEvent ev : events) {
        LossSummary before = e.losses();
        double preValue = 0;
        boolean shadowAccepted = true;
        if (!ids.isEmpty()) {
          try (MarginEngine shadow = LossFixtures.engine(MODEL, e.snapshot(), LiquidationConfig.off())) {
            List<Account> book = new ArrayList<>();
            for (String id : ids) {
              book.add(e.account(id));
            }
            assertThat(shadow.load(book).accepted()).isTrue();
            shadowAccepted = shadow.apply(ev).accepted(); // false: a fill adding risk in a margin call
            preValue = LossFixtures.total(shadow, ids, before.backstopBooks(), shadow.snapshot());
          }
        }
        if (ev instanceof Deposit d && !ids.contains(d.accountId())) {
          ids.add(d.accountId());
          preValue += d.amount(); // a new account's deposit (USDC at 1 USD)
        } else if (ev instanceof Deposit d && ids.size() == 1 && preValue == 0) {
          preValue = d.amount();
        }
        EventOutcome o = e.apply(ev);
        assertThat(o.accepted()).as("seed %d", seed).isEqualTo(shadowAccepted);
        if (!o.accepted()) {
          assertThat(o.rejection()).get().asString().contains("only risk-reducing trades are accepted");
          assertThat(e.losses()).isEqualTo(before);
          continue;
        }
        MarketSnapshot m = e.snapshot();
        LossSummary after = e.losses();
        double marketCosts = 0;
        for (LiquidationStepBooked s : o.liquidations()) {
          marketCosts += s.costUsd();
        }
        long fees = LossFixtures.sum(o, "fee", null);
        marketCosts -= fees / 1e6;
        assertThat(marketCosts).isGreaterThanOrEqualTo(-1e-9);
        // Identity 2: value + backstop + fund changes by minus the market costs, to the micro-dollar.
        double postValue = LossFixtures.total(e, ids, after.backstopBooks(), m);
        assertThat(postValue + after.fundUsd() - (preValue + before.fundUsd()))
            .as("seed %d event %d", seed, o.sequence()).isCloseTo(-marketCosts, within(1e-6));
        // The fund moved by exactly its entries.
        long draws = LossFixtures.sum(o, "fund_draw", null);
        assertThat(Math.round(after.fundUsd() * 1e6) - Math.round(before.fundUsd() * 1e6)).isEqualTo(fees - draws);
        // Identity 1, per bankrupt account resolved.
        for (Bankruptcy b : o.bankruptcies()) {
          bankruptcies++;
          Account a = e.account(b.accountId());
          assertThat(a.portfolio().positions()).as("seed %d %s", seed, b.accountId()).isEmpty();
          long uncovered = LossFixtures.sum(o, "uncovered", b.accountId());
          long covered = LossFixtures.sum(o, "fund_draw", b.accountId()) + LossFixtures.sum(o, "adl", b.accountId())
              + LossFixtures.sum(o, "socialised", b.accountId());
          double left = LossFixtures.value(a, m) + uncovered / 1e6;
          if (covered + uncovered == 0) { // no deficit at the mark (no risk-reducing step left): it keeps its value
            assertThat(left).as("seed %d %s", seed, b.accountId()).isGreaterThanOrEqualTo(-1e-9);
          } else { // covered and uncovered make up the deficit, rounded up to the micro-dollar
            assertThat(left).as("seed %d %s", seed, b.accountId()).isBetween(-1e-9, 1e-6 + 1e-9);
          }
        }
        for (LossEntry l : o.losses()) {
          if (!l.kind().equals("takeover") && !l.kind().equals("backstop")) {
            assertThat(l.amount()).isNotNegative();
          }
        }
      }
    }
    assertThat(bankruptcies).isGreaterThanOrEqualTo(0);
  }

  @Test
  void shouldMeetBankruptciesAdlAndTakeoversAcrossTheSeeds() {
    Map<String, Integer> kinds = new HashMap<>();
    for (long seed : seeds().toArray()) {
      try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(), config(seed))) {
        for (EngineEvent ev : events(seed, 12, 14)) {
          for (LossEntry l : e.apply(ev).losses()) {
            kinds.merge(l.kind(), 1, Integer::sum);
          }
        }
      }
    }
    // The generator exercises every layer (else the conservation test above would prove little).
    assertThat(kinds).containsKeys("fee", "fund_draw", "adl", "socialised", "takeover", "backstop");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldReproduceEveryStepFundBalanceAndAdlFillBitForBitOnReplay(long seed) {
    List<EngineEvent> journal = events(seed, 12, 14);
    List<EventOutcome> first = new ArrayList<>();
    LossSummary firstLosses;
    try (MarginEngine e = LossFixtures.engine(MODEL, EngineFixtures.market(), config(seed))) {
      for (EngineEvent ev : journal) {
        first.add(e.apply(ev));
      }
      firstLosses = e.losses();
    }
    try (MarginEngine replay = LossFixtures.engine(MODEL, EngineFixtures.market(), config(seed))) {
      for (int k = 0; k < journal.size(); k++) {
        EventOutcome o = replay.apply(journal.get(k));
        assertThat(o.liquidations()).isEqualTo(first.get(k).liquidations());
        assertThat(o.losses()).isEqualTo(first.get(k).losses());
        assertThat(o).isEqualTo(first.get(k));
      }
      assertThat(replay.losses()).isEqualTo(firstLosses);
    }
  }
}
