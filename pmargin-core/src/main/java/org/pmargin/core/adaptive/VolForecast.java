package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * Out-of-sample daily variance forecasts of a return series, in the convention of
 * {@link org.pmargin.core.stats.Ewma#variances(double[])}: n + 1 values for n returns, element t the variance of
 * return t. From {@link #first()} on, element t is known at the start of period t: built from returns 0..t−1 only,
 * with parameters fitted on returns before t. Elements before {@code first} are the in-sample filter of the first
 * fit: known at {@code first}, not earlier, so they may only be used on dates from {@code first} on (as the
 * standardised residuals of a filtered historical simulation on such a date are).
 *
 * @param name  the model, for reports
 * @param first  the first index whose forecast is out of sample, ≥ 0
 * @param variance  the n + 1 variances, each finite and &gt; 0
 * @param refits  how many times the model was refitted
 */
public record VolForecast(String name, int first, double[] variance, int refits) {

  /** Validates the fields. */
  public VolForecast {
    Checks.notBlank(name, "name");
    Checks.notNull(variance, "variance");
    Checks.require(first >= 0 && first < variance.length, "first", "must be in [0, " + variance.length + "), got "
        + first);
    for (int t = 0; t < variance.length; t++) {
      Checks.positive(variance[t], "variance[" + t + "]");
    }
  }

  /** The volatilities (square roots), the same indexing. */
  public double[] volatilities() {
    double[] out = new double[variance.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = Math.sqrt(variance[t]);
    }
    return out;
  }
}
