package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * How procyclical a margin record is: the largest rise over one day and over five days, relative to the margin
 * before it, and the peak-to-trough ratio (the largest margin over the smallest), the measures of the CPMI-IOSCO
 * and EMIR anti-procyclicality discussions. A margin that jumps in a crash forces collateral calls when liquidity is
 * scarcest; lower is better on each.
 *
 * @param maxOneDayIncrease  max_t (M_t / M_{t−1} − 1), ≥ 0 (0 when the margin never rises)
 * @param maxFiveDayIncrease  max_t (M_t / M_{t−5} − 1), ≥ 0
 * @param peakToTrough  max M / min M, ≥ 1
 */
public record Procyclicality(double maxOneDayIncrease, double maxFiveDayIncrease, double peakToTrough) {

  /**
   * The measures of a margin record in date order (consecutive margin dates).
   *
   * @param margin  at least 6 margins, each finite and &gt; 0
   */
  public static Procyclicality of(double[] margin) {
    Checks.notNull(margin, "margin");
    Checks.require(margin.length >= 6, "margin", "needs at least 6 days, got " + margin.length);
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    double one = 0;
    double five = 0;
    for (int t = 0; t < margin.length; t++) {
      double m = Checks.positive(margin[t], "margin[" + t + "]");
      max = Math.max(max, m);
      min = Math.min(min, m);
      if (t >= 1) {
        one = Math.max(one, m / margin[t - 1] - 1);
      }
      if (t >= 5) {
        five = Math.max(five, m / margin[t - 5] - 1);
      }
    }
    return new Procyclicality(one, five, max / min);
  }
}
