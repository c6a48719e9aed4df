package org.pmargin.core.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Several price (or index level) series restricted to the dates they all have, so that a scenario moves every
 * factor over the same window.
 *
 * <p>Why: crypto spot trades every day but vol indices, stablecoin prices or exchange data have gaps; a joint
 * scenario must not pair one asset's move over one day with another's over a different one. Dates missing from any
 * series are dropped from all (no filling), so a return over a dropped date spans the gap. Series are kept in the
 * order given, as {@code values[series][date]}.
 *
 * <p>This class is immutable and thread-safe (arrays are copied in and out).
 */
public final class AlignedHistory {

  private final List<Asset> assets;
  private final LocalDate[] dates;
  private final double[][] values;

  private AlignedHistory(List<Asset> assets, LocalDate[] dates, double[][] values) {
    this.assets = List.copyOf(assets);
    this.dates = dates;
    this.values = values;
  }

  /**
   * Aligns series on their common dates.
   *
   * @param series  at least one series, distinct assets
   * @return the aligned history, with at least one common date
   */
  public static AlignedHistory of(List<PriceSeries> series) {
    Checks.notNull(series, "series");
    Checks.require(!series.isEmpty(), "series", "needs at least one price series");
    List<Asset> assets = new ArrayList<>(series.size());
    Set<Asset> seen = new HashSet<>();
    for (int i = 0; i < series.size(); i++) {
      PriceSeries s = Checks.notNull(series.get(i), "series[" + i + "]");
      if (!seen.add(s.asset())) {
        throw new InvalidInputException("series[" + i + "]", "duplicate asset " + s.asset());
      }
      assets.add(s.asset());
    }
    // common dates: walk the first series, keep dates every other series has (binary search, O(n log n · k))
    PriceSeries first = series.get(0);
    List<LocalDate> common = new ArrayList<>(first.size());
    for (int t = 0; t < first.size(); t++) {
      LocalDate d = first.date(t);
      boolean all = true;
      for (int i = 1; i < series.size() && all; i++) {
        all = series.get(i).indexOf(d) >= 0;
      }
      if (all) {
        common.add(d);
      }
    }
    if (common.isEmpty()) {
      throw new InvalidInputException("series", "have no date in common: " + assets);
    }
    LocalDate[] dates = common.toArray(LocalDate[]::new);
    double[][] values = new double[series.size()][dates.length];
    for (int i = 0; i < series.size(); i++) {
      PriceSeries s = series.get(i);
      for (int t = 0; t < dates.length; t++) {
        values[i][t] = s.value(s.indexOf(dates[t]));
      }
    }
    return new AlignedHistory(assets, dates, values);
  }

  /** The assets, in the order given. */
  public List<Asset> assets() {
    return assets;
  }

  /** The number of common dates. */
  public int size() {
    return dates.length;
  }

  /** A common date. */
  public LocalDate date(int t) {
    return dates[t];
  }

  /** The common dates (a copy). */
  public LocalDate[] dates() {
    return dates.clone();
  }

  /** A series' values on the common dates (a copy). */
  public double[] values(int series) {
    return values[series].clone();
  }

  /** The index of an asset's series, or −1. */
  public int indexOf(Asset asset) {
    return assets.indexOf(asset);
  }

  /** A series' one-step log returns on the common dates: size() − 1 values, element t = ln(v[t+1] / v[t]). */
  public double[] logReturns(int series) {
    return logReturns(series, 1);
  }

  /**
   * A series' overlapping h-step log returns: size() − h values, element w = ln(v[w+h] / v[w]) (the window ending
   * on date w + h).
   */
  public double[] logReturns(int series, int horizon) {
    Checks.require(horizon >= 1, "horizon_days", "must be at least 1, got " + horizon);
    int n = dates.length;
    Checks.require(n - horizon >= 1, "horizon_days", "needs more than " + horizon + " common dates, got " + n);
    double[] v = values[series];
    double[] out = new double[n - horizon];
    for (int w = 0; w < out.length; w++) {
      out[w] = Math.log(v[w + horizon] / v[w]);
    }
    return out;
  }
}
