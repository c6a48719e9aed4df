package org.pmargin.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.simulation.ScalarScenarioKernel;
import org.pmargin.core.margin.simulation.ScenarioKernels;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.SnapshotVectorCache;
import org.pmargin.engine.population.SyntheticAccounts;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * The simulation tick's inner work on one thread, without the engine around it: {@value #ACCOUNTS} accounts of 10
 * positions on BTC, ETH and SOL margined (figures only, ES 97.5% over 10,000 Monte Carlo scenarios) in batches of
 * {@code chunk} from a warm vector cache, per kernel: {@code reference} (full P&L vectors, then the tail selected),
 * {@code scalar} and {@code vector} (the fused tail pass on the scalar or the Vector API kernel). Reported per
 * account; every kernel's figures equal the reference's bit for bit (checked in setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class SimulationBatchBenchmark {

  static final int ACCOUNTS = 2048;

  @Param({"vector", "scalar", "reference"})
  String kernel;

  @Param({"256"})
  int chunk;

  SimulationMarginModel model;
  MarketSnapshot market;
  List<Account> accounts;
  SnapshotVectorCache cache;
  MarginResult[] results;
  InvalidInputException[] errors;

  /** Builds the accounts, fills the cache, checks the figures against the reference. */
  @Setup
  public void setUp() {
    market = SyntheticMarkets.threeCoins();
    SimulationMarginModel base = new SimulationMarginModel(SyntheticMarkets.monteCarlo(10_000, 42),
        new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8,
            SimulationParameters.standard().haircuts()));
    model = switch (kernel) {
      case "vector" -> base.withKernel(ScenarioKernels.preferred());
      case "scalar" -> base.withKernel(ScalarScenarioKernel.INSTANCE);
      case "reference" -> base.withKernel(null);
      default -> throw new IllegalArgumentException(kernel);
    };
    if (kernel.equals("vector") && !ScenarioKernels.preferred().name().startsWith("vector")) {
      throw new IllegalStateException("no Vector API kernel in this JVM: " + ScenarioKernels.preferred().name());
    }
    accounts = new SyntheticAccounts(market).generate(ACCOUNTS, 10, 3, null, 1);
    cache = new SnapshotVectorCache();
    results = new MarginResult[chunk];
    errors = new InvalidInputException[chunk];
    SimulationMarginModel reference = base.withKernel(null);
    for (int from = 0; from < ACCOUNTS; from += chunk) {
      List<Account> batch = accounts.subList(from, Math.min(ACCOUNTS, from + chunk));
      MarginResult[] want = new MarginResult[batch.size()];
      reference.marginAll(batch, market, cache, want, errors);
      model.marginAll(batch, market, cache, results, errors);
      for (int i = 0; i < batch.size(); i++) {
        if (!results[i].equals(want[i])) {
          throw new IllegalStateException(kernel + " differs from the reference for " + batch.get(i).id());
        }
      }
    }
  }

  /** Every account margined once, in batches. */
  @Benchmark
  @OperationsPerInvocation(ACCOUNTS)
  public double marginAll() {
    double sum = 0;
    for (int from = 0; from < ACCOUNTS; from += chunk) {
      List<Account> batch = accounts.subList(from, Math.min(ACCOUNTS, from + chunk));
      model.marginAll(batch, market, cache, results, errors);
      for (int i = 0; i < batch.size(); i++) {
        sum += results[i].initialMarginUsd();
      }
    }
    return sum;
  }
}
