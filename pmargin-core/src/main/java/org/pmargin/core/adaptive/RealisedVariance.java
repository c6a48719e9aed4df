package org.pmargin.core.adaptive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.validation.Checks;

/**
 * Daily realised variance from hourly bars: RV_d = Σ r_h² over the hourly log returns of UTC day d, the intraday
 * information a daily close misses (Andersen and Bollerslev 1998).
 *
 * <p>Conventions: an hour's return is ln(close / previous close) when the previous bar opened exactly one hour
 * earlier, else ln(close / open) of the bar itself (the first bar after a gap); a day enters only with at least
 * {@code minBars} bars (missing hours are not filled, so a day with many missing would understate its variance).
 */
public final class RealisedVariance {

  /** The default least bars a day needs: 20 of 24. */
  public static final int DEFAULT_MIN_BARS = 20;

  private RealisedVariance() {
  }

  /**
   * The realised variance of each day with enough bars.
   *
   * @param opens  the bars' open times, strictly increasing
   * @param openPrices  the bars' opens, &gt; 0
   * @param closes  the bars' closes, &gt; 0
   * @param minBars  the least bars a day needs, in [1, 24]
   * @return RV by UTC day, ascending (days with too few bars left out)
   */
  public static TreeMap<LocalDate, Double> daily(Instant[] opens, double[] openPrices, double[] closes,
      int minBars) {
    Checks.notNull(opens, "opens");
    Checks.notNull(openPrices, "open_prices");
    Checks.notNull(closes, "closes");
    Checks.require(openPrices.length == opens.length && closes.length == opens.length, "closes",
        "opens, open prices and closes must have one value per bar");
    Checks.require(minBars >= 1 && minBars <= 24, "min_bars", "must be in [1, 24], got " + minBars);
    Map<LocalDate, double[]> sums = new TreeMap<>(); // {sum of squares, bars}
    for (int i = 0; i < opens.length; i++) {
      Checks.notNull(opens[i], "opens[" + i + "]");
      Checks.positive(openPrices[i], "open_prices[" + i + "]");
      Checks.positive(closes[i], "closes[" + i + "]");
      if (i > 0) {
        Checks.require(opens[i].isAfter(opens[i - 1]), "opens[" + i + "]", "must be after the previous bar's "
            + opens[i - 1]);
      }
      boolean follows = i > 0 && opens[i].getEpochSecond() - opens[i - 1].getEpochSecond() == 3600;
      double r = Math.log(closes[i] / (follows ? closes[i - 1] : openPrices[i]));
      double[] s = sums.computeIfAbsent(opens[i].atZone(ZoneOffset.UTC).toLocalDate(), d -> new double[2]);
      s[0] += r * r;
      s[1]++;
    }
    TreeMap<LocalDate, Double> out = new TreeMap<>();
    for (Map.Entry<LocalDate, double[]> e : sums.entrySet()) {
      if (e.getValue()[1] >= minBars && e.getValue()[0] > 0) {
        out.put(e.getKey(), e.getValue()[0]);
      }
    }
    return out;
  }
}
