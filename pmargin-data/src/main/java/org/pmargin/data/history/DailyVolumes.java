package org.pmargin.data.history;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataFiles;

/**
 * Average daily USD trading volume per asset from the data directory's {@code daily/*.csv} ({@code volume_usd}),
 * over the last N rows with a positive volume dated within a history window: the market depth the liquidity add-on
 * measures positions against, as known at the window's end (never from rows after it).
 */
public final class DailyVolumes {

  private DailyVolumes() {
  }

  /**
   * The averages.
   *
   * @param dataDir  the data directory
   * @param days  how many of the most recent rows to average
   * @param from  the first date a row may have, or null for none
   * @param to  the last date a row may have (the history window's end)
   * @return average USD volume by asset (assets without volume in the window are left out)
   */
  public static Map<Asset, Double> average(Path dataDir, int days, LocalDate from, LocalDate to) {
    Map<Asset, Double> out = new TreeMap<>();
    for (Path f : DataFiles.list(dataDir.resolve("daily"), ".csv")) {
      String name = DataFiles.plainName(f);
      Asset asset = Asset.of(name.substring(0, name.length() - 4));
      List<Map<String, String>> rows = CsvFiles.read(f);
      double sum = 0;
      int n = 0;
      for (int i = rows.size() - 1; i >= 0 && n < days; i--) {
        LocalDate date = date(rows.get(i).get("date"));
        if (date == null || date.isAfter(to)) {
          continue;
        }
        if (from != null && date.isBefore(from)) {
          break;
        }
        String v = rows.get(i).get("volume_usd");
        try {
          double x = v == null ? 0 : Double.parseDouble(v);
          if (x > 0 && Double.isFinite(x)) {
            sum += x;
            n++;
          }
        } catch (NumberFormatException e) {
          // a bad volume cell is skipped, like a missing one: the average needs no repair
        }
      }
      if (n > 0) {
        out.put(asset, sum / n);
      }
    }
    return out;
  }

  /**
   * Each asset's daily USD volume as a series: every row of {@code daily/*.csv} with a readable date and a positive
   * {@code volume_usd}, in date order (a repeated date keeps its first row; missing or zero volumes are left out).
   *
   * @param dataDir  the data directory
   * @return volume series by asset (assets without any volume left out)
   */
  public static Map<Asset, org.pmargin.core.history.PriceSeries> series(Path dataDir) {
    Map<Asset, org.pmargin.core.history.PriceSeries> out = new TreeMap<>();
    for (Path f : DataFiles.list(dataDir.resolve("daily"), ".csv")) {
      String name = DataFiles.plainName(f);
      Asset asset = Asset.of(name.substring(0, name.length() - 4));
      TreeMap<LocalDate, Double> rows = new TreeMap<>();
      for (Map<String, String> row : CsvFiles.read(f)) {
        LocalDate date = date(row.get("date"));
        String v = row.get("volume_usd");
        try {
          double x = v == null ? 0 : Double.parseDouble(v);
          if (date != null && x > 0 && Double.isFinite(x)) {
            rows.putIfAbsent(date, x);
          }
        } catch (NumberFormatException e) {
          // a bad volume cell is left out, like a missing one
        }
      }
      if (!rows.isEmpty()) {
        out.put(asset, new org.pmargin.core.history.PriceSeries(asset, rows.keySet().toArray(LocalDate[]::new),
            rows.values().stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    return out;
  }

  private static LocalDate date(String s) {
    try {
      return s == null ? null : LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      return null; // a row without a readable date has no place in a window
    }
  }
}
