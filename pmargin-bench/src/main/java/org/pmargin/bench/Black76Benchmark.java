package org.pmargin.bench;

import com.opengamma.strata.basics.value.ValueDerivatives;
import com.opengamma.strata.collect.tuple.Pair;
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
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.pricing.OptionGreeks;

/**
 * Throughput of the Black-76 kernel, our {@link Black76} against OpenGamma Strata's
 * {@link BlackFormulaRepository}, measured in the same JMH run on the same cases.
 *
 * <p><b>What it measures.</b> Each benchmark invocation prices every one of {@value #CASES} fixed option cases once,
 * and {@code @OperationsPerInvocation(CASES)} makes JMH report <em>options priced per second</em> (summed over all
 * benchmark threads), not loops per second. Two families:
 * <ul>
 *   <li>{@code price*}: the price alone, the figure a scenario revaluation needs for each (option, scenario)
 *       pair. {@link #priceOurs} is {@link Black76#priceUnchecked}, the revaluation kernel; {@link #priceStrata} is
 *       {@link BlackFormulaRepository#price} times the same discount factor; {@link #priceTextbookCdf} is the same
 *       formula with the classic Abramowitz–Stegun 26.2.17 normal CDF (absolute error ≤ 7.5e-8, no relative
 *       accuracy in the tails), a cheap-but-inaccurate ceiling that shows what Cody's double-precision CDF
 *       costs. (The public, validating {@link Black76#price} is measured by {@link ValidationCostBenchmark}.)</li>
 *   <li>{@code greeks*}: the price and all six Greeks (delta, gamma, vega, theta, vanna, volga), discounted with
 *       the case's rate: the figures a risk report needs per position. {@link #greeksOurs} is
 *       {@link Black76#greeks} (validating, one pass, returns a record); {@link #greeksStrataCalls} gets the same
 *       seven numbers from Strata's separate public functions (price, delta, gamma, vega, driftlessTheta, vanna,
 *       volga — each recomputes d1 and N(·)); {@link #greeksStrataAdjoint2} gets them from Strata's one-pass
 *       {@link BlackFormulaRepository#priceAdjoint2} (first and second order algorithmic derivatives).</li>
 * </ul>
 * Every variant computes the same numbers; {@link Cases#setUp} checks that they agree (each to its own accuracy)
 * before anything is timed, so a faster variant cannot be faster by computing less.
 *
 * <p><b>Why this shape.</b> The cases are held as a structure of arrays of {@code double} in thread-local state and
 * iterated in a plain loop, which is how a portfolio revaluation sees them: many options of one underlying, in
 * memory order, no object per option. Inputs are random (seeded, so every run sees the same cases) but realistic for
 * a crypto options book: forward 60,000, strikes log-uniform from 0.5× to 2× the forward, expiries log-uniform from
 * one day to one year, vols uniform 30 %–120 %, rates 0–5 %, calls and puts at random. The mix of moneyness and
 * expiry sends the normal CDF down each of its branches in an unpredictable order, as a real book does; a benchmark
 * of one at-the-money option repeated would measure only the branch predictor's best case. 4096 cases (about
 * 220 KB of inputs) fit in L2, so this is compute throughput, not memory bandwidth.
 *
 * <p>Results are summed into the returned {@code double}, which JMH consumes, so nothing can be dead-code
 * eliminated; the summation is a short tree per case so it adds one dependent add per case to the loop.
 *
 * <p><b>Threads.</b> The state is {@link Scope#Thread}: run with {@code -t 2} for two-thread throughput (figures
 * are then the sum over both threads). There is no shared mutable state, so the ideal is 2× on two free cores.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@OperationsPerInvocation(Black76Benchmark.CASES)
public class Black76Benchmark {

  /** The number of option cases priced per benchmark invocation. */
  public static final int CASES = 4096;

  /** The forward of every case, in USD: BTC-like. */
  static final double FORWARD = 60_000.0;

  /** The fixed option cases, as a structure of arrays; one copy per benchmark thread. */
  @State(Scope.Thread)
  public static class Cases {
    /** The seed of the case generator: change it and every figure is for different cases. */
    static final long SEED = 20_240_601L;

    final boolean[] isCall = new boolean[CASES];
    final OptionType[] type = new OptionType[CASES];
    final double[] forward = new double[CASES];
    final double[] strike = new double[CASES];
    final double[] expiry = new double[CASES];
    final double[] vol = new double[CASES];
    final double[] rate = new double[CASES];
    final double[] discount = new double[CASES];

    /** Generates the cases and checks that every variant computes the same figures. */
    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED);
      for (int i = 0; i < CASES; i++) {
        isCall[i] = random.nextBoolean();
        type[i] = isCall[i] ? OptionType.CALL : OptionType.PUT;
        forward[i] = FORWARD;
        strike[i] = FORWARD * Math.exp(random.nextDouble(Math.log(0.5), Math.log(2.0)));
        expiry[i] = Math.exp(random.nextDouble(Math.log(1.0 / 365.0), 0.0));
        vol[i] = random.nextDouble(0.3, 1.2);
        rate[i] = random.nextDouble(0.0, 0.05);
        discount[i] = Math.exp(-rate[i] * expiry[i]);
      }
      CrossCheck.verify(this);
    }
  }

  //-------------------------------------------------------------------------
  /** Price only: our revaluation kernel, {@link Black76#priceUnchecked}. */
  @Benchmark
  public double priceOurs(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      sum += Black76.priceUnchecked(c.isCall[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.discount[i]);
    }
    return sum;
  }

  /** Price only: Strata's {@link BlackFormulaRepository#price} (a forward price) times the discount factor. */
  @Benchmark
  public double priceStrata(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      sum += c.discount[i]
          * BlackFormulaRepository.price(c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.isCall[i]);
    }
    return sum;
  }

  /** Price only, the same formula with the textbook Abramowitz–Stegun 26.2.17 CDF: a speed ceiling, not accurate. */
  @Benchmark
  public double priceTextbookCdf(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      sum += TextbookBlack76.price(c.isCall[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.discount[i]);
    }
    return sum;
  }

  //-------------------------------------------------------------------------
  /** Price and six Greeks: our {@link Black76#greeks}, one validated pass returning an {@link OptionGreeks}. */
  @Benchmark
  public double greeksOurs(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      OptionGreeks g = Black76.greeks(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]);
      sum += ((g.price() + g.delta()) + (g.gamma() + g.vega())) + ((g.theta() + g.vanna()) + g.volga());
    }
    return sum;
  }

  /** Price and six Greeks from Strata's separate public functions, discounted as ours are. */
  @Benchmark
  public double greeksStrataCalls(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      sum += CrossCheck.sumOf(CrossCheck.strataCalls(c.isCall[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i],
          c.rate[i]));
    }
    return sum;
  }

  /** Price and six Greeks from Strata's one-pass {@link BlackFormulaRepository#priceAdjoint2}, discounted. */
  @Benchmark
  public double greeksStrataAdjoint2(Cases c) {
    double sum = 0;
    for (int i = 0; i < CASES; i++) {
      sum += CrossCheck.sumOf(CrossCheck.strataAdjoint2(c.isCall[i], c.forward[i], c.strike[i], c.expiry[i],
          c.vol[i], c.rate[i]));
    }
    return sum;
  }

  //-------------------------------------------------------------------------
  /**
   * The Strata baselines expressed as our seven figures, and the check that every variant agrees with ours.
   * Strata's Black functions return forward (undiscounted) values, so each is multiplied by D = e^(−rT) and theta
   * gains the r·V term, exactly as {@link Black76#greeks} defines them.
   */
  static final class CrossCheck {

    private CrossCheck() {
    }

    static double sumOf(OptionGreeks g) {
      return ((g.price() + g.delta()) + (g.gamma() + g.vega())) + ((g.theta() + g.vanna()) + g.volga());
    }

    static OptionGreeks strataCalls(boolean isCall, double f, double k, double t, double vol, double rate) {
      double df = Math.exp(-rate * t);
      double price = df * BlackFormulaRepository.price(f, k, t, vol, isCall);
      return new OptionGreeks(
          price,
          df * BlackFormulaRepository.delta(f, k, t, vol, isCall),
          df * BlackFormulaRepository.gamma(f, k, t, vol),
          df * BlackFormulaRepository.vega(f, k, t, vol),
          rate * price + df * BlackFormulaRepository.driftlessTheta(f, k, t, vol),
          df * BlackFormulaRepository.vanna(f, k, t, vol),
          df * BlackFormulaRepository.volga(f, k, t, vol));
    }

    static OptionGreeks strataAdjoint2(boolean isCall, double f, double k, double t, double vol, double rate) {
      double df = Math.exp(-rate * t);
      Pair<ValueDerivatives, double[][]> r = BlackFormulaRepository.priceAdjoint2(f, k, t, vol, isCall);
      ValueDerivatives first = r.getFirst();
      double[][] second = r.getSecond();
      double price = df * first.getValue();
      return new OptionGreeks(
          price,
          df * first.getDerivative(0),
          df * second[0][0],
          df * first.getDerivative(3),
          rate * price - df * first.getDerivative(2),
          df * second[0][2],
          df * second[2][2]);
    }

    /** Fails the trial unless every variant gives our figures for every case, to a tolerance scaled per figure. */
    static void verify(Cases c) {
      for (int i = 0; i < CASES; i++) {
        boolean call = c.isCall[i];
        double f = c.forward[i];
        double k = c.strike[i];
        double t = c.expiry[i];
        double vol = c.vol[i];
        double r = c.rate[i];
        OptionGreeks ours = Black76.greeks(c.type[i], f, k, t, vol, r);
        double[] o = toArray(ours);
        double[] scale = {f, 1, 1 / (f * vol * Math.sqrt(t)), f * Math.sqrt(t), f * vol / Math.sqrt(t), 1 / vol,
            f * Math.sqrt(t) / vol};
        require(o[0], Black76.priceUnchecked(call, f, k, t, vol, c.discount[i]), 1e-13 * scale[0],
            "priceUnchecked", i);
        require(o[0], Black76.price(c.type[i], f, k, t, vol, r), 1e-13 * scale[0], "price", i);
        require(o[0], c.discount[i] * BlackFormulaRepository.price(f, k, t, vol, call), 1e-12 * scale[0],
            "Strata price", i);
        require(o[0], TextbookBlack76.price(call, f, k, t, vol, c.discount[i]), 2.5e-7 * scale[0],
            "textbook price", i);
        double[] calls = toArray(strataCalls(call, f, k, t, vol, r));
        double[] adj2 = toArray(strataAdjoint2(call, f, k, t, vol, r));
        for (int j = 0; j < 7; j++) {
          require(o[j], calls[j], 1e-9 * scale[j], "Strata separate-call Greek #" + j, i);
          require(o[j], adj2[j], 1e-9 * scale[j], "Strata adjoint2 Greek #" + j, i);
        }
      }
    }

    private static double[] toArray(OptionGreeks g) {
      return new double[] {g.price(), g.delta(), g.gamma(), g.vega(), g.theta(), g.vanna(), g.volga()};
    }

    private static void require(double expected, double actual, double tolerance, String what, int i) {
      double diff = Math.abs(expected - actual);
      if (!(diff <= tolerance)) {
        throw new IllegalStateException(what + " disagrees with Black76.greeks in case " + i + ": " + actual
            + " vs " + expected + " (tolerance " + tolerance + ")");
      }
    }
  }
}
