package org.pmargin.bench;

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
import org.pmargin.core.pricing.Normal;
import org.pmargin.core.pricing.OptionGreeks;
import org.pmargin.core.validation.Checks;

/**
 * A diagnostic, not a baseline: how much of the cost of the validating {@link Black76#price} and
 * {@link Black76#greeks} is their argument validation, and how much of that is avoidable.
 *
 * <p>{@code Black76.validate} ends with two checks of the form {@code Checks.require(cond, "vol", "… got vol=" + vol
 * + ", expiry_years=" + expiryYears)}: their messages (four {@code Double.toString} calls and two string
 * concatenations, about 690 bytes of garbage) are built on <em>every</em> call, although they are used only when a
 * check fails. This class prices the same cases as
 * {@link Black76Benchmark} four ways:
 * <ul>
 *   <li>{@link #greeksCore} / {@link #priceCore}: the core's public, validating methods, as they are;</li>
 *   <li>{@link #greeksLazyMessage} / {@link #priceLazyMessage}: the same checks, in the same order, with the
 *       message built only when the check fails;</li>
 *   <li>{@link #greeksUnchecked}: the same arithmetic with no validation at all, the floor.</li>
 * </ul>
 * The lazy and unchecked variants are copies of the core's code made here only to measure it (the arithmetic is
 * copied verbatim from {@code Black76.greeks}; {@link Black76Benchmark.Cases#setUp} does not check them, so
 * {@link #checkCopyIsCurrent} does, bit for bit). If the core changes, these copies go stale: delete this class
 * once the core builds the message lazily.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@OperationsPerInvocation(Black76Benchmark.CASES)
@State(Scope.Benchmark)
public class ValidationCostBenchmark {

  private static final int N = Black76Benchmark.CASES;

  /** Price through the core's validating {@link Black76#price}. */
  @Benchmark
  public double priceCore(Black76Benchmark.Cases c) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += Black76.price(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]);
    }
    return sum;
  }

  /** Price with the same checks but a lazily built message, then the same arithmetic as the core. */
  @Benchmark
  public double priceLazyMessage(Black76Benchmark.Cases c) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      OptionType type = c.type[i];
      double f = c.forward[i];
      double k = c.strike[i];
      double t = c.expiry[i];
      double vol = c.vol[i];
      double r = c.rate[i];
      validateLazily(type, f, k, t, vol, r);
      sum += Black76.priceUnchecked(type.isCall(), f, k, t, vol, Math.exp(-r * t));
    }
    return sum;
  }

  /** Price and Greeks through the core's validating {@link Black76#greeks}. */
  @Benchmark
  public double greeksCore(Black76Benchmark.Cases c) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += Black76Benchmark.CrossCheck.sumOf(
          Black76.greeks(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]));
    }
    return sum;
  }

  /** Price and Greeks: the same checks with a lazily built message, then the core's arithmetic. */
  @Benchmark
  public double greeksLazyMessage(Black76Benchmark.Cases c) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      OptionType type = c.type[i];
      double f = c.forward[i];
      double k = c.strike[i];
      double t = c.expiry[i];
      double vol = c.vol[i];
      double r = c.rate[i];
      validateLazily(type, f, k, t, vol, r);
      sum += Black76Benchmark.CrossCheck.sumOf(greeksArithmetic(type, f, k, t, vol, r));
    }
    return sum;
  }

  /** Price and Greeks: the core's arithmetic with no validation, the floor for any validating version. */
  @Benchmark
  public double greeksUnchecked(Black76Benchmark.Cases c) {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += Black76Benchmark.CrossCheck.sumOf(
          greeksArithmetic(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]));
    }
    return sum;
  }

  //-------------------------------------------------------------------------
  /**
   * {@code Black76.validate} as of commit c42e1eb (the same checks, in the same order, with the same messages),
   * except that the two messages are built only on failure.
   */
  static void validateLazily(OptionType type, double forward, double strike, double expiryYears, double vol,
      double rate) {
    Checks.notNull(type, "type");
    Checks.positive(forward, "forward");
    Checks.positive(strike, "strike");
    Checks.positive(expiryYears, "expiry_years");
    Checks.positive(vol, "vol");
    Checks.finite(rate, "rate");
    if (!(Math.abs(rate * expiryYears) <= Black76.MAX_RATE_TIMES_EXPIRY)) {
      Checks.require(false, "rate", "rate·expiry_years must be within ±" + Black76.MAX_RATE_TIMES_EXPIRY
          + " (a discount factor of e^±100), got rate=" + rate + ", expiry_years=" + expiryYears);
    }
    if (!(vol * Math.sqrt(expiryYears) > 1e-12)) {
      Checks.require(false, "vol",
          "vol·sqrt(expiry_years) must exceed 1e-12, got vol=" + vol + ", expiry_years=" + expiryYears);
    }
  }

  /** The arithmetic of {@code Black76.greeks}, copied verbatim, without its validation. */
  static OptionGreeks greeksArithmetic(OptionType type, double forward, double strike, double expiryYears,
      double vol, double rate) {
    double sqrtT = Math.sqrt(expiryYears);
    double sd = vol * sqrtT;
    double d1 = Math.log(forward / strike) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    double df = Math.exp(-rate * expiryYears);
    double s = type.sign();
    double nd1 = Normal.cdf(s * d1);
    double nd2 = Normal.cdf(s * d2);
    double pdf = Normal.pdf(d1);
    double price = df * s * (forward * nd1 - strike * nd2);
    double delta = df * s * nd1;
    double gamma = df * pdf / (forward * sd);
    double vega = df * forward * pdf * sqrtT;
    double theta = rate * price - df * forward * pdf * vol / (2 * sqrtT);
    double vanna = -df * pdf * d2 / vol;
    double volga = vega * d1 * d2 / vol;
    return new OptionGreeks(price, delta, gamma, vega, theta, vanna, volga);
  }

  /** Checks, before anything is timed, that the copied arithmetic still gives the core's figures exactly. */
  @Setup
  public void checkCopyIsCurrent() {
    Black76Benchmark.Cases c = new Black76Benchmark.Cases();
    c.setUp();
    for (int i = 0; i < N; i++) {
      OptionGreeks core = Black76.greeks(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]);
      OptionGreeks copy = greeksArithmetic(c.type[i], c.forward[i], c.strike[i], c.expiry[i], c.vol[i], c.rate[i]);
      if (!core.equals(copy)) {
        throw new IllegalStateException("the copy of Black76.greeks is stale: case " + i + " gives " + copy
            + ", the core gives " + core + "; update or delete ValidationCostBenchmark");
      }
    }
  }
}
