package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * Out-of-sample GARCH / GJR variance forecasts over a whole history: the model is fitted by maximum likelihood on
 * an expanding window (every return before the refit date) every {@code refitEvery} days, each refit starting from
 * the previous parameters; between refits the variance is carried by the recursion with the last parameters. A
 * forecast at t thus uses returns before t only (see {@link VolForecast}).
 *
 * @param variant  GARCH or GJR
 * @param varianceTargeting  whether each fit fixes the long-run variance at the window's sample variance
 * @param minFit  the returns of the first fit, ≥ {@value GarchFit#MIN_OBSERVATIONS}
 * @param refitEvery  days between refits, ≥ 1
 */
public record GarchForecaster(GarchFit.Variant variant, boolean varianceTargeting, int minFit, int refitEvery) {

  /** Validates the settings. */
  public GarchForecaster {
    Checks.notNull(variant, "variant");
    Checks.require(minFit >= GarchFit.MIN_OBSERVATIONS, "min_fit", "must be at least " + GarchFit.MIN_OBSERVATIONS
        + ", got " + minFit);
    Checks.require(refitEvery >= 1, "refit_every", "must be at least 1, got " + refitEvery);
  }

  /** The model's name in reports: {@code garch} or {@code gjr}, with {@code -vt} for variance targeting. */
  public String name() {
    return variant.name().toLowerCase(java.util.Locale.ROOT) + (varianceTargeting ? "-vt" : "");
  }

  /**
   * The forecasts.
   *
   * @param returns  finite daily log returns, more than {@code minFit}
   * @return n + 1 variances, out of sample from {@code minFit} on
   */
  public VolForecast forecast(double[] returns) {
    Garch.checkReturns(returns, minFit + 1);
    int n = returns.length;
    double[] v = new double[n + 1];
    GarchParameters last = null;
    int refits = 0;
    for (int k = minFit; k <= n; k += refitEvery) {
      double[] window = java.util.Arrays.copyOf(returns, k);
      GarchFit fit = GarchFit.fit(window, variant, varianceTargeting, last);
      last = fit.parameters();
      refits++;
      double[] filtered = Garch.variances(last, window, fit.sampleVariance());
      if (k == minFit) {
        System.arraycopy(filtered, 0, v, 0, k + 1);
      } else {
        v[k] = filtered[k];
      }
      int end = Math.min(n, k + refitEvery);
      for (int t = k; t < end; t++) {
        v[t + 1] = last.next(returns[t], v[t]);
      }
    }
    return new VolForecast(name(), minFit, v, refits);
  }
}
