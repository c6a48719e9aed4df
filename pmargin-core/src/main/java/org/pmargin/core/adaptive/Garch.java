package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * The GJR-GARCH(1,1) filter, Gaussian log-likelihood and multi-step forecasts for given parameters.
 *
 * <p>Conventions, the same as {@link org.pmargin.core.stats.Ewma}'s: returns are daily log returns taken to have
 * zero mean; the filter's output has one more element than the returns, element t being the variance of return t
 * known at the start of period t (from the seed variance and returns 0..t−1 only), the last the forecast for the next,
 * not yet observed, return. The Gaussian log-likelihood of returns r_0..r_{n−1} is
 * ℓ = −½·Σ_t [ln(2π) + ln σ²_t + r_t²/σ²_t].
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Garch {

  private static final double LN_2PI = Math.log(2 * Math.PI);

  private Garch() {
  }

  /**
   * The filtered variances.
   *
   * @param p  the parameters
   * @param returns  finite daily log returns, at least 1
   * @param seedVariance  σ²_0 &gt; 0, the variance of the first return (usually the sample variance of the fit)
   * @return n + 1 variances, element t known before return t
   */
  public static double[] variances(GarchParameters p, double[] returns, double seedVariance) {
    Checks.notNull(p, "parameters");
    checkReturns(returns, 1);
    Checks.positive(seedVariance, "seed_variance");
    double[] v = new double[returns.length + 1];
    v[0] = seedVariance;
    for (int t = 0; t < returns.length; t++) {
      v[t + 1] = p.next(returns[t], v[t]);
    }
    return v;
  }

  /**
   * The Gaussian log-likelihood of the returns under the parameters, the filter seeded with {@code seedVariance}.
   *
   * @return ℓ, finite for valid input
   */
  public static double logLikelihood(GarchParameters p, double[] returns, double seedVariance) {
    Checks.notNull(p, "parameters");
    checkReturns(returns, 1);
    Checks.positive(seedVariance, "seed_variance");
    return logLikelihoodUnchecked(p.omega(), p.alpha(), p.gamma(), p.beta(), returns, seedVariance);
  }

  /** ℓ without checks, for the optimiser's inner loop. */
  static double logLikelihoodUnchecked(double omega, double alpha, double gamma, double beta, double[] r,
      double seed) {
    double v = seed;
    double sum = 0;
    for (double x : r) {
      double x2 = x * x;
      sum += Math.log(v) + x2 / v;
      v = omega + (x < 0 ? alpha + gamma : alpha) * x2 + beta * v;
    }
    return -0.5 * (r.length * LN_2PI + sum);
  }

  /**
   * The expected variance k days ahead, E[σ²_{t+k}] = V_L + P^{k−1}·(σ²_{t+1} − V_L), with V_L the long-run
   * variance and P the persistence (for GJR, γ/2 as the expected asymmetric part of a symmetric shock).
   *
   * @param p  the parameters
   * @param nextVariance  σ²_{t+1}, the one-step forecast
   * @param k  days ahead, ≥ 1 (1 returns nextVariance)
   * @return the forecast, &gt; 0
   */
  public static double forecast(GarchParameters p, double nextVariance, int k) {
    Checks.notNull(p, "parameters");
    Checks.positive(nextVariance, "next_variance");
    Checks.require(k >= 1, "days_ahead", "must be at least 1, got " + k);
    double vl = p.longRunVariance();
    return vl + Math.pow(p.persistence(), k - 1) * (nextVariance - vl);
  }

  /**
   * The variance of the sum of the next h daily returns, Σ_{k=1..h} E[σ²_{t+k}] (returns uncorrelated).
   *
   * @param h  the horizon in days, ≥ 1
   */
  public static double horizonVariance(GarchParameters p, double nextVariance, int h) {
    Checks.require(h >= 1, "horizon_days", "must be at least 1, got " + h);
    double sum = 0;
    for (int k = 1; k <= h; k++) {
      sum += forecast(p, nextVariance, k);
    }
    return sum;
  }

  /** Checks a return series: non-null, at least {@code min} values, every one finite (the field named "returns"). */
  static void checkReturns(double[] returns, int min) {
    Checks.notNull(returns, "returns");
    Checks.require(returns.length >= min, "returns", "needs at least " + min + " returns, got " + returns.length);
    for (int i = 0; i < returns.length; i++) {
      if (!Double.isFinite(returns[i])) {
        throw new org.pmargin.core.validation.InvalidInputException("returns[" + i + "]",
            "must be finite, got " + returns[i]);
      }
    }
  }
}
