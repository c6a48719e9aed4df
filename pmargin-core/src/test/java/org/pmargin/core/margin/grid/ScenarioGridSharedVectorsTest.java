package org.pmargin.core.margin.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The grid built from shared per-unit vectors: a cache shared by many accounts gives the same margins bit for bit
 * as computing alone, the figures-only mode gives the same numbers as the explained one, and a position's P&L taken
 * as weight × unit vector matches revaluing the position itself (which checks the entry-price decomposition of
 * inverse contracts in a USD pool against direct revaluation).
 */
class ScenarioGridSharedVectorsTest {

  private static final MarketSnapshot MARKET = GridFixtures.market();
  private static final List<GridParameters> PRESETS = List.of(GridParameters.deribit(),
      GridParameters.deribitUnified(), GridParameters.standard(), GridParameters.paradex(), GridParameters.span());
  private static final List<String> SYMBOLS = List.of("BTC-PERPETUAL", "BTC-28JUN24", "BTC-27SEP24",
      "BTC_USDC-PERPETUAL", "ETH-PERPETUAL", "ETH_USDC-PERPETUAL", "ETH-27SEP24", "BTC-28JUN24-65000-C",
      "BTC-27SEP24-70000-P", "BTC_USDC-28JUN24-60000-P", "ETH-27SEP24-3500-C", "ETH-27SEP24-3000-P");

  record Case(int index, GridParameters preset, List<Account> accounts) {
    @Override
    public String toString() {
      return "case " + index + " " + preset.name();
    }
  }

  static Stream<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(2026_12_06L);
    return IntStream.range(0, 40).mapToObj(i -> {
      List<Account> accounts = new ArrayList<>();
      for (int a = 0; a < 6; a++) {
        accounts.add(randomAccount("a" + a, rnd));
      }
      return new Case(i, PRESETS.get(i % PRESETS.size()), accounts);
    });
  }

  static Account randomAccount(String id, SplittableRandom rnd) {
    List<Position> positions = new ArrayList<>();
    List<String> symbols = new ArrayList<>(SYMBOLS);
    int n = 1 + rnd.nextInt(6);
    for (int k = 0; k < n; k++) {
      Instrument inst = DeribitSymbols.parse(symbols.remove(rnd.nextInt(symbols.size())));
      double sign = rnd.nextBoolean() ? 1 : -1;
      double qty = inst instanceof EuropeanOption ? sign * (1 + rnd.nextInt(20))
          : sign * (inst.settlement() == Settlement.INVERSE ? (1 + rnd.nextInt(50)) * 1000.0 / inst.contractSize()
              : (1 + rnd.nextInt(50)) * 0.5 / inst.contractSize());
      double mark = PositionValuer.value(new Position(inst, 1, 1), MARKET).markPrice();
      positions.add(new Position(inst, qty, mark * (0.7 + 0.6 * rnd.nextDouble())));
    }
    return new Account(id, new Portfolio(positions), Map.of(Asset.USDC, 50_000.0 * rnd.nextDouble(),
        Asset.BTC, rnd.nextDouble(), Asset.ETH, 10 * rnd.nextDouble()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void shouldGiveTheSameMarginsBitForBitWithASharedCache(Case c) {
    ScenarioGridModel model = new ScenarioGridModel(c.preset());
    MapVectorCache cache = new MapVectorCache();
    for (Account a : c.accounts()) {
      MarginResult alone = model.margin(a, MARKET);
      MarginResult shared = model.margin(a, MARKET, cache, true);
      MarginResult figures = model.margin(a, MARKET, cache, false);
      assertThat(shared).as(c + " " + a.id()).isEqualTo(alone);
      assertThat(figures.health()).as(c + " " + a.id()).isEqualTo(alone.health());
      for (int i = 0; i < alone.pools().size(); i++) {
        PoolMargin full = alone.pools().get(i);
        PoolMargin fast = figures.pools().get(i);
        assertThat(fast.initialMargin()).isEqualTo(full.initialMargin());
        assertThat(fast.maintenanceMargin()).isEqualTo(full.maintenanceMargin());
        assertThat(fast.equity()).isEqualTo(full.equity());
        assertThat(fast.components()).isEmpty();
      }
    }
  }

  @Test
  void shouldComputeEachInstrumentsVectorsOncePerSnapshot() {
    ScenarioGridModel model = new ScenarioGridModel(GridParameters.deribit());
    MapVectorCache cache = new MapVectorCache();
    Account a = new Account("a", new Portfolio(List.of(position("BTC-PERPETUAL", 1000, 60000),
        position("BTC-28JUN24-65000-C", -2, 0.01))), Map.of(Asset.BTC, 1.0));
    model.margin(a, MARKET, cache, false);
    int first = cache.computed();
    Account b = new Account("b", new Portfolio(List.of(position("BTC-PERPETUAL", -5000, 61000),
        position("BTC-28JUN24-65000-C", 7, 0.02))), Map.of(Asset.BTC, 2.0));
    model.margin(b, MARKET, cache, false);
    assertThat(first).isPositive();
    assertThat(cache.computed()).isEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void shouldMatchRevaluingEachPositionItself(Case c) {
    List<GridScenario> standard = c.preset().standardScenarios();
    List<GridScenario> extended = c.preset().extendedScenarios();
    for (Account a : c.accounts()) {
      for (PoolBook book : PoolBook.split(a, c.preset().view())) {
        for (int i = 0; i < book.positions().size(); i++) {
          Position p = book.positions().get(i);
          Asset u = p.instrument().underlying();
          PairRisk r = PairRisk.compute(u, List.of(p), 0, book, MARKET, c.preset(), standard, extended,
              VectorCache.NONE, this, true, new double[1], 0, null);
          double base = book.valueOf(PositionValuer.value(p, MARKET));
          for (int j = 0; j < standard.size(); j++) {
            GridScenario s = standard.get(j);
            double direct = book.valueOf(PositionValuer.value(p, MARKET,
                new MarketShock(u, 1 + s.move(), c.preset().vol().shock(s.vol())))) - base;
            assertThat(r.standardPnl.get(0)[j]).as(c + " " + p.instrument().symbol() + " " + s.label()
                + " pool " + book.currency()).isCloseTo(direct, org.assertj.core.api.Assertions.within(
                    1e-9 * Math.max(1, Math.abs(base) + Math.abs(direct) + notional(p))));
          }
        }
      }
    }
    assertThat(c.preset().view()).isIn(MarginView.values());
  }

  private static double notional(Position p) {
    double q = Math.abs(p.quantity()) * p.instrument().contractSize();
    return p.instrument().settlement() == Settlement.INVERSE ? q : q * 70_000;
  }

  private static Position position(String symbol, double qty, double entry) {
    return new Position(DeribitSymbols.parse(symbol), qty, entry);
  }
}
