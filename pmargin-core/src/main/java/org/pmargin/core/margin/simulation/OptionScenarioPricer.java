package org.pmargin.core.margin.simulation;

/**
 * Black-76 prices of one European option in every scenario of a set (its forward and vol moved, strike, expiry and
 * discount fixed): the bulk of rebuilding the simulation margin's shared per-unit vectors on a new market snapshot
 * (1,000 options × 10,000 scenarios is 10⁷ prices). {@link OptionScenarioPricers#preferred()} picks the fastest
 * available, the Vector API kernel of {@code pmargin-simd} when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}; {@link ScalarOptionScenarioPricer} is the reference.
 *
 * <p><b>Agreement.</b> Unlike {@link ScenarioKernel}s, pricers are not bit for bit equal: the vector kernel's prices
 * are within {@code 1e-12·|price| + 1e-15·F·D} of the reference (its accuracy contract, tested over 100,000 random
 * options), so a margin built on them agrees with the reference path to about 1e-12 relative. Within one JVM every
 * account and the engine use the same pricer, so the figures are consistent with each other; {@link #name()} says
 * which produced them.
 *
 * <p>Implementations are stateless and thread-safe; the inputs are valid (F, K, T, σ, D finite and positive,
 * σ√T within Black-76's bounds: the caller checks) and the outputs are finite.
 */
public interface OptionScenarioPricer {

  /** A short name for reports ({@code scalar}, {@code vector-8x64}). */
  String name();

  /**
   * Prices the option in scenarios [0, n).
   *
   * @param call  true for a call
   * @param strike  K
   * @param expiryYears  T, ACT/365
   * @param discount  D
   * @param forwards  F per scenario, at least n long
   * @param vols  σ per scenario, at least n long
   * @param n  the number of scenarios
   * @param prices  receives the price per scenario, at least n long
   */
  void price(boolean call, double strike, double expiryYears, double discount, double[] forwards, double[] vols,
      int n, double[] prices);
}
