package org.pmargin.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.script.MarketMove;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * One BTC price tick through the engine, end to end: the market update in, every account exposed to BTC
 * re-margined (all of them: each trades BTC, ETH and SOL, 10 positions), health results and transitions out. The
 * tick alternates BTC between two levels at the same market time, so every invocation drops and recomputes BTC's
 * per-unit vectors and re-margins every account. {@code grid} and {@code simulation} (10,000 Monte Carlo scenarios)
 * use the shared vectors ({@code grid} from the account book's arrays, {@code grid-reference} through an
 * {@code Account} per account, the path before issue 17); {@code grid-no-cache} is the baseline: the same grid model hidden behind a plain
 * {@link MarginModel}, so each account is revalued position by position as a stand-alone margin call would.
 * Threads: the engine's own pool ({@code -p threads}), JMH runs one caller.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class EngineTickBenchmark {

  /** The engine with its population. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"100000"})
    int accounts;

    @Param({"grid", "grid-reference", "simulation", "grid-no-cache"})
    String model;

    @Param({"2"})
    int threads;

    /** The engine's liquidation: off, or on with nobody liquidatable (issue 14's ≤ 5% overhead target). */
    @Param({"off", "on"})
    String liquidation;

    /**
     * The simulation model's figures-only path: {@code vector} (the fused tail pass on the Vector API kernel, what
     * the product runs), {@code scalar} (the same pass on the scalar kernel) or {@code reference} (full P&L vectors,
     * then the tail selected: the path before issue 17). Same figures bit for bit; other models ignore it.
     */
    @Param({"vector", "reference"})
    String kernel;

    MarginEngine engine;
    MarketSnapshot up;
    MarketSnapshot down;
    boolean flip;

    /** Builds and margins the population. */
    @Setup(Level.Trial)
    public void setUp() {
      MarketSnapshot market = SyntheticMarkets.threeCoins();
      MarginModel m = switch (model) {
        case "grid" -> new ScenarioGridModel(GridParameters.deribitUnified());
        case "grid-reference" -> org.pmargin.engine.book.GridReferencePath.of(new ScenarioGridModel(GridParameters.deribitUnified()));
        case "grid-no-cache" -> opaque(new ScenarioGridModel(GridParameters.deribitUnified()));
        case "simulation" -> withKernel(new SimulationMarginModel(SyntheticMarkets.monteCarlo(10_000, 42),
            new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8,
                SimulationParameters.standard().haircuts())), kernel);
        default -> throw new IllegalArgumentException(model);
      };
      java.util.List<Account> population = new SyntheticAccounts(market).generate(accounts, 10, 3, null, 1);
      engine = new MarginEngine(m, market, new EngineConfig(threads, Duration.ofSeconds(60)).withLiquidation(
          liquidation.equals("on") ? org.pmargin.engine.liquidation.LiquidationConfig.defaults()
              : org.pmargin.engine.liquidation.LiquidationConfig.off()));
      EventOutcome loaded = engine.load(population);
      if (!loaded.accepted()) {
        throw new IllegalStateException(loaded.rejection().get());
      }
      up = new MarketMove(java.util.Map.of(Asset.BTC, 0.001), java.util.Map.of(), null).apply(market);
      down = market;
    }

    /** Stops the engine's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  /** One tick: every account re-margined. */
  @Benchmark
  public int tick(Engine e) {
    e.flip = !e.flip;
    MarketSnapshot s = e.flip ? e.up : e.down;
    // Versions must grow and time must not go back: restamp each tick with the next version.
    MarketSnapshot next = new MarketSnapshot(s.asOf(), e.engine.snapshot().version() + 1, s.rate(),
        s.underlyings(), s.assetPrices());
    EventOutcome o = e.engine.apply(MarketUpdate.of(next));
    if (o.margins().size() != e.accounts) {
      throw new IllegalStateException("re-margined " + o.margins().size());
    }
    return o.transitions().size();
  }

  /** The simulation model on the named kernel (failing when {@code vector} is asked for and not available). */
  static SimulationMarginModel withKernel(SimulationMarginModel m, String kernel) {
    return switch (kernel) {
      case "vector" -> {
        if (!org.pmargin.core.margin.simulation.ScenarioKernels.preferred().name().startsWith("vector")) {
          throw new IllegalStateException("no Vector API kernel in this JVM (--add-modules jdk.incubator.vector)");
        }
        yield m.withKernel(org.pmargin.core.margin.simulation.ScenarioKernels.preferred());
      }
      case "scalar" -> m.withKernel(org.pmargin.core.margin.simulation.ScalarScenarioKernel.INSTANCE);
      case "reference" -> m.withKernel(null);
      default -> throw new IllegalArgumentException(kernel);
    };
  }

  /** A model the engine cannot share vectors for: every account revalued on its own. */
  static MarginModel opaque(MarginModel inner) {
    return new MarginModel() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public MarginResult margin(Account account, MarketSnapshot market) {
        return inner.margin(account, market);
      }
    };
  }
}
