package org.pmargin.bench;

import com.opengamma.strata.basics.value.ValueDerivatives;
import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
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
import org.pmargin.simd.Black76Batch;
import org.pmargin.simd.ScalarBlack76Kernel;
import org.pmargin.simd.VectorBlack76Kernel;

/**
 * Throughput of the revaluation kernel (issue 9): the Vector API {@link VectorBlack76Kernel} against the plain scalar
 * loop {@link ScalarBlack76Kernel} (Math.log/exp and Cody's normal CDF) and OpenGamma Strata's
 * {@link BlackFormulaRepository}, in the same JMH run, on the same {@value #CASES} options.
 *
 * <p><b>What it measures.</b> Each invocation revalues every option once and writes the results to preallocated
 * arrays; {@code @OperationsPerInvocation(CASES)} makes JMH report <em>options per second</em> (summed over the
 * benchmark threads). Two families:
 * <ul>
 *   <li>{@code price*}: the price alone. Strata's {@link BlackFormulaRepository#price} is a forward price, multiplied
 *       here by the discount factor, as the kernels do.</li>
 *   <li>{@code greeks*}: price, delta, gamma and vega. Strata's cheapest route to these four is
 *       {@link BlackFormulaRepository#priceAdjoint} (price with its derivatives to forward, strike, expiry and vol,
 *       one pass) plus {@link BlackFormulaRepository#gamma}, each discounted.</li>
 * </ul>
 * The cases are those of {@link Black76Benchmark} (same seed and distributions: forward 60,000, strikes 0.5×–2×,
 * expiries one day to one year, vols 30 %–120 %, rates 0–5 %, calls and puts at random), held as a structure of
 * arrays in a {@link Black76Batch}. {@link Cases#setUp} checks that all three implementations agree on every
 * option before anything is timed.
 *
 * <p>Only the kernel API is referenced here; the forked JVMs get {@code --add-modules jdk.incubator.vector}.
 * The state is per thread: run with {@code -t 2} for two-thread throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@OperationsPerInvocation(RevaluationKernelBenchmark.CASES)
public class RevaluationKernelBenchmark {

  /** The number of options revalued per benchmark invocation. */
  public static final int CASES = 4096;

  /** The options and the output arrays; one copy per benchmark thread. */
  @State(Scope.Thread)
  public static class Cases {
    /** The seed of {@link Black76Benchmark}'s generator, so both benchmarks price the same book. */
    static final long SEED = 20_240_601L;

    final boolean[] isCall = new boolean[CASES];
    final double[] forward = new double[CASES];
    final double[] strike = new double[CASES];
    final double[] expiry = new double[CASES];
    final double[] vol = new double[CASES];
    final double[] discount = new double[CASES];
    final double[] sign = new double[CASES];
    Black76Batch batch;

    final double[] price = new double[CASES];
    final double[] delta = new double[CASES];
    final double[] gamma = new double[CASES];
    final double[] vega = new double[CASES];

    /** Generates the cases and checks that every variant computes the same figures. */
    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED);
      for (int i = 0; i < CASES; i++) {
        isCall[i] = random.nextBoolean();
        sign[i] = isCall[i] ? 1 : -1;
        forward[i] = Black76Benchmark.FORWARD;
        strike[i] = Black76Benchmark.FORWARD * Math.exp(random.nextDouble(Math.log(0.5), Math.log(2.0)));
        expiry[i] = Math.exp(random.nextDouble(Math.log(1.0 / 365.0), 0.0));
        vol[i] = random.nextDouble(0.3, 1.2);
        double rate = random.nextDouble(0.0, 0.05);
        discount[i] = Math.exp(-rate * expiry[i]);
      }
      batch = Black76Batch.of(forward, strike, expiry, vol, discount, sign);
      verify();
    }

    /** Fails the trial unless the three implementations agree on every option (price to 1e-12 relative). */
    private void verify() {
      double[][] scalar = new double[4][CASES];
      double[][] vector = new double[4][CASES];
      ScalarBlack76Kernel.INSTANCE.priceGreeks(batch, scalar[0], scalar[1], scalar[2], scalar[3]);
      VectorBlack76Kernel.INSTANCE.priceGreeks(batch, vector[0], vector[1], vector[2], vector[3]);
      for (int i = 0; i < CASES; i++) {
        double f = forward[i];
        double d = discount[i];
        double sqrtT = Math.sqrt(expiry[i]);
        double[] scale = {f * d, d, d / (f * vol[i] * sqrtT), d * f * sqrtT};
        double[] strata = strataGreeks(i);
        for (int g = 0; g < 4; g++) {
          double ref = scalar[g][i];
          require(ref, vector[g][i], 1e-12 * Math.abs(ref) + 1e-15 * scale[g], "vector kernel #" + g, i);
          require(ref, strata[g], 1e-12 * Math.abs(ref) + 1e-12 * scale[g], "Strata #" + g, i);
        }
      }
    }

    double[] strataGreeks(int i) {
      ValueDerivatives pa = BlackFormulaRepository.priceAdjoint(forward[i], strike[i], expiry[i], vol[i], isCall[i]);
      double d = discount[i];
      return new double[] {d * pa.getValue(), d * pa.getDerivative(0),
          d * BlackFormulaRepository.gamma(forward[i], strike[i], expiry[i], vol[i]), d * pa.getDerivative(3)};
    }

    private static void require(double expected, double actual, double tolerance, String what, int i) {
      if (!(Math.abs(expected - actual) <= tolerance)) {
        throw new IllegalStateException(what + " disagrees with the scalar kernel in case " + i + ": " + actual
            + " vs " + expected + " (tolerance " + tolerance + ")");
      }
    }
  }

  //-------------------------------------------------------------------------
  /** Price: Strata's {@link BlackFormulaRepository#price}, discounted, in a loop over the arrays. */
  @Benchmark
  public double[] priceStrata(Cases c) {
    double[] out = c.price;
    for (int i = 0; i < CASES; i++) {
      out[i] = c.discount[i] * BlackFormulaRepository.price(c.forward[i], c.strike[i], c.expiry[i], c.vol[i],
          c.isCall[i]);
    }
    return out;
  }

  /** Price: the scalar reference loop. */
  @Benchmark
  public double[] priceScalar(Cases c) {
    ScalarBlack76Kernel.INSTANCE.price(c.batch, c.price);
    return c.price;
  }

  /** Price: the Vector API kernel. */
  @Benchmark
  public double[] priceVector(Cases c) {
    VectorBlack76Kernel.INSTANCE.price(c.batch, c.price);
    return c.price;
  }

  //-------------------------------------------------------------------------
  /** Price, delta, gamma, vega: Strata's {@link BlackFormulaRepository#priceAdjoint} plus its gamma, discounted. */
  @Benchmark
  public double[] greeksStrata(Cases c) {
    for (int i = 0; i < CASES; i++) {
      double f = c.forward[i];
      double k = c.strike[i];
      double t = c.expiry[i];
      double v = c.vol[i];
      double d = c.discount[i];
      ValueDerivatives pa = BlackFormulaRepository.priceAdjoint(f, k, t, v, c.isCall[i]);
      c.price[i] = d * pa.getValue();
      c.delta[i] = d * pa.getDerivative(0);
      c.gamma[i] = d * BlackFormulaRepository.gamma(f, k, t, v);
      c.vega[i] = d * pa.getDerivative(3);
    }
    return c.vega;
  }

  /** Price, delta, gamma, vega: the scalar reference loop. */
  @Benchmark
  public double[] greeksScalar(Cases c) {
    ScalarBlack76Kernel.INSTANCE.priceGreeks(c.batch, c.price, c.delta, c.gamma, c.vega);
    return c.vega;
  }

  /** Price, delta, gamma, vega: the Vector API kernel. */
  @Benchmark
  public double[] greeksVector(Cases c) {
    VectorBlack76Kernel.INSTANCE.priceGreeks(c.batch, c.price, c.delta, c.gamma, c.vega);
    return c.vega;
  }
}
