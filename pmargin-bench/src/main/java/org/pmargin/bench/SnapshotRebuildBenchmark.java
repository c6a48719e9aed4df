package org.pmargin.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.simulation.OptionScenarioPricers;
import org.pmargin.core.margin.simulation.ScalarOptionScenarioPricer;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.simd.Black76Batch;
import org.pmargin.simd.VectorBlack76Kernel;

/**
 * A new market snapshot's rebuild of the simulation margin's shared option vectors (issue 17): every one of
 * {@value #OPTIONS} options (BTC inverse and USDC-linear, five expiries, 50 strikes, calls and puts) revalued in each
 * of {@value #SCENARIOS} scenarios, through the model's public {@link SimulationMarginModel#unitVector}, as the
 * engine does on its first look-up after a new snapshot. JMH reports <em>option-scenarios per second</em>.
 * <ul>
 *   <li>{@code rebuildVector}: the Vector API pricer ({@code pmargin-simd}, the default with the module);</li>
 *   <li>{@code rebuildScalar}: the scalar reference pricer, with the per-factor moves computed once;</li>
 *   <li>{@code rebuildBefore}: the loop of the model before this change (two {@code exp} per option and scenario,
 *       then the scalar price), copied here as the baseline;</li>
 *   <li>{@code kernelVector}: the kernel alone, {@link VectorBlack76Kernel#price} on prebuilt batches of the same
 *       size: the ceiling the rebuild is measured against.</li>
 * </ul>
 * The state is per thread: run with {@code -t 2} for two-thread throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@OperationsPerInvocation(SnapshotRebuildBenchmark.OPTIONS * SnapshotRebuildBenchmark.SCENARIOS)
public class SnapshotRebuildBenchmark {

  /** Options rebuilt per invocation. */
  public static final int OPTIONS = 1_000;
  /** Scenarios per option. */
  public static final int SCENARIOS = 10_000;

  /** The snapshot, the scenario set, the keys and the models; one copy per thread. */
  @State(Scope.Thread)
  public static class Book {
    MarketSnapshot market;
    ScenarioSet set;
    List<ExposureKey> keys = new ArrayList<>();
    SimulationMarginModel vector;
    SimulationMarginModel scalar;
    Black76Batch[] batches = new Black76Batch[8];
    double[] prices = new double[SCENARIOS];

    /** Builds the book and checks that the paths agree before anything is timed. */
    @Setup
    public void setUp() {
      Instant t = Instant.parse("2024-06-17T08:00:00Z");
      market = new MarketSnapshot(t, 1, 0.03, Map.of(Asset.BTC, new UnderlyingMarket(Asset.BTC,
          ForwardCurve.flat(t, 66_500), 66_000, 0.0001, VolSurface.flat(t, 0.55))), Map.of(Asset.USDC, 1.0));
      SplittableRandom rnd = new SplittableRandom(17);
      double[][] r = new double[SCENARIOS][1];
      double[][] v = new double[SCENARIOS][1];
      for (int s = 0; s < SCENARIOS; s++) {
        r[s][0] = 0.04 * rnd.nextGaussian();
        v[s][0] = 0.12 * rnd.nextGaussian();
      }
      set = new ScenarioSet("mc", List.of(Asset.BTC), r, v, null);
      SimulationMarginModel model = new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99,
          MarginView.UNIFIED_USD, 1.0, 0.8, SimulationParameters.standard().haircuts()));
      vector = model.withOptionPricer(OptionScenarioPricers.preferred());
      scalar = model.withOptionPricer(ScalarOptionScenarioPricer.INSTANCE);
      if (!vector.optionPricer().name().startsWith("vector-")) {
        throw new IllegalStateException("the Vector API pricer did not load: " + vector.optionPricer().name());
      }
      for (String expiry : List.of("28JUN24", "26JUL24", "27SEP24", "27DEC24", "28MAR25")) {
        for (int k = 0; k < 50; k++) {
          for (String type : List.of("C", "P")) {
            for (String prefix : List.of("BTC-", "BTC_USDC-")) {
              Position p = new Position(DeribitSymbols.parse(prefix + expiry + "-" + (40_000 + 1_000 * k) + "-"
                  + type), 1, 0);
              keys.add(ExposureKey.of(p, Asset.USD));
            }
          }
        }
      }
      for (int b = 0; b < batches.length; b++) {
        double[] f = new double[SCENARIOS];
        double[] sig = new double[SCENARIOS];
        double[] k = new double[SCENARIOS];
        double[] tt = new double[SCENARIOS];
        double[] d = new double[SCENARIOS];
        double[] sign = new double[SCENARIOS];
        for (int s = 0; s < SCENARIOS; s++) {
          f[s] = 66_500 * Math.exp(r[s][0]);
          sig[s] = 0.55 * Math.exp(v[s][0]);
          k[s] = 40_000 + 6_000 * b;
          tt[s] = 0.1 + 0.1 * b;
          d[s] = Math.exp(-0.03 * tt[s]);
          sign[s] = b % 2 == 0 ? 1 : -1;
        }
        batches[b] = Black76Batch.of(f, k, tt, sig, d, sign);
      }
      for (int i = 0; i < keys.size(); i += 37) {
        double[] a = vector.unitVector(keys.get(i), market);
        double[] b = scalar.unitVector(keys.get(i), market);
        double[] c = before(keys.get(i), market, set);
        for (int s = 0; s < SCENARIOS; s++) {
          if (b[s] != c[s] || !(Math.abs(a[s] - b[s]) <= 1e-11 * Math.abs(b[s]) + 1e-9)) {
            throw new IllegalStateException("paths disagree for " + keys.get(i).instrument().symbol() + " scenario "
                + s + ": vector " + a[s] + ", scalar " + b[s] + ", before " + c[s]);
          }
        }
      }
    }
  }

  /** The rebuild with the Vector API pricer. */
  @Benchmark
  public void rebuildVector(Book b, Blackhole bh) {
    for (ExposureKey key : b.keys) {
      bh.consume(b.vector.unitVector(key, b.market));
    }
  }

  /** The rebuild with the scalar reference pricer. */
  @Benchmark
  public void rebuildScalar(Book b, Blackhole bh) {
    for (ExposureKey key : b.keys) {
      bh.consume(b.scalar.unitVector(key, b.market));
    }
  }

  /** The rebuild as the model did it before the pricer (the baseline). */
  @Benchmark
  public void rebuildBefore(Book b, Blackhole bh) {
    for (ExposureKey key : b.keys) {
      bh.consume(before(key, b.market, b.set));
    }
  }

  /** The Vector API kernel alone on prebuilt batches of one option's scenarios. */
  @Benchmark
  public void kernelVector(Book b, Blackhole bh) {
    for (int i = 0; i < OPTIONS; i++) {
      VectorBlack76Kernel.INSTANCE.price(b.batches[i & 7], b.prices);
      bh.consume(b.prices);
    }
  }

  /** The model's option loop before the pricer, verbatim but for its checks: two exp per scenario. */
  static double[] before(ExposureKey key, MarketSnapshot market, ScenarioSet scenarios) {
    EuropeanOption o = (EuropeanOption) key.instrument();
    Asset pool = key.pool();
    int f = scenarios.factorIndex(key.underlying());
    double[] pnl = new double[scenarios.size()];
    double base = PoolBook.valueIn(pool, PositionValuer.value(key.unitPosition(), market));
    UnderlyingMarket m = market.underlying(o.underlying());
    double t = YearFraction.between(market.asOf(), o.expiryInstant());
    double s0 = m.index();
    double f0 = m.forwards().forward(o.expiryInstant());
    double vol0 = m.vols().vol(o.strike(), f0, t);
    double discount = Math.exp(-market.rate() * t);
    boolean call = o.type() == OptionType.CALL;
    boolean coin = o.settlement() != Settlement.LINEAR;
    boolean inUsd = pool.equals(Asset.USD) && !o.settlementAsset().equals(Asset.USD);
    double size = o.contractSize();
    for (int s = 0; s < pnl.length; s++) {
      double move = Math.exp(scenarios.logReturn(s, f));
      double vol = vol0 * Math.exp(scenarios.volLogChange(s, f));
      double forward = f0 * move;
      double price = Black76.priceUnchecked(call, forward, o.strike(), t, vol, discount);
      double value;
      if (!coin) {
        value = size * price;
      } else {
        double valueCoin = size * (price / forward);
        value = inUsd ? valueCoin * (s0 * move) : valueCoin;
      }
      pnl[s] = value - base;
    }
    return pnl;
  }
}
