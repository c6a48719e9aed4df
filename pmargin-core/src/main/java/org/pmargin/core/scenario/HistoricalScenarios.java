package org.pmargin.core.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Plain historical simulation: every overlapping h-day window of the aligned history is one scenario.
 *
 * <p>With n common dates there are n − h windows; window w runs from date w to date w + h and is labelled with its
 * end date (ISO). A factor's price shock is ln(P[w+h] / P[w]); its vol shock is the log change of its vol-index level
 * (e.g. DVOL) over the same window, or zero when it has no vol index. All series, vol indices included, are aligned
 * on their common dates first ({@link AlignedHistory}). Overlapping windows are not independent: tail statistics
 * from them are smoother but not more informative than from disjoint ones.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class HistoricalScenarios {

  private HistoricalScenarios() {
  }

  /**
   * Builds the scenario set.
   *
   * @param prices  one USD price series per factor, distinct assets
   * @param volIndices  vol-index level series keyed by factor asset (may be empty, not null)
   * @param horizonDays  h ≥ 1, in aligned observations
   * @return n − h scenarios over the price series' assets
   */
  public static ScenarioSet build(List<PriceSeries> prices, Map<Asset, PriceSeries> volIndices, int horizonDays) {
    Aligned a = Aligned.of(prices, volIndices, horizonDays);
    int k = a.factors.size();
    int n = a.history.size();
    int windows = n - horizonDays;
    double[][] ret = new double[windows][k];
    double[][] vol = a.hasVol ? new double[windows][k] : null;
    for (int f = 0; f < k; f++) {
      double[] r = a.history.logReturns(f, horizonDays);
      for (int w = 0; w < windows; w++) {
        ret[w][f] = r[w];
      }
      if (a.volRow[f] >= 0) {
        double[] dv = a.history.logReturns(a.volRow[f], horizonDays);
        for (int w = 0; w < windows; w++) {
          vol[w][f] = dv[w];
        }
      }
    }
    List<String> labels = new ArrayList<>(windows);
    for (int w = 0; w < windows; w++) {
      labels.add(a.history.date(w + horizonDays).toString());
    }
    String name = "historical " + horizonDays + "d " + a.history.date(0) + ".." + a.history.date(n - 1);
    return new ScenarioSet(name, a.factors, ret, vol, labels);
  }

  /** Price and vol-index series aligned together; rows 0..k−1 are the prices, volRow[f] the factor's vol index. */
  record Aligned(List<Asset> factors, AlignedHistory history, int[] volRow, boolean hasVol) {

    static Aligned of(List<PriceSeries> prices, Map<Asset, PriceSeries> volIndices, int horizonDays) {
      Checks.notNull(prices, "prices");
      Checks.notNull(volIndices, "vol_indices");
      Checks.require(horizonDays >= 1, "horizon_days", "must be at least 1, got " + horizonDays);
      Checks.require(!prices.isEmpty(), "prices", "needs at least one price series");
      List<PriceSeries> all = new ArrayList<>(prices);
      List<Asset> factors = new ArrayList<>(prices.size());
      for (int i = 0; i < prices.size(); i++) {
        factors.add(Checks.notNull(prices.get(i), "prices[" + i + "]").asset());
      }
      int[] volRow = new int[prices.size()];
      java.util.Arrays.fill(volRow, -1);
      for (Map.Entry<Asset, PriceSeries> e : volIndices.entrySet()) {
        int f = factors.indexOf(e.getKey());
        if (f < 0) {
          throw new InvalidInputException("vol_indices." + e.getKey(), "is not one of the price factors " + factors);
        }
        volRow[f] = all.size();
        all.add(Checks.notNull(e.getValue(), "vol_indices." + e.getKey()));
      }
      AlignedHistory h = AlignedHistory.of(all);
      Checks.require(h.size() > horizonDays, "prices", "need more than horizon_days = " + horizonDays
          + " common dates, got " + h.size());
      return new Aligned(factors, h, volRow, !volIndices.isEmpty());
    }
  }
}
