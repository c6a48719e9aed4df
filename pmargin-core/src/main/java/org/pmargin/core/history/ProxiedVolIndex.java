package org.pmargin.core.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A vol index (e.g. Deribit's DVOL, which starts on 2021-03-24) extended back over the coin's price history with a
 * realised-vol proxy, so that an option book's scenarios can cover the crashes before the index existed (COVID,
 * 2020-03) instead of starting where the index starts.
 *
 * <p>The proxy: RV_t, the coin's annualised realised vol over the {@code rvDays} daily log returns ending at t
 * (zero mean, ×√365, in vol points). Its daily log changes are scaled by β = sd(Δ ln index) / sd(Δ ln RV) over the
 * days both exist in the series given (so the proxy's changes have the index's size: the 30-day realised vol
 * moves more than an implied vol), and the proxy level is chained back from the index's first level:
 * L_t = I_{t0} · exp(β · (ln RV_t − ln RV_{t0})) for t &lt; t0, the index's first date. The spliced series has the
 * proxy's scaled changes before t0 and the index's own from t0; only its log changes enter scenarios. β is
 * calibrated only on the history given, so a caller that cuts the series at a snapshot's cut-off gets no look-ahead.
 *
 * @param levels  the spliced series (the index's asset), or the index itself when no proxy was needed
 * @param proxyFrom  the first proxied date, or null when none
 * @param proxyTo  the last proxied date (the day before the index's first), or null
 * @param beta  the scale of the realised vol's log changes, or 0 when no proxy was needed
 * @param calibrationDays  the number of common log changes β was estimated on (0 when no proxy)
 */
public record ProxiedVolIndex(PriceSeries levels, LocalDate proxyFrom, LocalDate proxyTo, double beta,
    int calibrationDays) {

  /** The realised-vol window of the proxy, in daily returns. */
  public static final int DEFAULT_RV_DAYS = 30;

  /** The fewest common daily changes β is estimated on. */
  public static final int MIN_CALIBRATION_DAYS = 60;

  /** Whether any date is proxied. */
  public boolean proxied() {
    return proxyFrom != null;
  }

  /**
   * Extends an index back over the price history where the prices start earlier.
   *
   * @param prices  the coin's daily closes
   * @param index  the vol index's daily levels
   * @param rvDays  the realised-vol window, ≥ 2
   * @return the spliced series, or the index unchanged when the prices give no earlier realised vol
   * @throws InvalidInputException naming {@code history} when fewer than {@value #MIN_CALIBRATION_DAYS} common days
   *     calibrate β, or when a realised vol is zero
   */
  public static ProxiedVolIndex extend(PriceSeries prices, PriceSeries index, int rvDays) {
    Checks.notNull(prices, "prices");
    Checks.notNull(index, "vol_index");
    Checks.require(rvDays >= 2, "rv_days", "must be at least 2, got " + rvDays);
    Asset asset = index.asset();
    if (index.size() == 0 || prices.size() <= rvDays) {
      return none(index);
    }
    LocalDate t0 = index.date(0);
    int n = prices.size();
    double[] rv = new double[n]; // realised vol at price date i, for i >= rvDays (NaN before)
    java.util.Arrays.fill(rv, Double.NaN);
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double r = Math.log(prices.value(i) / prices.value(i - 1));
      sum += r * r;
      if (i > rvDays) {
        double old = Math.log(prices.value(i - rvDays) / prices.value(i - rvDays - 1));
        sum -= old * old;
      }
      if (i >= rvDays) {
        rv[i] = Math.sqrt(Math.max(sum, 0) / rvDays * 365) * 100;
      }
    }
    if (!prices.date(rvDays).isBefore(t0)) {
      return none(index);
    }
    // the first index date with a realised vol: the splice point
    int spliceIndex = -1;
    int splicePrice = -1;
    for (int j = 0; j < index.size() && spliceIndex < 0; j++) {
      int i = prices.indexOf(index.date(j));
      if (i >= rvDays) {
        spliceIndex = j;
        splicePrice = i;
      }
    }
    if (spliceIndex < 0) {
      throw new InvalidInputException("history", asset + ": no day with both the index and a " + rvDays
          + "-day realised vol, cannot scale the proxy");
    }
    // β over consecutive common dates (from the splice on)
    List<double[]> pairs = new ArrayList<>();
    int prevJ = -1;
    int prevI = -1;
    for (int j = spliceIndex; j < index.size(); j++) {
      int i = prices.indexOf(index.date(j));
      if (i < rvDays) {
        continue;
      }
      if (prevJ >= 0) {
        pairs.add(new double[] {Math.log(index.value(j) / index.value(prevJ)), logRatio(rv, i, prevI, asset, prices)});
      }
      prevJ = j;
      prevI = i;
    }
    if (pairs.size() < MIN_CALIBRATION_DAYS) {
      throw new InvalidInputException("history", asset + ": only " + pairs.size() + " days with both the index and "
          + "a realised vol up to the window's end; the proxy needs at least " + MIN_CALIBRATION_DAYS
          + " to be scaled to the index");
    }
    double beta = sd(pairs, 0) / sd(pairs, 1);
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new InvalidInputException("history", asset + ": the realised vol does not move, cannot scale the proxy");
    }
    List<LocalDate> dates = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double anchor = index.value(spliceIndex);
    double lnRv0 = Math.log(rv[splicePrice]);
    for (int i = rvDays; i < splicePrice; i++) {
      logRatio(rv, i, splicePrice, asset, prices); // refuses a zero realised vol
      dates.add(prices.date(i));
      values.add(anchor * Math.exp(beta * (Math.log(rv[i]) - lnRv0)));
    }
    LocalDate proxyFrom = dates.isEmpty() ? null : dates.get(0);
    LocalDate proxyTo = dates.isEmpty() ? null : dates.get(dates.size() - 1);
    for (int j = spliceIndex; j < index.size(); j++) {
      dates.add(index.date(j));
      values.add(index.value(j));
    }
    PriceSeries levels = new PriceSeries(asset, dates.toArray(LocalDate[]::new),
        values.stream().mapToDouble(Double::doubleValue).toArray());
    return new ProxiedVolIndex(levels, proxyFrom, proxyTo, proxyFrom == null ? 0 : beta, pairs.size());
  }

  private static ProxiedVolIndex none(PriceSeries index) {
    return new ProxiedVolIndex(index, null, null, 0, 0);
  }

  private static double logRatio(double[] rv, int i, int j, Asset asset, PriceSeries prices) {
    if (!(rv[i] > 0) || !(rv[j] > 0)) {
      throw new InvalidInputException("history", asset + ": the realised vol is zero around "
          + prices.date(rv[i] > 0 ? j : i) + " (constant prices), cannot build the proxy");
    }
    return Math.log(rv[i] / rv[j]);
  }

  private static double sd(List<double[]> pairs, int k) {
    double mean = 0;
    for (double[] p : pairs) {
      mean += p[k];
    }
    mean /= pairs.size();
    double ss = 0;
    for (double[] p : pairs) {
      ss += (p[k] - mean) * (p[k] - mean);
    }
    return Math.sqrt(ss / (pairs.size() - 1));
  }
}
