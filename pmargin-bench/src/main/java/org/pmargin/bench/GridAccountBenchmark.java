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
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.book.SnapshotVectorCache;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * Grid margin (Deribit unified) of one account of 10 positions over BTC, ETH and SOL, with the per-contract grid
 * vectors shared through a cache that already holds them and no explanations (the engine's path), against the
 * baseline that revalues every position on the grid for this account alone and explains the result (a stand-alone
 * margin call). Both compute the same figures bit for bit (checked in setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GridAccountBenchmark {

  /** The model, the account and a warm cache. */
  @State(Scope.Benchmark)
  public static class Book {
    ScenarioGridModel model;
    MarketSnapshot market;
    Account account;
    VectorCache cache;

    /** Builds the account and fills the cache. */
    @Setup
    public void setUp() {
      market = SyntheticMarkets.threeCoins();
      model = new ScenarioGridModel(GridParameters.deribitUnified());
      account = new SyntheticAccounts(market).generate(1, 10, 3, null, 7).get(0);
      cache = new SnapshotVectorCache();
      double cached = model.margin(account, market, cache, false).initialMarginUsd();
      double alone = model.margin(account, market).initialMarginUsd();
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

  /** Baseline: every position revalued on the grid for this account, with the explained result. */
  @Benchmark
  public double fullRevaluation(Book b) {
    return b.model.margin(b.account, b.market).initialMarginUsd();
  }
}
