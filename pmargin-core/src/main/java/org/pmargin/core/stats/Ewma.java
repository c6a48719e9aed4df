package org.pmargin.core.stats;

import org.pmargin.core.validation.Checks;

/**
 * Exponentially weighted moving average (RiskMetrics) variance, volatility, covariance and correlation of return
 * series: σ²_{t+1} = λ·σ²_t + (1 − λ)·r_t², and likewise c_{t+1} = λ·c_t + (1 − λ)·r_t·s_t for two series.
 *
 * <p>Why: recent returns say more about tomorrow's risk than old ones, so EWMA vols follow regime changes that an
 * equally weighted sample misses; filtered historical simulation devolatilises history with them.
 *
 * <p>Conventions: returns are taken to have zero mean in the recursion (RiskMetrics). The recursion is seeded with
 * the unbiased sample variance (covariance) of the first {@code seedObservations} returns; that seed therefore uses
 * those returns, so a caller that wants no look-ahead treats them as burn-in. The forecast array has one more
 * element than the returns: element t is the variance of return t known at the <em>start</em> of period t (built
 * from the seed and returns 0..t−1 only); the last element is the forecast for the next, not yet observed, period
 * ("today's" variance). λ = 0.94 is the RiskMetrics (1996) daily decay.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param lambda  the decay λ, in (0, 1)
 * @param seedObservations  how many initial returns seed the recursion, ≥ 2
 */
public record Ewma(double lambda, int seedObservations) {

  /** The RiskMetrics daily decay factor. */
  public static final double RISKMETRICS_LAMBDA = 0.94;

  /** The default seed window: 20 observations (about one trading month). */
  public static final int DEFAULT_SEED_OBSERVATIONS = 20;

  /** Validates the parameters. */
  public Ewma {
    Checks.require(lambda > 0 && lambda < 1, "lambda", "must be in (0, 1), got " + lambda);
    Checks.require(seedObservations >= 2, "seed_observations", "must be at least 2, got " + seedObservations);
  }

  /** RiskMetrics: λ = 0.94, seeded with the first 20 returns. */
  public static Ewma riskMetrics() {
    return new Ewma(RISKMETRICS_LAMBDA, DEFAULT_SEED_OBSERVATIONS);
  }

  /**
   * The variance forecasts of a return series: n + 1 values for n returns, element t known at the start of period t.
   *
   * @param returns  at least {@code seedObservations} finite returns
   * @return the forecasts, all finite and ≥ 0
   */
  public double[] variances(double[] returns) {
    SampleEstimators.checkSeries(returns, seedObservations, "returns");
    int n = returns.length;
    double[] v = new double[n + 1];
    v[0] = SampleEstimators.varianceUnchecked(returns, 0, seedObservations);
    double w = 1 - lambda;
    for (int t = 0; t < n; t++) {
      double r = returns[t];
      v[t + 1] = lambda * v[t] + w * r * r;
    }
    return checkedFinite(v, "returns");
  }

  /** The volatility forecasts, square roots of {@link #variances(double[])}. */
  public double[] volatilities(double[] returns) {
    double[] v = variances(returns);
    for (int t = 0; t < v.length; t++) {
      v[t] = Math.sqrt(v[t]);
    }
    return v;
  }

  /** Today's volatility forecast: the last element of {@link #volatilities(double[])}. */
  public double volatility(double[] returns) {
    double[] v = variances(returns);
    return Math.sqrt(v[v.length - 1]);
  }

  /**
   * Today's EWMA covariance matrix of aligned series {@code returns[series][observation]}: seeded with the sample
   * covariance of the first {@code seedObservations} returns, then updated with every return.
   *
   * @param returns  aligned series, each with at least {@code seedObservations} finite returns
   * @return the k × k covariance forecast for the next period
   */
  public double[][] covariance(double[][] returns) {
    int n = SampleEstimators.checkAligned(returns, seedObservations, "returns");
    int k = returns.length;
    double[][] c = SampleEstimators.covariance(returns, seedObservations);
    double w = 1 - lambda;
    for (int i = 0; i < k; i++) {
      double[] xi = returns[i];
      for (int j = 0; j <= i; j++) {
        double[] xj = returns[j];
        double cij = c[i][j];
        for (int t = 0; t < n; t++) {
          cij = lambda * cij + w * xi[t] * xj[t];
        }
        c[i][j] = cij;
        c[j][i] = cij;
      }
    }
    for (double[] row : c) {
      checkedFinite(row, "returns");
    }
    return c;
  }

  /** Today's EWMA correlation matrix of aligned series; every series must vary. */
  public double[][] correlation(double[][] returns) {
    return SampleEstimators.toCorrelation(covariance(returns), "returns");
  }

  private static double[] checkedFinite(double[] v, String field) {
    for (int i = 0; i < v.length; i++) {
      Checks.finite(v[i], field + " (EWMA overflow at " + i + ")");
    }
    return v;
  }
}
