package org.pmargin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.VectorCache;
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
import org.pmargin.engine.book.SnapshotVectorCache;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;
import org.pmargin.engine.script.MarketMove;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin bench}: a short run of the engine's performance targets on this machine, with plain timers (the
 * JMH benchmarks in {@code pmargin-bench} are the reference figures; this is the quick look an operator takes).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time the real-time engine on synthetic accounts: simulation margin per account with shared "
        + "vectors vs full revaluation, a BTC tick re-margining every account (grid and simulation), the "
        + "pre-trade what-if, and heap per account. Each figure is printed with the baseline measured beside it in "
        + "the same run and the target; [ok] only when the figure meets its target."})
final class BenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--accounts", paramLabel = "N", defaultValue = "20000",
      description = "Accounts re-margined per tick (default: ${DEFAULT-VALUE}; the target is stated for 100,000).")
  private int accounts;

  @Option(names = "--scenarios", paramLabel = "N", defaultValue = "10000",
      description = "Monte Carlo scenarios of the simulation model (default: ${DEFAULT-VALUE}).")
  private int scenarios;

  @Option(names = "--memory-accounts", paramLabel = "N", defaultValue = "100000",
      description = "Accounts of 10 positions loaded to measure heap per account (default: ${DEFAULT-VALUE}; run "
          + "with -Xmx1g and 1000000 to check that a million fit in a gigabyte).")
  private int memoryAccounts;

  @Option(names = "--threads", paramLabel = "N", description = "Engine threads (default: the processors).")
  private Integer threads;

  @Option(names = "--only", paramLabel = "PART", split = ",",
      description = "Run only these parts: account, tick, whatif, memory (default: all).")
  private java.util.Set<String> only;

  private boolean runs(String part) {
    return only == null || only.isEmpty() || only.contains(part);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    out.printf("pmargin bench: %s, %d processors, JDK %s, max heap %,d MB, engine threads %d%n", cpuModel(),
        Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, t);
    MarketSnapshot market = SyntheticMarkets.threeCoins();
    SimulationMarginModel simulation = new SimulationMarginModel(SyntheticMarkets.monteCarlo(scenarios, 42),
        new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8,
            SimulationParameters.standard().haircuts()));
    ScenarioGridModel grid = new ScenarioGridModel(GridParameters.deribitUnified());
    if (runs("account")) {
      perAccount(out, market, simulation);
      out.flush();
    }
    if (runs("tick")) {
      tick(out, market, grid, GridReferencePath.of(grid), "grid (deribit-unified)", "the Account path", t, 0.015,
          12);
      out.flush();
      tick(out, market, simulation, simulation.withKernel(null), "simulation (" + scenarios + " scenarios)",
          "the reference kernel", t, 0.4, 3);
      out.flush();
    }
    if (runs("whatif")) {
      whatIf(out, market, grid, GridReferencePath.of(grid), "grid", "the Account path", 3, 20_000);
      out.flush();
      whatIf(out, market, simulation, simulation.withKernel(null), "simulation", "the reference kernel", 10,
          2_000);
      out.flush();
    }
    if (runs("memory")) {
      memory(out, market, grid, t);
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** Simulation margin of one 20-position account: shared vectors against full revaluation. */
  private void perAccount(PrintWriter out, MarketSnapshot market, SimulationMarginModel model) {
    Account account = new SyntheticAccounts(market).generate(1, 20, 3, null, 7).get(0);
    SnapshotVectorCache cache = new SnapshotVectorCache();
    double sink = 0;
    for (int i = 0; i < 3_000; i++) {
      sink += model.margin(account, market, cache, false).initialMarginUsd();
    }
    long t0 = System.nanoTime();
    int n = 500;
    for (int i = 0; i < n; i++) {
      sink += model.margin(account, market, cache, false).initialMarginUsd();
    }
    double cached = (System.nanoTime() - t0) / 1e3 / n;
    sink += model.margin(account, market, VectorCache.NONE, false).initialMarginUsd();
    t0 = System.nanoTime();
    int m = 3;
    for (int i = 0; i < m; i++) {
      sink += model.margin(account, market, VectorCache.NONE, false).initialMarginUsd();
    }
    double full = (System.nanoTime() - t0) / 1e3 / m;
    out.printf(Locale.ROOT, "simulation margin, 1 account, 20 positions, %d scenarios: %.0f µs with shared vectors "
        + "(baseline: %.0f µs revaluing every position, %.0fx; target <= 200)  [%s]%n", model.scenarios().size(),
        cached, full, full / cached, Double.isFinite(sink) ? verdict(cached, 200) : "?");
  }

  /** A BTC tick re-margining every account, on the product path and on its baseline in the same run. */
  private void tick(PrintWriter out, MarketSnapshot market, MarginModel model, MarginModel baseline, String label,
      String baselineLabel, int threads, double targetSecondsPer100k, int warmTicks) {
    List<Account> population = new SyntheticAccounts(market).generate(accounts, 10, 3, null, 1);
    double[] now = tickSeconds(market, model, population, threads, warmTicks);
    double[] before = tickSeconds(market, baseline, population, threads, warmTicks);
    double per100k = now[0] * 100_000 / accounts;
    out.printf(Locale.ROOT, "BTC tick, %s, %,d accounts x 10 positions: %.4f s median of 5 after %d warm-up "
        + "ticks (load %.2f s); %.4f s per 100,000 accounts (baseline, %s: %.4f s, %.1fx; target <= %.3f)  [%s]%n",
        label, accounts, now[0], warmTicks, now[1], per100k, baselineLabel, before[0] * 100_000 / accounts,
        before[0] / now[0], targetSecondsPer100k, verdict(per100k, targetSecondsPer100k));
  }

  /** The median tick time in seconds (after warm-up ticks) and the load time, of an engine over a population. */
  private double[] tickSeconds(MarketSnapshot market, MarginModel model, List<Account> population, int threads,
      int warmTicks) {
    try (MarginEngine engine = new MarginEngine(model, market, new EngineConfig(threads, Duration.ofSeconds(60)))) {
      long t0 = System.nanoTime();
      EventOutcome loaded = engine.load(population);
      double load = (System.nanoTime() - t0) / 1e9;
      if (!loaded.accepted()) {
        throw new IllegalStateException(loaded.rejection().get());
      }
      double[] times = new double[warmTicks + 5];
      for (int i = 0; i < times.length; i++) {
        MarketSnapshot s = new MarketMove(java.util.Map.of(Asset.BTC, i % 2 == 0 ? 0.001 : 1 / 1.001 - 1),
            java.util.Map.of(), null).apply(engine.snapshot());
        long a = System.nanoTime();
        EventOutcome o = engine.apply(MarketUpdate.of(s));
        times[i] = (System.nanoTime() - a) / 1e9;
        if (o.margins().size() != accounts) {
          throw new IllegalStateException("re-margined " + o.margins().size() + " of " + accounts);
        }
      }
      double[] measured = Arrays.copyOfRange(times, warmTicks, times.length);
      Arrays.sort(measured);
      return new double[] {measured[measured.length / 2], load};
    }
  }

  /** The pre-trade what-if on 20-position accounts, on a model and its baseline in the same run. */
  private void whatIf(PrintWriter out, MarketSnapshot market, MarginModel model, MarginModel baseline,
      String label, String baselineLabel, double targetP99Micros, int calls) {
    double[] now = whatIfMicros(market, model, calls);
    double[] before = whatIfMicros(market, baseline, calls);
    out.printf(Locale.ROOT, "what-if, %s, 20-position accounts, one order: p50 %.1f µs, p99 %.1f µs over %,d calls "
        + "(baseline, %s: p50 %.1f µs, p99 %.1f µs; target p99 <= %.0f)  [%s]%n", label, now[0], now[1], calls,
        baselineLabel, before[0], before[1], targetP99Micros, verdict(now[1], targetP99Micros));
  }

  /** The p50 and p99 of what-if calls on a model, µs, after as many warm-up calls. */
  private double[] whatIfMicros(MarketSnapshot market, MarginModel model, int calls) {
    SyntheticAccounts gen = new SyntheticAccounts(market);
    List<Account> population = gen.generate(1_000, 20, 3, null, 5);
    List<Instrument> btc = gen.universe().get(Asset.BTC);
    try (MarginEngine engine = new MarginEngine(model, market, new EngineConfig(1, Duration.ofSeconds(60)))) {
      engine.load(population);
      Fill[] orders = new Fill[population.size()];
      for (int i = 0; i < orders.length; i++) {
        Instrument inst = btc.get(i % btc.size());
        double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
        orders[i] = new Fill(population.get(i).id(), inst, inst instanceof EuropeanOption ? 1 : 100,
            Math.max(mark, 1e-4));
      }
      double sink = 0;
      for (int i = 0; i < calls; i++) {
        Fill f = orders[i % orders.length];
        sink += engine.whatIf(f.accountId(), List.of(f)).initialMarginChangeUsd();
      }
      long[] lat = new long[calls];
      for (int i = 0; i < lat.length; i++) {
        Fill f = orders[i % orders.length];
        long a = System.nanoTime();
        sink += engine.whatIf(f.accountId(), List.of(f)).initialMarginChangeUsd();
        lat[i] = System.nanoTime() - a;
      }
      if (!Double.isFinite(sink)) {
        throw new IllegalStateException("what-if gave " + sink);
      }
      Arrays.sort(lat);
      return new double[] {lat[lat.length / 2] / 1e3, lat[lat.length * 99 / 100] / 1e3};
    }
  }

  /** {@code ok} when a figure is at or under its target, else by how much it misses. */
  static String verdict(double figure, double target) {
    return figure <= target ? "ok" : String.format(Locale.ROOT, "missed: %.1fx the target", figure / target);
  }

  /** Heap per account: the engine's book after loading, measured around a full collection. */
  private void memory(PrintWriter out, MarketSnapshot market, MarginModel model, int threads) {
    SyntheticAccounts gen = new SyntheticAccounts(market);
    long before = usedHeap();
    try (MarginEngine engine = new MarginEngine(model, market, new EngineConfig(threads, Duration.ofSeconds(60)))) {
      int chunk = 50_000;
      for (int from = 0; from < memoryAccounts; from += chunk) {
        int n = Math.min(chunk, memoryAccounts - from);
        String prefix = "m" + from + "-";
        List<Account> part = gen.generate(n, 10, 3, null, from).stream().map(a -> new Account(prefix + a.id(),
            a.portfolio(), a.collateral())).toList();
        EventOutcome o = engine.load(part);
        if (!o.accepted()) {
          throw new IllegalStateException(o.rejection().get());
        }
      }
      long after = usedHeap();
      double perAccount = (after - before) / (double) memoryAccounts;
      double million = perAccount * 1e6 / (1 << 20);
      out.printf(Locale.ROOT, "memory: %,d accounts x 10 positions hold %,d MB of heap: %.0f bytes per account, "
          + "%.0f per position; 1,000,000 accounts would need %,.0f MB (baseline before issue 17: 552 bytes per "
          + "account; target <= 300 bytes, 1,000,000 in <= 350 MB)  [%s] [%d accounts held]%n", memoryAccounts,
          (after - before) >> 20, perAccount, perAccount / 10, million,
          verdict(Math.max(perAccount / 300, million / 350), 1), engine.accountCount());
    }
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The CPU's model name, from /proc/cpuinfo where there is one. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
