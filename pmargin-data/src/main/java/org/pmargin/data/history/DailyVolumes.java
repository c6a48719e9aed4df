package org.pmargin.data.history;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataFiles;

/**
 * Average daily USD trading volume per asset from the data directory's {@code daily/*.csv} ({@code volume_usd}),
 * over the last N rows with a positive volume: the market depth the liquidity add-on measures positions against.
 */
public final class DailyVolumes {

  private DailyVolumes() {
  }

  /**
   * The averages.
   *
   * @param dataDir  the data directory
   * @param days  how many of the most recent rows to average
   * @return average USD volume by asset (assets without volume are left out)
   */
  public static Map<Asset, Double> average(Path dataDir, int days) {
    Map<Asset, Double> out = new TreeMap<>();
    for (Path f : DataFiles.list(dataDir.resolve("daily"), ".csv")) {
      String name = DataFiles.plainName(f);
      Asset asset = Asset.of(name.substring(0, name.length() - 4));
      List<Map<String, String>> rows = CsvFiles.read(f);
      double sum = 0;
      int n = 0;
      for (int i = rows.size() - 1; i >= 0 && n < days; i--) {
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
}
