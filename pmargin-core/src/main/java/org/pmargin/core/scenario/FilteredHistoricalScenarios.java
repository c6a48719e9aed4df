package org.pmargin.core.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper 1999; Hull and White 1998): history's daily
 * returns are rescaled from the volatility of their own day to today's, so a calm history replayed in a stressed
 * market shows stressed moves, and vice versa.
 *
 * <p>Convention, no look-ahead: with daily log returns r_t (from aligned date t to t + 1) and EWMA variance
 * forecasts σ²_t known at the <em>start</em> of day t (built from returns before t only, see {@link Ewma}), the
 * filtered return is r̃_t = r_t · σ_today / σ_t, where σ_today = σ_m is the forecast after the last return (m daily
 * returns). The first {@code ewma.seedObservations()} returns seed the recursion and are burn-in: they are not
 * replayed, since their σ_t would have seen them. Filtered daily returns are then summed over every overlapping
 * h-day window: m − N − h + 1 scenarios for m returns and seed N, each labelled with its window's end date. Vol-index
 * log changes, where a factor has a vol index, are filtered the same way by their own EWMA vol-of-vol.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class FilteredHistoricalScenarios {

  private FilteredHistoricalScenarios() {
  }

  /**
   * Builds the scenario set.
   *
   * @param prices  one USD price series per factor, distinct assets
   * @param volIndices  vol-index level series keyed by factor asset (may be empty, not null)
   * @param horizonDays  h ≥ 1, in aligned observations
   * @param ewma  the volatility filter (e.g. {@link Ewma#riskMetrics()})
   * @return the filtered scenarios
   */
  public static ScenarioSet build(List<PriceSeries> prices, Map<Asset, PriceSeries> volIndices, int horizonDays,
      Ewma ewma) {
    Checks.notNull(ewma, "ewma");
    return build(prices, volIndices, horizonDays, ewma, (f, r) -> ewma.volatilities(r), "lambda " + ewma.lambda());
  }

  /**
   * Builds the scenario set with another filter of the price returns (vol-index changes keep the EWMA filter, and
   * the EWMA's seed is the burn-in of both, so the set has as many scenarios as the EWMA one).
   *
   * @param prices  one USD price series per factor, distinct assets
   * @param volIndices  vol-index level series keyed by factor asset (may be empty, not null)
   * @param horizonDays  h ≥ 1, in aligned observations
   * @param ewma  the filter of the vol-index changes and the burn-in
   * @param priceFilter  the filter of the price returns
   * @param filterName  the price filter in the set's name (e.g. {@code lambda 0.94}, {@code garch})
   * @return the filtered scenarios
   */
  public static ScenarioSet build(List<PriceSeries> prices, Map<Asset, PriceSeries> volIndices, int horizonDays,
      Ewma ewma, VolFilter priceFilter, String filterName) {
    Checks.notNull(ewma, "ewma");
    Checks.notNull(priceFilter, "price_filter");
    HistoricalScenarios.Aligned a = HistoricalScenarios.Aligned.of(prices, volIndices, horizonDays);
    int k = a.factors().size();
    int n = a.history().size();
    int m = n - 1;
    int burn = ewma.seedObservations();
    int windows = m - burn - horizonDays + 1;
    if (windows < 1) {
      throw new InvalidInputException("prices", "need at least " + (burn + horizonDays + 1) + " common dates for a "
          + burn + "-return EWMA seed and a " + horizonDays + "-day window, got " + n);
    }
    double[][] ret = new double[windows][k];
    double[][] vol = a.hasVol() ? new double[windows][k] : null;
    for (int f = 0; f < k; f++) {
      Asset factor = a.factors().get(f);
      fill(ret, f, filtered(factor, a.history().logReturns(f), priceFilter, burn, factor.toString()), horizonDays);
      if (a.volRow()[f] >= 0) {
        fill(vol, f, filtered(factor, a.history().logReturns(a.volRow()[f]), (x, r) -> ewma.volatilities(r), burn,
            factor + " vol index"), horizonDays);
      }
    }
    List<String> labels = new ArrayList<>(windows);
    for (int w = 0; w < windows; w++) {
      labels.add(a.history().date(burn + w + horizonDays).toString());
    }
    String name = "filtered historical " + horizonDays + "d " + filterName + " " + a.history().date(0) + ".."
        + a.history().date(n - 1);
    return new ScenarioSet(name, a.factors(), ret, vol, labels);
  }

  /** Filtered daily returns r_t·σ_m/σ_t for t in [burn, m); index 0 is day burn. */
  static double[] filtered(Asset factor, double[] r, VolFilter filter, int burn, String what) {
    double[] sigma = filter.volatilities(factor, r);
    int m = r.length;
    if (sigma.length != m + 1) {
      throw new IllegalArgumentException("the volatility filter gave " + sigma.length + " values for " + m
          + " returns, not " + (m + 1));
    }
    double today = sigma[m];
    double[] out = new double[m - burn];
    for (int t = burn; t < m; t++) {
      if (!(sigma[t] > 0)) {
        throw new InvalidInputException("prices." + what, "the filter's volatility is zero on day " + t
            + " (constant history), cannot filter");
      }
      out[t - burn] = r[t] * (today / sigma[t]);
    }
    return out;
  }

  private static void fill(double[][] target, int f, double[] daily, int h) {
    // direct sums (h is a few days): exact window sums with no sliding-sum rounding drift
    for (int w = 0; w < target.length; w++) {
      double sum = 0;
      for (int t = w; t < w + h; t++) {
        sum += daily[t];
      }
      target[w][f] = sum;
    }
  }
}
