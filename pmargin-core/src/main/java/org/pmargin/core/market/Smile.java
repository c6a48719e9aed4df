package org.pmargin.core.market;

/**
 * The implied volatility smile of one expiry, as total implied variance w = σ²·T against log-moneyness
 * k = ln(K/F), where F is the forward of that expiry.
 *
 * <p>Implementations are immutable, thread-safe records validated for static arbitrage on construction.
 */
public sealed interface Smile permits FlatSmile, SviSmile, StrikeSmile {

  /**
   * The total implied variance at a log-moneyness.
   *
   * @param logMoneyness  k = ln(K/F)
   * @param expiryYears  the slice's time to expiry T &gt; 0 (used by smiles quoted in vol)
   * @return w(k) = σ(k)²·T, never negative
   */
  double totalVariance(double logMoneyness, double expiryYears);

  /**
   * The same smile with every implied vol multiplied by a factor (total variance by its square): a parallel
   * proportional vol shock that keeps the smile's shape.
   *
   * @param volFactor  the factor, &gt; 0
   * @return the scaled smile
   */
  Smile scaled(double volFactor);
}
