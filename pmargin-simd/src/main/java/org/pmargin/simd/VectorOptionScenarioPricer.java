package org.pmargin.simd;

import java.util.Arrays;
import org.pmargin.core.margin.simulation.OptionScenarioPricer;
import org.pmargin.core.margin.simulation.ScalarOptionScenarioPricer;

/**
 * The Vector API {@link OptionScenarioPricer}: one option's scenarios priced as a {@link Black76Batch} by {@link
 * VectorBlack76Kernel} (its accuracy contract: within {@code 1e-12·|price| + 1e-15·F·D} of the scalar reference).
 * The strike, expiry, discount and sign columns are per-thread arrays filled once per call; the forwards and vols
 * are the caller's arrays, not copied, when they are exactly n long. A scenario outside the kernel's bounds (a
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
    Columns c = COLUMNS.get().fill(n, call, strike, expiryYears, discount);
    double[] f = forwards.length == n ? forwards : Arrays.copyOf(forwards, n);
    double[] v = vols.length == n ? vols : Arrays.copyOf(vols, n);
    VectorBlack76Kernel.INSTANCE.price(Black76Batch.trusted(f, c.strike, c.expiry, v, c.discount, c.sign), prices);
  }

  private static boolean inBounds(double strike, double expiryYears, double discount, double[] forwards,
      double[] vols, int n) {
    if (!(strike >= Black76Batch.MIN_LEVEL && strike <= Black76Batch.MAX_LEVEL && expiryYears > 0
        && expiryYears < Double.POSITIVE_INFINITY && discount > 0 && discount < Double.POSITIVE_INFINITY)) {
      return false;
    }
    double sqrtT = Math.sqrt(expiryYears);
    // a hair inside the kernel's bounds on σ√T, so rounding in σ·√T cannot cross them
    double minVol = Black76Batch.MIN_TOTAL_VOL / sqrtT * (1 + 1e-12);
    double maxVol = Black76Batch.MAX_TOTAL_VOL / sqrtT * (1 - 1e-12);
    boolean ok = true;
    for (int s = 0; s < n; s++) {
      double f = forwards[s];
      double v = vols[s];
      ok &= f >= Black76Batch.MIN_LEVEL & f <= Black76Batch.MAX_LEVEL & v >= minVol & v <= maxVol;
    }
    return ok;
  }

  /** The constant columns of one option's batch, kept per thread and refilled only when they change. */
  private static final class Columns {
    double[] strike = new double[0];
    double[] expiry = new double[0];
    double[] discount = new double[0];
    double[] sign = new double[0];
    private boolean call;

    Columns fill(int n, boolean isCall, double k, double t, double d) {
      if (strike.length != n) {
        strike = new double[n];
        expiry = new double[n];
        discount = new double[n];
        sign = new double[n];
      } else if (strike[0] == k && expiry[0] == t && discount[0] == d && call == isCall) {
        return this;
      }
      Arrays.fill(strike, k);
      Arrays.fill(expiry, t);
      Arrays.fill(discount, d);
      Arrays.fill(sign, isCall ? 1.0 : -1.0);
      call = isCall;
      return this;
    }
  }
}
