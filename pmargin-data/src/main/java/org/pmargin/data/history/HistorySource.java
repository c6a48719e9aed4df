package org.pmargin.data.history;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.history.HistoryStore;

/**
 * The historical series the command line and the service replay, from the data directory: daily USD closes (Yahoo), extended for
 * BTC and ETH past the daily files' end with Binance's 23:00-UTC hourly closes in USDT (read as USD: USDT traded
 * within 0.1% of a dollar over 2025) as far as the hourly closes run without a gap of more than
 * {@value #MAX_EXTENSION_GAP_DAYS} days, and the DVOL indices by coin.
 *
 * @param prices  daily USD closes by asset
 * @param volIndices  DVOL levels by coin
 * @param report  what the cleaning of the directory dropped, fixed and flagged (printed beside every result)
 */
public record HistorySource(Map<Asset, PriceSeries> prices, Map<Asset, PriceSeries> volIndices,
    org.pmargin.data.history.CleaningReport report) {

  /**
   * The longest run of missing days the extension steps over (a day or two without a 23:00 bar happens in the
   * source); a longer gap ends the extension, so that it never joins two distant ranges with one return.
   */
  public static final int MAX_EXTENSION_GAP_DAYS = 3;

  /** Loads the data directory. */
  public static HistorySource load(Path dataDir) {
    return of(HistoryStore.loadFrom(dataDir));
  }

  /** The series of a loaded data directory (read once, shared with other uses of the store). */
  public static HistorySource of(HistoryStore store) {
    Map<Asset, PriceSeries> prices = new LinkedHashMap<>(store.all(HistoryStore.Source.DAILY));
    for (Map.Entry<Asset, PriceSeries> e : store.all(HistoryStore.Source.HOURLY_2300_USDT).entrySet()) {
      PriceSeries daily = prices.get(e.getKey());
      prices.put(e.getKey(), daily == null ? e.getValue() : extended(daily, e.getValue()));
    }
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Map.Entry<Asset, PriceSeries> e : store.all(HistoryStore.Source.VOL_INDEX).entrySet()) {
      String code = e.getKey().code();
      if (code.endsWith("DVOL")) {
        vols.put(Asset.of(code.substring(0, code.length() - 4)), e.getValue());
      }
    }
    return new HistorySource(prices, vols, store.report());
  }

  private static PriceSeries extended(PriceSeries daily, PriceSeries later) {
    LocalDate last = daily.date(daily.size() - 1);
    List<LocalDate> dates = new ArrayList<>(List.of(daily.dates()));
    List<Double> values = new ArrayList<>();
    for (double v : daily.values()) {
      values.add(v);
    }
    LocalDate previous = last;
    for (int i = 0; i < later.size(); i++) {
      LocalDate d = later.date(i);
      if (!d.isAfter(last)) {
        continue;
      }
      if (d.isAfter(previous.plusDays(MAX_EXTENSION_GAP_DAYS + 1))) {
        break; // a directory holding only ranges of hours: never bridge a gap with one spurious return
      }
      dates.add(d);
      values.add(later.value(i));
      previous = d;
    }
    return new PriceSeries(daily.asset(), dates.toArray(LocalDate[]::new),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
