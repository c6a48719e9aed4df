package org.pmargin.simd;

import org.pmargin.core.pricing.Normal;

/**
 * The reference {@link Black76Kernel}: a plain loop over the options with {@link Math#log}, {@link Math#exp},
 * {@link Math#sqrt} and pmargin's double-precision normal distribution {@link Normal#cdf} (Cody's, relative error
 * below 1e-15 in both tails).
 *
 * <p>It is the yardstick the {@link VectorBlack76Kernel} is tested against, and the scalar baseline of the
 * benchmark. Its price is bit for bit {@link org.pmargin.core.pricing.Black76#priceUnchecked}, and its Greeks are
 * computed as {@link org.pmargin.core.pricing.Black76#greeks} computes them.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ScalarBlack76Kernel implements Black76Kernel {

  /** The shared instance. */
  public static final ScalarBlack76Kernel INSTANCE = new ScalarBlack76Kernel();

  private ScalarBlack76Kernel() {
  }

  @Override
  public void price(Black76Batch batch, double[] price) {
    batch.checkOutput(price, "price");
    double[] f = batch.forwards();
    double[] k = batch.strikes();
    double[] t = batch.expiries();
    double[] v = batch.vols();
    double[] d = batch.discounts();
    double[] s = batch.signs();
    for (int i = 0; i < f.length; i++) {
      double sd = v[i] * Math.sqrt(t[i]);
      double d1 = Math.log(f[i] / k[i]) / sd + 0.5 * sd;
      double d2 = d1 - sd;
      double sign = s[i];
      price[i] = d[i] * (sign * (f[i] * Normal.cdf(sign * d1) - k[i] * Normal.cdf(sign * d2)));
    }
  }

  @Override
  public void priceGreeks(Black76Batch batch, double[] price, double[] delta, double[] gamma, double[] vega) {
    batch.checkOutput(price, "price");
    batch.checkOutput(delta, "delta");
    batch.checkOutput(gamma, "gamma");
    batch.checkOutput(vega, "vega");
    double[] f = batch.forwards();
    double[] k = batch.strikes();
    double[] t = batch.expiries();
    double[] v = batch.vols();
    double[] d = batch.discounts();
    double[] s = batch.signs();
    for (int i = 0; i < f.length; i++) {
      double sqrtT = Math.sqrt(t[i]);
      double sd = v[i] * sqrtT;
      double d1 = Math.log(f[i] / k[i]) / sd + 0.5 * sd;
      double d2 = d1 - sd;
      double sign = s[i];
      double nd1 = Normal.cdf(sign * d1);
      double nd2 = Normal.cdf(sign * d2);
      double pdf = Normal.pdf(d1);
      double df = d[i];
      price[i] = df * (sign * (f[i] * nd1 - k[i] * nd2));
      delta[i] = df * sign * nd1;
      gamma[i] = df * pdf / (f[i] * sd);
      vega[i] = df * f[i] * pdf * sqrtT;
    }
  }
}
