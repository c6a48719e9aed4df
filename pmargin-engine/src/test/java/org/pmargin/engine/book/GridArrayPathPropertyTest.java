package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.grid.GridBookMargin;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;
import org.pmargin.engine.script.MarketMove;

/**
 * The grid's array path ({@link GridBookMargin}, what the engine runs) against the reference, bit for bit: a
 * stand-alone explained {@code margin(account, market)} for every account of seeded random books (every unified
 * preset: Deribit's, the default with its BTC/ETH credit and short-option minimum, Paradex's funding provision and
 * delta floors, SPAN's), and an engine on the reference path (the same model behind a plain
 * {@link ScenarioMarginModel}) through price ticks and market time moving past the full-pass interval.
 */
class GridArrayPathPropertyTest {

  static final MarketSnapshot MARKET = SyntheticMarkets.threeCoins();
  static final List<GridParameters> PRESETS = List.of(GridParameters.deribitUnified(), GridParameters.standard(),
      GridParameters.paradex(), GridParameters.span());

  static Stream<Long> seeds() {
    return LongStream.range(0, 12).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldEqualAStandAloneMarginForEveryAccount(long seed) {
    ScenarioGridModel model = new ScenarioGridModel(PRESETS.get((int) (seed % PRESETS.size())));
    SnapshotVectorCache cache = new SnapshotVectorCache();
    GridBookMargin book = new GridBookMargin(model, MARKET, cache);
    AssetBits bits = new AssetBits();
    double[] out = new double[GridBookMargin.FIGURES];
    List<Account> accounts = randomAccounts(seed, 300);
    int covered = 0;
    for (Account a : accounts) {
      AccountState s = AccountState.of(a, bits);
      AccountHealth fast = s.gridHealth(book, out);
      AccountHealth reference;
      try {
        reference = model.margin(a, MARKET).health();
      } catch (RuntimeException e) {
        assertThat(fast).as("%s: the reference refuses it (%s), so must the array path", a, e.getMessage()).isNull();
        continue;
      }
      assertThat(fast).as("array path covers %s", a).isNotNull();
      assertThat(fast).as("seed %d, %s", seed, a).isEqualTo(reference); // record equality: bit for bit
      assertThat(fast).isEqualTo(model.margin(a, MARKET, cache, false).health());
      covered++;
    }
    assertThat(covered).isGreaterThan(accounts.size() * 9 / 10);
  }

  @Test
  void shouldDeclineAViewItDoesNotCover() {
    ScenarioGridModel model = new ScenarioGridModel(GridParameters.deribit()); // per settlement currency
    GridBookMargin book = new GridBookMargin(model, MARKET, VectorCache.NONE);
    AccountState s = AccountState.of(randomAccounts(1, 1).get(0), new AssetBits());
    assertThat(s.gridHealth(book, new double[GridBookMargin.FIGURES])).isNull();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldEqualTheReferenceEngineThroughTicksAndFullPasses(long seed) {
    ScenarioGridModel model = new ScenarioGridModel(PRESETS.get((int) (seed % PRESETS.size())));
    List<Account> population = new ArrayList<>(new SyntheticAccounts(MARKET).generate(150, 6, 1, null, seed));
    population.addAll(randomAccounts(seed, 150));
    EngineConfig config = new EngineConfig(1 + (int) (seed % 2), Duration.ofSeconds(60));
    try (MarginEngine fast = new MarginEngine(model, MARKET, config);
        MarginEngine reference = new MarginEngine(GridReferencePath.of(model), MARKET, config)) {
      assertThat(fast.load(population).accepted()).isTrue();
      assertThat(reference.load(population).accepted()).isTrue();
      sameMargins(fast, reference, "load");
      SplittableRandom rnd = new SplittableRandom(seed);
      MarketSnapshot s = MARKET;
      Map<String, AccountHealth> beforeFullPass = new HashMap<>();
      for (int tick = 1; tick <= 6; tick++) {
        // BTC moves on every tick; market time moves 25 s a tick, so the third and sixth ticks pass the 60 s
        // full-pass interval and re-margin (time decay) the accounts not exposed to BTC.
        s = new MarketMove(Map.of(Asset.BTC, rnd.nextDouble(-0.03, 0.03)), Map.of(), s.asOf().plusSeconds(25))
            .apply(s);
        if (tick == 2) {
          fast.margins().forEach(m -> beforeFullPass.put(m.accountId(), m.health()));
        }
        EventOutcome a = fast.apply(MarketUpdate.of(s));
        EventOutcome b = reference.apply(MarketUpdate.of(s));
        assertThat(a.accepted()).isEqualTo(b.accepted());
        assertThat(a.margins()).as("tick %d", tick).isEqualTo(b.margins());
        assertThat(a.transitions()).isEqualTo(b.transitions());
        assertThat(fast.margins()).as("tick %d", tick).isEqualTo(reference.margins());
        if (tick % 3 == 0) { // a full pass: every account on the current snapshot
          sameMargins(fast, reference, "tick " + tick);
        }
        if (tick == 3) {
          long decayed = fast.margins().stream().filter(m -> !fast.account(m.accountId()).portfolio().positions()
              .stream().anyMatch(p -> p.instrument().underlying().equals(Asset.BTC))
              && !m.health().equals(beforeFullPass.get(m.accountId()))).count();
          assertThat(decayed).as("accounts off BTC re-margined by the full pass").isPositive();
        }
      }
    }
  }

  private static void sameMargins(MarginEngine fast, MarginEngine reference, String when) {
    List<AccountMargin> a = fast.margins();
    assertThat(a).as(when).isEqualTo(reference.margins());
    for (AccountMargin m : a) {
      MarginResult standAlone = fast.model().margin(fast.account(m.accountId()), fast.snapshot());
      assertThat(m.health()).as("%s, %s", when, m.accountId()).isEqualTo(standAlone.health());
    }
  }

  /**
   * Seeded books over the synthetic universe plus spot: 1–12 positions of both signs, entries away from the mark,
   * balances in USDC, USD and coins (some zero, some negative).
   */
  static List<Account> randomAccounts(long seed, int count) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 1);
    List<Instrument> universe = new ArrayList<>();
    new SyntheticAccounts(MARKET).universe().values().forEach(universe::addAll);
    universe.add(DeribitSymbols.parse("BTC_USDC"));
    universe.add(DeribitSymbols.parse("ETH_USDC"));
    universe.add(DeribitSymbols.parse("SOL_USDC"));
    List<Asset> coins = List.of(Asset.USDC, Asset.USD, Asset.BTC, Asset.ETH, new Asset("SOL"));
    List<Account> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 1 + rnd.nextInt(12);
      Map<Instrument, Position> positions = new java.util.LinkedHashMap<>();
      for (int k = 0; k < n; k++) {
        Instrument inst = universe.get(rnd.nextInt(universe.size()));
        double mark = MARKET.underlying(inst.underlying()).index();
        double entry = inst instanceof org.pmargin.core.instrument.EuropeanOption
            ? (inst.settlement() == org.pmargin.core.instrument.Settlement.INVERSE ? 0.05 : 0.05 * mark)
                * rnd.nextDouble(0.2, 2)
            : mark * rnd.nextDouble(0.8, 1.2);
        double qty = (rnd.nextBoolean() ? 1 : -1) * Math.round(rnd.nextDouble(1, 50)) * (inst.settlement()
            == org.pmargin.core.instrument.Settlement.INVERSE && !(inst instanceof org.pmargin.core.instrument
            .EuropeanOption) ? 10 : 0.1);
        positions.put(inst, new Position(inst, qty, entry));
      }
      Map<Asset, Double> balances = new HashMap<>();
      balances.put(Asset.USDC, rnd.nextDouble(0, 200_000));
      for (int b = rnd.nextInt(4); b > 0; b--) {
        Asset c = coins.get(rnd.nextInt(coins.size()));
        double v = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble(-2, 20) * (c.equals(Asset.USD) ? 1000 : 1);
        balances.put(c, v);
      }
      out.add(new Account("r-" + seed + "-" + i, new Portfolio(new ArrayList<>(positions.values())), balances));
    }
    return out;
  }
}
