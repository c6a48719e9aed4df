package org.pmargin.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * The pre-trade check an order gateway makes on every order: the margin of a 20-position account (BTC, ETH, SOL)
 * with one more order, on the grid model, without booking it. Sampled per call, so JMH reports the latency
 * distribution (read p0.99). The orders rotate over 1,000 accounts and a set of instruments, half of them already
 * held.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class WhatIfBenchmark {

  /** The engine and the orders. */
  @State(Scope.Benchmark)
  public static class Gateway {
    static final int ACCOUNTS = 1_000;
    MarginEngine engine;
    List<Fill> orders;

    /** Loads the accounts and prepares one order per account. */
    @Setup(Level.Trial)
    public void setUp() {
      MarketSnapshot market = SyntheticMarkets.threeCoins();
      ScenarioGridModel model = new ScenarioGridModel(GridParameters.deribitUnified());
      SyntheticAccounts gen = new SyntheticAccounts(market);
      List<Account> population = gen.generate(ACCOUNTS, 20, 3, null, 5);
      engine = new MarginEngine(model, market, new EngineConfig(1, Duration.ofSeconds(60)));
      engine.load(population);
      orders = new java.util.ArrayList<>();
      List<Instrument> btc = gen.universe().get(org.pmargin.core.instrument.Asset.BTC);
      for (int i = 0; i < ACCOUNTS; i++) {
        Account a = population.get(i);
        Instrument inst = i % 2 == 0 ? a.portfolio().positions().get(i % 20).instrument()
            : btc.get(i % btc.size());
        double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
        orders.add(new Fill(a.id(), inst, inst instanceof org.pmargin.core.instrument.EuropeanOption ? 1 : 100,
            Math.max(mark, 1e-4)));
      }
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  /** Per-thread rotation over the orders. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** One what-if. */
  @Benchmark
  public double whatIf(Gateway g, Cursor c) {
    Fill f = g.orders.get(c.next);
    c.next = (c.next + 1) % g.orders.size();
    return g.engine.whatIf(f.accountId(), List.of(f)).initialMarginChangeUsd();
  }
}
