package org.pmargin.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.book.SnapshotVectorCache;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * Simulation margin of one account (10,000 Monte Carlo scenarios, 20 positions over BTC, ETH and SOL, unified USD
 * pool, ES 97.5%), with the per-instrument P&L vectors shared through a cache that already holds them (what the
 * engine does for every account after the first on a snapshot) against the baseline that revalues every position
 * in every scenario for this account alone. Both compute the same figures bit for bit (checked in setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SimulationAccountBenchmark {

  /** The model, the account and a warm cache. */
  @State(Scope.Benchmark)
  public static class Book {
    SimulationMarginModel model;
    SimulationMarginModel withAddOns;
    VectorCache addOnCache;
    MarketSnapshot market;
    Account account;
    VectorCache cache;

    /** Builds the account and fills the cache. */
    @Setup
    public void setUp() {
      market = SyntheticMarkets.threeCoins();
      SimulationParameters p = SimulationParameters.standard();
      model = new SimulationMarginModel(SyntheticMarkets.monteCarlo(10_000, 42),
          new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8, p.haircuts()));
      account = new SyntheticAccounts(market).generate(1, 20, 3, null, 7).get(0);
      cache = new SnapshotVectorCache();
      org.pmargin.core.instrument.Asset sol = org.pmargin.core.instrument.Asset.of("SOL");
      withAddOns = new SimulationMarginModel(model.scenarios(), new SimulationParameters(0.975, 0.99,
          MarginView.UNIFIED_USD, 1.0, 0.8, p.haircuts()), new org.pmargin.core.margin.simulation.SimulationAddOns(
              org.pmargin.core.stress.StressLibrary.hypothetical(), 0.5, null,
              java.util.Map.of(org.pmargin.core.instrument.Asset.BTC, 2e10, org.pmargin.core.instrument.Asset.ETH,
                  1e10, sol, 2e9),
              java.util.Map.of(org.pmargin.core.instrument.Asset.BTC, 0.035, org.pmargin.core.instrument.Asset.ETH,
                  0.045, sol, 0.06), 1.0));
      addOnCache = new SnapshotVectorCache();
      withAddOns.margin(account, market, addOnCache, false);
      double cached = model.margin(account, market, cache, false).initialMarginUsd();
      double alone = model.margin(account, market, VectorCache.NONE, false).initialMarginUsd();
      if (Double.doubleToLongBits(cached) != Double.doubleToLongBits(alone) || !(cached > 0)) {
        throw new IllegalStateException("cached " + cached + " != uncached " + alone);
      }
    }
  }

  /** The engine's path: vectors shared, figures only. */
  @Benchmark
  public double cachedVectors(Book b) {
    return b.model.margin(b.account, b.market, b.cache, false).initialMarginUsd();
  }

  /** The engine's path with the stress (hypothetical library) and liquidity add-ons, also from shared vectors. */
  @Benchmark
  public double cachedVectorsWithAddOns(Book b) {
    return b.withAddOns.margin(b.account, b.market, b.addOnCache, false).initialMarginUsd();
  }

  /** Baseline: every position revalued in every scenario for this account. */
  @Benchmark
  public double fullRevaluation(Book b) {
    return b.model.margin(b.account, b.market, VectorCache.NONE, false).initialMarginUsd();
  }
}
