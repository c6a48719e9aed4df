package org.pmargin.core.stats;

import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Sample (equally weighted) estimators of a return series: mean, variance and volatility, and the covariance and
 * correlation matrices of several aligned series.
 *
 * <p>Variances and covariances are unbiased (divisor n − 1), so they need at least two observations. Several series
 * are passed series-major, {@code returns[series][observation]}, all of the same length. Volatilities are per
 * observation period (daily returns give a daily vol); no annualisation. This class is stateless and thread-safe.
 */
public final class SampleEstimators {

  private SampleEstimators() {
  }

  /** The arithmetic mean of a series of at least one finite value. */
  public static double mean(double[] x) {
    checkSeries(x, 1, "returns");
    return meanUnchecked(x, 0, x.length);
  }

  /** The unbiased sample variance (divisor n − 1) of a series of at least two finite values. */
  public static double variance(double[] x) {
    checkSeries(x, 2, "returns");
    return varianceUnchecked(x, 0, x.length);
  }

  /** The sample variance of the first {@code count} observations, count ≥ 2 (used to seed EWMA recursions). */
  public static double variance(double[] x, int count) {
    checkSeries(x, 2, "returns");
    Checks.require(count >= 2 && count <= x.length, "count", "must be in [2, " + x.length + "], got " + count);
    return varianceUnchecked(x, 0, count);
  }

  /** The sample volatility, the square root of {@link #variance(double[])}. */
  public static double volatility(double[] x) {
    return Math.sqrt(variance(x));
  }

  /** The unbiased sample covariance matrix of aligned series {@code returns[series][observation]}. */
  public static double[][] covariance(double[][] returns) {
    int n = checkAligned(returns, 2, "returns");
    return covarianceUnchecked(returns, n);
  }

  /** The sample covariance matrix of the first {@code count} observations of aligned series, count ≥ 2. */
  public static double[][] covariance(double[][] returns, int count) {
    int n = checkAligned(returns, 2, "returns");
    Checks.require(count >= 2 && count <= n, "count", "must be in [2, " + n + "], got " + count);
    return covarianceUnchecked(returns, count);
  }

  /**
   * The sample correlation matrix of aligned series; every series must vary (a constant series has no correlation).
   */
  public static double[][] correlation(double[][] returns) {
    return toCorrelation(covariance(returns), "returns");
  }

  /**
   * The correlation matrix of a covariance matrix, ρ_ij = c_ij / √(c_ii c_jj), with an exact unit diagonal and
   * entries clamped to [−1, 1] against rounding.
   *
   * @param cov  a symmetric covariance matrix with positive diagonal
   * @param field  the field named in errors
   * @return the correlation matrix
   */
  static double[][] toCorrelation(double[][] cov, String field) {
    int k = cov.length;
    double[] sd = new double[k];
    for (int i = 0; i < k; i++) {
      if (!(cov[i][i] > 0)) {
        throw new InvalidInputException(field + "[" + i + "]", "has zero variance, so no correlation");
      }
      sd[i] = Math.sqrt(cov[i][i]);
    }
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      out[i][i] = 1;
      for (int j = 0; j < i; j++) {
        double r = Math.max(-1, Math.min(1, cov[i][j] / (sd[i] * sd[j])));
        out[i][j] = r;
        out[j][i] = r;
      }
    }
    return out;
  }

  static double meanUnchecked(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }

  static double varianceUnchecked(double[] x, int from, int to) {
    double m = meanUnchecked(x, from, to);
    double s = 0;
    for (int i = from; i < to; i++) {
      double d = x[i] - m;
      s += d * d;
    }
    return s / (to - from - 1);
  }

  private static double[][] covarianceUnchecked(double[][] returns, int n) {
    int k = returns.length;
    double[] mean = new double[k];
    for (int i = 0; i < k; i++) {
      mean[i] = meanUnchecked(returns[i], 0, n);
    }
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      double[] xi = returns[i];
      for (int j = 0; j <= i; j++) {
        double[] xj = returns[j];
        double s = 0;
        for (int t = 0; t < n; t++) {
          s += (xi[t] - mean[i]) * (xj[t] - mean[j]);
        }
        out[i][j] = s / (n - 1);
        out[j][i] = out[i][j];
      }
    }
    return out;
  }

  /** Checks one series: non-null, at least {@code min} values, all finite. */
  static void checkSeries(double[] x, int min, String field) {
    Checks.notNull(x, field);
    Checks.require(x.length >= min, field, "needs at least " + min + " observations, got " + x.length);
    for (int i = 0; i < x.length; i++) {
      Checks.finite(x[i], field + "[" + i + "]");
    }
  }

  /** Checks aligned series: at least one, all the same length ≥ min, all finite; returns the length. */
  static int checkAligned(double[][] returns, int min, String field) {
    Checks.notNull(returns, field);
    Checks.require(returns.length >= 1, field, "needs at least one series");
    Checks.notNull(returns[0], field + "[0]");
    int n = returns[0].length;
    for (int i = 0; i < returns.length; i++) {
      checkSeries(returns[i], min, field + "[" + i + "]");
      Checks.require(returns[i].length == n, field + "[" + i + "]",
          "series must be aligned: length " + returns[i].length + ", expected " + n);
    }
    return n;
  }
}
