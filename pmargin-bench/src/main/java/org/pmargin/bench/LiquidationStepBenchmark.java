package org.pmargin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidationPlanner;
import org.pmargin.core.liquidation.LiquidationTarget;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.liquidation.WorstLoss;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * Issue 14's target: planning one liquidation step for a 20-position account (BTC, ETH, SOL) on the grid model,
 * ≤ 50 µs. A step evaluates every candidate (20 single positions, 3 underlying groups, the book): each is booked on
 * a copy, margined and stress-tested. The baseline in the same run is one grid margin of the same accounts, so the
 * ratio says how many margin calls a step costs. {@code planOneStep} builds its vectors afresh on every call (a
 * stand-alone plan); {@code planOneStepSharedVectors} reads them from a per-snapshot cache, as the engine does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LiquidationStepBenchmark {

  /** 100 accounts of 20 positions, each left with 1 USDC of collateral so that it is liquidatable. */
  @State(Scope.Benchmark)
  public static class Book {
    MarketSnapshot market;
    ScenarioGridModel model;
    LiquidationPlanner oneStep;
    List<Account> accounts;
    org.pmargin.engine.book.SnapshotVectorCache shared = new org.pmargin.engine.book.SnapshotVectorCache();

    /** Builds the accounts and a planner limited to one step. */
    @Setup
    public void setUp() {
      market = SyntheticMarkets.threeCoins();
      model = new ScenarioGridModel(GridParameters.deribitUnified());
      accounts = new ArrayList<>();
      for (Account a : new SyntheticAccounts(market).generate(100, 20, 3, null, 14)) {
        accounts.add(new Account(a.id(), a.portfolio(), Map.of(Asset.USDC, 1.0)));
      }
      LiquidityModel liquidity = new LiquidityModel(0.005, 0.05, 1.0,
          Map.of(Asset.BTC, 2e10, Asset.ETH, 1e10, Asset.of("SOL"), 2e9),
          Map.of(Asset.BTC, 0.03, Asset.ETH, 0.04, Asset.of("SOL"), 0.06));
      oneStep = new LiquidationPlanner(model, liquidity, LiquidationTarget.maintenancePlus(0.1), 0.2, Map.of(),
          WorstLoss.hypothetical(), 1);
    }
  }

  /** Per-thread rotation over the accounts. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    Account take(Book b) {
      Account a = b.accounts.get(next);
      next = (next + 1) % b.accounts.size();
      return a;
    }
  }

  /** One planning step: every candidate booked, margined and stress-tested, the best chosen. */
  @Benchmark
  public int planOneStep(Book b, Cursor c) {
    return b.oneStep.plan(c.take(b), b.market).steps().size();
  }

  /**
   * One planning step with the engine's per-snapshot vectors (as the engine plans: every account's instruments
   * revalued once per snapshot, warm after the first pass over the accounts).
   */
  @Benchmark
  public int planOneStepSharedVectors(Book b, Cursor c) {
    return b.oneStep.plan(c.take(b), b.market, b.shared).steps().size();
  }

  /** The baseline: one grid margin of the same account. */
  @Benchmark
  public double gridMargin(Book b, Cursor c) {
    return b.model.margin(c.take(b), b.market).maintenanceMarginUsd();
  }
}
