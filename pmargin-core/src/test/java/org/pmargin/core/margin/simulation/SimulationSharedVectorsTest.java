package org.pmargin.core.margin.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;

/**
 * Simulation margin from shared per-unit vectors: a shared cache and the figures-only mode give the margins of the
 * plain computation bit for bit, in both currency views, over seeded random books and scenario sets.
 */
class SimulationSharedVectorsTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0.03, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 60500), 60000, 0.0003,
          VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3020), 3000, -0.0002,
          VolSurface.flat(T, 0.7))),
      Map.of(Asset.USDC, 1.0)); // funding of both signs: the funding provision goes through the shared path too

  static Stream<Long> seeds() {
    return LongStream.range(0, 30).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldGiveTheSameMarginsBitForBitWithASharedCache(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 200 + rnd.nextInt(300);
    ScenarioSet set = randomSet(rnd, n, 0.05, 0.2);
    for (MarginView view : MarginView.values()) {
      SimulationParameters base = SimulationParameters.standard();
      SimulationMarginModel model = new SimulationMarginModel(set,
          new SimulationParameters(0.975, 0.99, view, 1.0, 0.8, base.haircuts()));
      MapVectorCache cache = new MapVectorCache();
      for (int a = 0; a < 5; a++) {
        Account account = randomAccount(rnd);
        MarginResult alone = model.margin(account, MARKET);
        assertThat(model.margin(account, MARKET, cache, true)).as("seed " + seed + " " + view).isEqualTo(alone);
        MarginResult figures = model.margin(account, MARKET, cache, false);
        assertThat(figures.health()).as("seed " + seed + " " + view).isEqualTo(alone.health());
        assertThat(figures.pools()).allSatisfy(p -> assertThat(p.components()).isEmpty());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldMarginABatchBitForBitAsOneByOne(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed + 500);
    int n = 300 + rnd.nextInt(700); // not a multiple of the block
    ScenarioSet set = randomSet(rnd, n, 0.05, 0.2);
    ScenarioSet btcOnly = new ScenarioSet("btc", List.of(Asset.BTC), new double[][] {{0.01}, {-0.02}}, null, null);
    for (MarginView view : MarginView.values()) {
      SimulationParameters base = SimulationParameters.standard();
      SimulationParameters p = new SimulationParameters(0.975, 0.99, view, 1.0, 0.8, base.haircuts());
      SimulationMarginModel model = new SimulationMarginModel(set, p);
      List<Account> accounts = new ArrayList<>();
      for (int a = 0; a < 9; a++) {
        accounts.add(randomAccount(rnd));
      }
      MapVectorCache cache = new MapVectorCache();
      MarginResult[] results = new MarginResult[accounts.size()];
      org.pmargin.core.validation.InvalidInputException[] errors =
          new org.pmargin.core.validation.InvalidInputException[accounts.size()];
      model.marginAll(accounts, MARKET, cache, results, errors);
      for (int i = 0; i < accounts.size(); i++) {
        assertThat(errors[i]).isNull();
        assertThat(results[i]).as("seed %d %s account %d", seed, view, i)
            .isEqualTo(model.margin(accounts.get(i), MARKET, VectorCache.NONE, false));
      }
      // An account the scenario set cannot move fails alone.
      SimulationMarginModel narrow = new SimulationMarginModel(btcOnly, p);
      model.marginAll(accounts, MARKET, new MapVectorCache(), results, errors);
      java.util.Arrays.fill(results, null);
      java.util.Arrays.fill(errors, null);
      narrow.marginAll(accounts, MARKET, new MapVectorCache(), results, errors);
      for (int i = 0; i < accounts.size(); i++) {
        boolean eth = accounts.get(i).portfolio().underlyings().contains(Asset.ETH);
        assertThat(errors[i] != null).as("account %d", i).isEqualTo(eth);
        assertThat(results[i] != null).isEqualTo(!eth);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldMatchRevaluingEachPositionInEachScenario(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed + 1000);
    int n = 50;
    ScenarioSet set = randomSet(rnd, n, 0.2, 0.5);
    for (MarginView view : MarginView.values()) {
      SimulationParameters base = SimulationParameters.standard();
      SimulationMarginModel model = new SimulationMarginModel(set,
          new SimulationParameters(0.975, 0.99, view, 1.0, 0.8, base.haircuts()));
      Account account = randomAccount(rnd);
      for (org.pmargin.core.margin.PoolBook book : org.pmargin.core.margin.PoolBook.split(account, view)) {
        List<String> names = new ArrayList<>();
        List<double[]> vectors = model.pnlVectors(book, MARKET, names);
        for (int i = 0; i < book.positions().size(); i++) {
          Position p = book.positions().get(i);
          int f = set.factorIndex(p.instrument().underlying());
          double v0 = book.valueOf(org.pmargin.core.valuation.PositionValuer.value(p, MARKET));
          for (int s = 0; s < n; s++) {
            double volFactor = Math.exp(set.volLogChange(s, f));
            double direct = book.valueOf(org.pmargin.core.valuation.PositionValuer.value(p, MARKET,
                new org.pmargin.core.valuation.MarketShock(p.instrument().underlying(),
                    Math.exp(set.logReturn(s, f)), (vol, t) -> vol * volFactor))) - v0;
            assertThat(vectors.get(i)[s]).as("seed %d %s %s scenario %d", seed, view, p.instrument().symbol(), s)
                .isCloseTo(direct, org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(v0)
                    + Math.abs(p.quantity()) * 70_000)));
          }
        }
      }
    }
  }

  /** n scenarios of BTC and ETH log returns uniform in ±returns and vol log changes uniform in ±vols. */
  private static ScenarioSet randomSet(SplittableRandom rnd, int n, double returns, double vols) {
    double[][] r = new double[n][2];
    double[][] v = new double[n][2];
    for (int s = 0; s < n; s++) {
      for (int f = 0; f < 2; f++) {
        r[s][f] = returns * (rnd.nextDouble() * 2 - 1);
        v[s][f] = vols * (rnd.nextDouble() * 2 - 1);
      }
    }
    return new ScenarioSet("random", List.of(Asset.BTC, Asset.ETH), r, v, null);
  }

  private static Account randomAccount(SplittableRandom rnd) {
    List<Instrument> universe = new ArrayList<>();
    for (String symbol : List.of("BTC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC-27SEP24", "BTC-27SEP24-65000-C",
        "BTC_USDC-27SEP24-55000-P", "ETH-27SEP24-2800-P")) {
      universe.add(DeribitSymbols.parse(symbol));
    }
    List<Position> positions = new ArrayList<>();
    for (Instrument inst : universe) {
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      double qty = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(100));
      double entry = inst instanceof EuropeanOption ? 0.05 * rnd.nextDouble()
          : (inst.underlying().equals(Asset.BTC) ? 60000 : 3000) * (0.8 + 0.4 * rnd.nextDouble());
      positions.add(new Position(inst, qty, entry));
    }
    if (positions.isEmpty()) {
      positions.add(new Position(universe.get(0), 100, 59000));
    }
    return new Account("r", new Portfolio(positions), Map.of(Asset.BTC, rnd.nextDouble(), Asset.USDC,
        100_000 * rnd.nextDouble()));
  }
}
