package org.pmargin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.GridReferencePath;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * What-if latency as an order gateway sees it (issue 17: p99 ≤ 3 µs grid, ≤ 10 µs simulation, over ≥ 10⁶ calls):
 * one order on a 20-position account (BTC, ETH, SOL), rotating over 1,000 accounts and a set of instruments, half
 * of them already held, each call timed with {@link System#nanoTime()} into an HdrHistogram (1 ns to 1 s, 3
 * significant digits). A warm-up of the same calls runs first and is not recorded. Plain Java rather than JMH:
 * JMH's sample mode times only a fraction of the calls and reports no p99.9 at 10⁶ samples without its own cost.
 *
 * <p>{@code java -cp benchmarks.jar org.pmargin.bench.WhatIfLatency [models] [calls] [threads] [warm-up calls]};
 * models: a comma-separated list of {@code grid}, {@code grid-reference} (the grid through an {@code Account} per
 * call, the path before issue 17's arrays), {@code simulation} (10,000 scenarios, the product's kernel),
 * {@code simulation-reference} (the reference kernel), or {@code both} for grid and simulation.
 */
public final class WhatIfLatency {

  private WhatIfLatency() {
  }

  /**
   * Runs the measurement and prints one line per model.
   *
   * @param args  models (see the class doc), calls per thread (default 1,000,000), caller threads (default 1),
   *     warm-up calls per thread (default 200,000)
   * @throws InterruptedException if interrupted while the callers run
   */
  public static void main(String[] args) throws InterruptedException {
    String which = args.length > 0 ? args[0] : "both";
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
    for (String model : which.equals("both") ? List.of("grid", "simulation") : List.of(which.split(","))) {
      Histogram h = measure(model, calls, threads, warmUp);
      System.out.println(line(model, h, threads));
    }
  }

  /** The latency histogram (ns) of {@code calls} what-ifs per thread on a model, after as many warm-up calls. */
  static Histogram measure(String model, int calls, int threads, int warmUp) throws InterruptedException {
    MarketSnapshot market = SyntheticMarkets.threeCoins();
    MarginModel m = switch (model) {
      case "grid" -> new ScenarioGridModel(GridParameters.deribitUnified());
      case "grid-reference" -> GridReferencePath.of(new ScenarioGridModel(GridParameters.deribitUnified()));
      case "simulation" -> simulation();
      case "simulation-reference" -> simulation().withKernel(null);
      default -> throw new IllegalArgumentException("model: grid or simulation, got " + model);
    };
    SyntheticAccounts gen = new SyntheticAccounts(market);
    List<Account> population = gen.generate(1_000, 20, 3, null, 5);
    List<List<Fill>> orders = new ArrayList<>();
    List<Instrument> btc = gen.universe().get(Asset.BTC);
    for (int i = 0; i < population.size(); i++) {
      Account a = population.get(i);
      Instrument inst = i % 2 == 0 ? a.portfolio().positions().get(i % 20).instrument() : btc.get(i % btc.size());
      double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
      orders.add(List.of(new Fill(a.id(), inst, inst instanceof EuropeanOption ? 1 : 100, Math.max(mark, 1e-4))));
    }
    Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
    try (MarginEngine engine = new MarginEngine(m, market, new EngineConfig(1, Duration.ofSeconds(60)))) {
      engine.load(population);
      List<Thread> callers = new ArrayList<>();
      List<Histogram> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
        parts.add(h);
        int offset = t * 397;
        callers.add(Thread.ofPlatform().start(() -> run(engine, orders, offset, calls, warmUp, h)));
      }
      for (Thread c : callers) {
        c.join();
      }
      parts.forEach(all::add);
    }
    return all;
  }

  private static SimulationMarginModel simulation() {
    return new SimulationMarginModel(SyntheticMarkets.monteCarlo(10_000, 42), new SimulationParameters(0.975, 0.99,
        MarginView.UNIFIED_USD, 1.0, 0.8, SimulationParameters.standard().haircuts()));
  }

  private static void run(MarginEngine engine, List<List<Fill>> orders, int offset, int calls, int warmUp,
      Histogram h) {
    double sink = 0;
    int n = orders.size();
    for (int i = 0; i < warmUp; i++) { // warm-up, not recorded
      List<Fill> o = orders.get((offset + i) % n);
      sink += engine.whatIf(o.get(0).accountId(), o).initialMarginChangeUsd();
    }
    for (int i = 0; i < calls; i++) {
      List<Fill> o = orders.get((offset + i) % n);
      long t0 = System.nanoTime();
      sink += engine.whatIf(o.get(0).accountId(), o).initialMarginChangeUsd();
      long dt = System.nanoTime() - t0;
      h.recordValue(Math.min(dt, h.getHighestTrackableValue()));
    }
    if (sink == 42.4242) {
      System.out.print(""); // keeps the results alive
    }
  }

  /** One result line: calls, p50, p99, p99.9, max in µs. */
  static String line(String model, Histogram h, int threads) {
    return String.format(Locale.ROOT, "what-if %-10s %,d calls (%d caller%s): p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs,"
        + " max %.1f µs, mean %.2f µs", model, h.getTotalCount(), threads, threads == 1 ? "" : "s",
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
        h.getMaxValue() / 1e3, h.getMean() / 1e3);
  }
}
