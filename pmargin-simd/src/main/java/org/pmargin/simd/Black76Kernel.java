package org.pmargin.simd;

/**
 * Revalues a {@link Black76Batch} of European options with Black's 1976 formula: the price, or the price with the
 * first-order Greeks a scenario revaluation and a risk report need.
 *
 * <p>With d1 = (ln(F/K) + σ²T/2)/(σ√T), d2 = d1 − σ√T and s = +1 (call) or −1 (put):
 * price = D·s·(F·N(s·d1) − K·N(s·d2)); delta = ∂price/∂F = D·s·N(s·d1); gamma = ∂²price/∂F² = D·φ(d1)/(F·σ√T);
 * vega = ∂price/∂σ = D·F·φ(d1)·√T (per unit of vol, i.e. per 100 vol points). These are the definitions of
 * {@link org.pmargin.core.pricing.Black76#greeks}.
 *
 * <p>Results are written to caller-owned arrays at the index of each option, so a kernel allocates nothing; the
 * arrays must be at least {@link Black76Batch#size()} long (extra entries are left alone). The batch has been
 * validated, so every result is finite. Far out of the money, where the formula subtracts two numbers much larger
 * than the price, a price that is zero to rounding can come out as a tiny negative number (within 1e-15·F·D of zero),
 * as it does from {@link org.pmargin.core.pricing.Black76}.
 *
 * <p>Implementations must be stateless, immutable and thread-safe: one instance may serve every thread.
 */
public interface Black76Kernel {

  /**
   * Prices every option of the batch.
   *
   * @param batch  the options
   * @param price  receives the price of option i at index i
   */
  void price(Black76Batch batch, double[] price);

  /**
   * Prices every option of the batch and computes its delta, gamma and vega, in one pass.
   *
   * @param batch  the options
   * @param price  receives the prices
   * @param delta  receives ∂price/∂F
   * @param gamma  receives ∂²price/∂F²
   * @param vega  receives ∂price/∂σ
   */
  void priceGreeks(Black76Batch batch, double[] price, double[] delta, double[] gamma, double[] vega);
}
