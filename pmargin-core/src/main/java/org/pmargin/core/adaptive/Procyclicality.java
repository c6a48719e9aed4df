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
   * The measures of a margin record on consecutive days (every date one day after the one before).
   *
   * @param margin  at least 6 margins, each finite and &gt; 0
   */
  public static Procyclicality of(double[] margin) {
    Checks.notNull(margin, "margin");
    java.time.LocalDate[] days = new java.time.LocalDate[margin.length];
    for (int t = 0; t < days.length; t++) {
      days[t] = java.time.LocalDate.EPOCH.plusDays(t);
    }
    return of(java.util.List.of(days), margin);
  }

  /**
   * The measures of a margin record whose dates may have gaps (a model with forecasts only on some stretches): a
   * rise counts only between dates exactly 1 (5) calendar days apart, never across a gap.
   *
   * @param dates  the margin dates, strictly increasing
   * @param margin  at least 6 margins, each finite and &gt; 0, one per date
   */
  public static Procyclicality of(java.util.List<java.time.LocalDate> dates, double[] margin) {
    Checks.notNull(margin, "margin");
    Checks.notNull(dates, "dates");
    Checks.require(margin.length >= 6, "margin", "needs at least 6 days, got " + margin.length);
    Checks.require(dates.size() == margin.length, "dates", "must have one date per margin");
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    double one = 0;
    double five = 0;
    for (int t = 0; t < margin.length; t++) {
      double m = Checks.positive(margin[t], "margin[" + t + "]");
      max = Math.max(max, m);
      min = Math.min(min, m);
      for (int back = 1; back <= 5 && back <= t; back++) {
        long gap = dates.get(t).toEpochDay() - dates.get(t - back).toEpochDay();
        if (gap == 1) {
          one = Math.max(one, m / margin[t - back] - 1);
        }
        if (gap == 5) {
          five = Math.max(five, m / margin[t - back] - 1);
        }
      }
    }
    return new Procyclicality(one, five, max / min);
  }
}
