package org.pmargin.core.stats;

import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.special.Erf;
import org.pmargin.core.validation.Checks;

/**
 * VaR backtest statistics on a record of exceptions (days whose loss exceeded the VaR): Kupiec's unconditional
 * coverage test, Christoffersen's independence and conditional coverage tests and the Basel traffic-light zone (over
 * the whole record here; over the trailing 250 days, as supervisors apply it, in {@link RollingTrafficLight}).
 *
 * <p>Why: a margin model is only as good as its coverage; these are the standard regulatory and academic checks that
 * exceptions are as rare as the confidence level promises (Kupiec 1995), do not cluster (Christoffersen 1998), and
 * which Basel zone (1996 supervisory framework) the count falls in.
 *
 * <p>Formulas, with expected exception rate p = 1 − α, n observations and x exceptions, and 0·ln 0 = 0:
 * <ul>
 *   <li>Kupiec: LR_uc = −2·[(n − x)·ln(1 − p) + x·ln p − (n − x)·ln(1 − x/n) − x·ln(x/n)];</li>
 *   <li>Christoffersen: with n_ij the number of days in state j (1 = exception) after a day in state i,
 *   π_01 = n_01/(n_00 + n_01), π_11 = n_11/(n_10 + n_11), π = (n_01 + n_11)/(n − 1),
 *   LR_ind = −2·[(n_00 + n_10)·ln(1 − π) + (n_01 + n_11)·ln π − n_00·ln(1 − π_01) − n_01·ln π_01
 *   − n_10·ln(1 − π_11) − n_11·ln π_11];</li>
 *   <li>both are asymptotically χ² with 1 degree of freedom; the p-value is P(χ²_1 &gt; LR) = erfc(√(LR/2));</li>
 *   <li>conditional coverage (Christoffersen 1998): LR_cc = LR_uc + LR_ind, with LR_uc over all n days (the usual
 *   practice; Christoffersen's exact decomposition drops the first day from LR_uc), asymptotically χ² with 2 degrees
 *   of freedom, p = P(χ²_2 &gt; LR) = e^(−LR/2);</li>
 *   <li>traffic light: with F the binomial(n, p) cumulative distribution, green when F(x) &lt; 95%, yellow when
 *   95% ≤ F(x) &lt; 99.99%, red otherwise; for n = 250 at 99% this is green 0–4, yellow 5–9, red ≥ 10.</li>
 * </ul>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class BacktestStatistics {

  /** Cumulative probability at which the yellow zone starts. */
  public static final double YELLOW_THRESHOLD = 0.95;
  /** Cumulative probability at which the red zone starts. */
  public static final double RED_THRESHOLD = 0.9999;

  private BacktestStatistics() {
  }

  /**
   * A likelihood-ratio test result.
   *
   * @param statistic  the LR statistic, ≥ 0
   * @param pValue  P(χ² &gt; statistic) under the test's χ² distribution (1 degree of freedom; 2 for conditional
   *     coverage), in [0, 1]
   */
  public record LikelihoodRatio(double statistic, double pValue) {

    /** Validates the values. */
    public LikelihoodRatio {
      Checks.nonNegative(statistic, "statistic");
      Checks.inRange(pValue, 0, 1, "p_value");
    }

    /** Whether the model is rejected at a significance level, e.g. 0.05. */
    public boolean rejectedAt(double significance) {
      return pValue < significance;
    }
  }

  /** The Basel traffic-light zone. */
  public enum Zone {
    /** The count is consistent with an accurate model. */
    GREEN,
    /** The count is possible for an accurate model but suspicious. */
    YELLOW,
    /** The count is almost impossible for an accurate model. */
    RED
  }

  /**
   * Kupiec's proportion-of-failures (unconditional coverage) test.
   *
   * @param observations  n ≥ 1
   * @param exceptions  x in [0, n]
   * @param confidence  the VaR confidence α in (0, 1)
   * @return LR_uc and its p-value
   */
  public static LikelihoodRatio kupiec(int observations, int exceptions, double confidence) {
    double p = checkCounts(observations, exceptions, confidence);
    int n = observations;
    int x = exceptions;
    double observed = (double) x / n;
    double lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - observed) - xlogy(x, observed));
    return result(lr);
  }

  /** Kupiec's test on an exception record (true = exception). */
  public static LikelihoodRatio kupiec(boolean[] exceptions, double confidence) {
    Checks.notNull(exceptions, "exceptions");
    return kupiec(exceptions.length, count(exceptions), confidence);
  }

  /**
   * Christoffersen's independence test: whether an exception is more likely the day after an exception.
   *
   * @param exceptions  the exception record in date order, at least 2 days
   * @return LR_ind and its p-value (0 and 1 when there are no exceptions, or nothing but exceptions)
   */
  public static LikelihoodRatio christoffersen(boolean[] exceptions) {
    Checks.notNull(exceptions, "exceptions");
    Checks.require(exceptions.length >= 2, "exceptions", "needs at least 2 days, got " + exceptions.length);
    long n00 = 0;
    long n01 = 0;
    long n10 = 0;
    long n11 = 0;
    for (int t = 1; t < exceptions.length; t++) {
      boolean prev = exceptions[t - 1];
      boolean now = exceptions[t];
      if (prev) {
        if (now) {
          n11++;
        } else {
          n10++;
        }
      } else if (now) {
        n01++;
      } else {
        n00++;
      }
    }
    double pi01 = n00 + n01 == 0 ? 0 : (double) n01 / (n00 + n01);
    double pi11 = n10 + n11 == 0 ? 0 : (double) n11 / (n10 + n11);
    double pi = (double) (n01 + n11) / (n00 + n01 + n10 + n11);
    double restricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
    double unrestricted = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
    return result(-2 * (restricted - unrestricted));
  }

  /**
   * Christoffersen's conditional coverage test: the joint test that exceptions are as rare as promised and do not
   * cluster, LR_cc = LR_uc + LR_ind, χ² with 2 degrees of freedom.
   *
   * @param exceptions  the exception record in date order, at least 2 days
   * @param confidence  the VaR confidence α in (0, 1)
   * @return LR_cc and its p-value
   */
  public static LikelihoodRatio conditionalCoverage(boolean[] exceptions, double confidence) {
    return conditionalCoverage(kupiec(exceptions, confidence), christoffersen(exceptions));
  }

  /**
   * The conditional coverage test from its two parts, computed on the same exception record.
   *
   * @param kupiec  Kupiec's unconditional coverage test
   * @param independence  Christoffersen's independence test
   * @return LR_cc = LR_uc + LR_ind and P(χ²_2 &gt; LR_cc) = e^(−LR_cc/2)
   */
  public static LikelihoodRatio conditionalCoverage(LikelihoodRatio kupiec, LikelihoodRatio independence) {
    Checks.notNull(kupiec, "kupiec");
    Checks.notNull(independence, "independence");
    double lr = kupiec.statistic() + independence.statistic();
    return new LikelihoodRatio(lr, Math.max(0, Math.min(1, Math.exp(-lr / 2))));
  }

  /**
   * The traffic-light zone of an exception count.
   *
   * @param observations  n ≥ 1 (250 in the Basel framework)
   * @param exceptions  x in [0, n]
   * @param confidence  the VaR confidence α (0.99 in the Basel framework)
   * @return the zone
   */
  public static Zone trafficLight(int observations, int exceptions, double confidence) {
    double p = checkCounts(observations, exceptions, confidence);
    double cdf = new BinomialDistribution(observations, p).cumulativeProbability(exceptions);
    if (cdf < YELLOW_THRESHOLD) {
      return Zone.GREEN;
    }
    return cdf < RED_THRESHOLD ? Zone.YELLOW : Zone.RED;
  }

  private static double checkCounts(int observations, int exceptions, double confidence) {
    Checks.require(observations >= 1, "observations", "must be at least 1, got " + observations);
    Checks.require(exceptions >= 0 && exceptions <= observations, "exceptions",
        "must be in [0, " + observations + "], got " + exceptions);
    Checks.require(confidence > 0 && confidence < 1, "confidence", "must be in (0, 1), got " + confidence);
    return 1 - confidence;
  }

  private static LikelihoodRatio result(double lr) {
    // rounding can leave −1e-15 when the observed rate equals the model's
    double stat = Math.max(0, lr);
    double p = Erf.erfc(Math.sqrt(stat / 2));
    return new LikelihoodRatio(stat, Math.max(0, Math.min(1, p)));
  }

  /** a·ln b with 0·ln 0 = 0. */
  private static double xlogy(double a, double b) {
    return a == 0 ? 0 : a * Math.log(b);
  }

  private static int count(boolean[] e) {
    int c = 0;
    for (boolean b : e) {
      if (b) {
        c++;
      }
    }
    return c;
  }
}
