package org.pmargin.simd;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pmargin.core.margin.simulation.OptionScenarioPricer;
import org.pmargin.core.margin.simulation.ScalarOptionScenarioPricer;

/**
 * The Vector API {@link OptionScenarioPricer}: one option's scenarios priced as a {@link Black76Batch} by {@link
 * VectorBlack76Kernel} (its accuracy contract: within {@code 1e-12·|price| + 1e-15·F·D} of the scalar reference).
 * The strike, expiry, discount and sign are constant columns of one kernel block (512 entries, per thread, refilled
 * when the option changes); the forwards and vols are the caller's arrays, not copied, when they are exactly n long. A scenario outside the kernel's bounds (a
 * forward beyond [1e-100, 1e100] or σ√T beyond [1e-12, 100]) sends the whole option to the scalar reference, so
 * the pricer never refuses what the reference prices.
 *
 * <p>Registered as a {@link java.util.ServiceLoader} service, so {@code OptionScenarioPricers.preferred()} picks it
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}. Thread-safe (its arrays are per thread).
 */
public final class VectorOptionScenarioPricer implements OptionScenarioPricer {

  private static final ThreadLocal<Columns> COLUMNS = ThreadLocal.withInitial(Columns::new);

  /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public VectorOptionScenarioPricer() {
  }

  @Override
  public String name() {
    return "vector-" + VectorBlack76Kernel.lanes() + "x64";
  }

  @Override
  public void price(boolean call, double strike, double expiryYears, double discount, double[] forwards,
      double[] vols, int n, double[] prices) {
    if (n == 0) {
      return;
    }
    if (!inBounds(strike, expiryYears, discount, forwards, vols, n)) {
      ScalarOptionScenarioPricer.INSTANCE.price(call, strike, expiryYears, discount, forwards, vols, n, prices);
      return;
    }
    Columns c = COLUMNS.get().fill(call, strike, expiryYears, discount);
    double[] f = forwards.length == n ? forwards : Arrays.copyOf(forwards, n);
    double[] v = vols.length == n ? vols : Arrays.copyOf(vols, n);
    VectorBlack76Kernel.INSTANCE.price(Black76Batch.oneOption(f, v, c.strike, c.expiry, c.discount, c.sign), prices);
  }

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** Whether every scenario is inside the kernel's bounds: min and max of F and σ, a vector at a time. */
  private static boolean inBounds(double strike, double expiryYears, double discount, double[] forwards,
      double[] vols, int n) {
    if (!(strike >= Black76Batch.MIN_LEVEL && strike <= Black76Batch.MAX_LEVEL && expiryYears > 0
        && expiryYears < Double.POSITIVE_INFINITY && discount > 0 && discount < Double.POSITIVE_INFINITY)) {
      return false;
    }
    DoubleVector fMin = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
    DoubleVector fMax = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
    DoubleVector vMin = fMin;
    DoubleVector vMax = fMax;
    int s = 0;
    for (int upper = SPECIES.loopBound(n); s < upper; s += SPECIES.length()) {
      DoubleVector f = DoubleVector.fromArray(SPECIES, forwards, s);
      DoubleVector v = DoubleVector.fromArray(SPECIES, vols, s);
      fMin = fMin.min(f);
      fMax = fMax.max(f);
      vMin = vMin.min(v);
      vMax = vMax.max(v);
    }
    double fLow = fMin.reduceLanes(VectorOperators.MIN);
    double fHigh = fMax.reduceLanes(VectorOperators.MAX);
    double vLow = vMin.reduceLanes(VectorOperators.MIN);
    double vHigh = vMax.reduceLanes(VectorOperators.MAX);
    for (; s < n; s++) {
      fLow = Math.min(fLow, forwards[s]);
      fHigh = Math.max(fHigh, forwards[s]);
      vLow = Math.min(vLow, vols[s]);
      vHigh = Math.max(vHigh, vols[s]);
    }
    // a hair inside the kernel's bounds on σ√T, so rounding in σ·√T cannot cross them; NaN fails every test
    double sqrtT = Math.sqrt(expiryYears);
    return fLow >= Black76Batch.MIN_LEVEL && fHigh <= Black76Batch.MAX_LEVEL
        && vLow >= Black76Batch.MIN_TOTAL_VOL / sqrtT * (1 + 1e-12)
        && vHigh <= Black76Batch.MAX_TOTAL_VOL / sqrtT * (1 - 1e-12);
  }

  /** One kernel block's constant columns, kept per thread and refilled only when the option changes. */
  private static final class Columns {
    final double[] strike = new double[VectorBlack76Kernel.BLOCK];
    final double[] expiry = new double[VectorBlack76Kernel.BLOCK];
    final double[] discount = new double[VectorBlack76Kernel.BLOCK];
    final double[] sign = new double[VectorBlack76Kernel.BLOCK];
    private boolean filled;
    private boolean call;

    Columns fill(boolean isCall, double k, double t, double d) {
      if (filled && strike[0] == k && expiry[0] == t && discount[0] == d && call == isCall) {
        return this;
      }
      Arrays.fill(strike, k);
      Arrays.fill(expiry, t);
      Arrays.fill(discount, d);
      Arrays.fill(sign, isCall ? 1.0 : -1.0);
      call = isCall;
      filled = true;
      return this;
    }
  }
}
