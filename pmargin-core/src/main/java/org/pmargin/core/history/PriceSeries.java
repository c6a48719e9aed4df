package org.pmargin.core.history;

import java.time.LocalDate;
import java.util.Arrays;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A daily (or other regular) series of one asset's USD price, or of a level such as an implied-vol index: strictly
 * increasing dates and finite positive values, no gaps filled in.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PriceSeries {

  private final Asset asset;
  private final LocalDate[] dates;
  private final double[] values;

  /**
   * Creates a series.
   *
   * @param asset  the asset (or index, e.g. {@code BTCDVOL})
   * @param dates  strictly increasing dates
   * @param values  the value at each date, finite and &gt; 0
   */
  public PriceSeries(Asset asset, LocalDate[] dates, double[] values) {
    this.asset = Checks.notNull(asset, "asset");
    Checks.notNull(dates, "dates");
    Checks.notNull(values, "values");
    Checks.require(dates.length == values.length, "values", "must have one value per date");
    for (int i = 0; i < dates.length; i++) {
      Checks.notNull(dates[i], "dates[" + i + "]");
      if (i > 0 && !dates[i].isAfter(dates[i - 1])) {
        throw new InvalidInputException("dates[" + i + "]", asset + ": dates must increase strictly, got "
            + dates[i - 1] + " then " + dates[i]);
      }
      Checks.positive(values[i], asset + ".values[" + i + "] (" + dates[i] + ")");
    }
    this.dates = dates.clone();
    this.values = values.clone();
  }

  /** The asset. */
  public Asset asset() {
    return asset;
  }

  /** The number of observations. */
  public int size() {
    return dates.length;
  }

  /** The date of an observation. */
  public LocalDate date(int i) {
    return dates[i];
  }

  /** The value of an observation. */
  public double value(int i) {
    return values[i];
  }

  /** The index of a date, or −1. */
  public int indexOf(LocalDate date) {
    int i = Arrays.binarySearch(dates, date);
    return i >= 0 ? i : -1;
  }

  /**
   * The observations dated from {@code from} to {@code to}, both inclusive (a bound that is null is open): the
   * series a history window sees. The result may be empty.
   *
   * @param from  the first date kept, or null for the series' start
   * @param to  the last date kept, or null for the series' end
   * @return the sub-series, of the same asset
   */
  public PriceSeries between(LocalDate from, LocalDate to) {
    int a = from == null ? 0 : ceiling(from);
    int b = to == null ? dates.length : ceiling(to.plusDays(1));
    if (a == 0 && b == dates.length) {
      return this;
    }
    int end = Math.max(a, b);
    return new PriceSeries(asset, Arrays.copyOfRange(dates, a, end), Arrays.copyOfRange(values, a, end));
  }

  /** The index of the first date on or after {@code date} (size() when none). */
  private int ceiling(LocalDate date) {
    int i = Arrays.binarySearch(dates, date);
    return i >= 0 ? i : -i - 1;
  }

  /** The dates (a copy). */
  public LocalDate[] dates() {
    return dates.clone();
  }

  /** The values (a copy). */
  public double[] values() {
    return values.clone();
  }
}
