package org.pmargin.data.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.DataFiles;
import org.pmargin.data.history.CleaningReport.Action;
import org.pmargin.data.history.DataCleaning.Obs;
import org.pmargin.data.history.DataCleaning.QcRow;
import org.pmargin.data.history.DataCleaning.Rule;

/**
 * The daily price histories of the data directory ({@code data/README.md} and the full data set's README), read once, cleaned by the
 * documented rules of {@link DataCleaning} and held as {@link PriceSeries}, one map per {@link Source}. What the
 * cleaning dropped, fixed or flagged is in {@link #report()}; callers should print it next to any result.
 *
 * <p>Why several sources and not one spliced series: the sources differ in quote currency and day boundary, and
 * splicing is a modelling choice that belongs to the caller. The conventions applied here:
 * <ul>
 *   <li>{@link Source#DAILY}: {@code daily/*.csv} and {@code stablecoins/*.csv}, Yahoo close, USD, the close of
 *       UTC day D at date D (the primary series).</li>
 *   <li>{@link Source#COINGECKO}: {@code daily_coingecko/*.csv}. CoinGecko's date D is the 00:00-UTC snapshot, i.e.
 *       Yahoo's close of D-1, so every row is <b>shifted by -1 day</b>: the series value at date D is the snapshot
 *       of D+1 00:00 = the close of D, comparable with {@link Source#DAILY}.</li>
 *   <li>{@link Source#VOL_INDEX}: {@code vol_index/<X>_DVOL.csv} close, a level in vol points (78.08 = 78.08 %),
 *       under the asset {@code <X>DVOL} (e.g. {@code BTCDVOL}).</li>
 *   <li>{@link Source#HOURLY_2300_USDT}: from {@code hourly/<X>USDT_1h.csv}, the close of the 23:00-UTC bar of day D
 *       (= the close of D), <b>quoted in USDT</b>, under the base asset ({@code BTC}).</li>
 *   <li>{@link Source#HOURLY_2300_USD}: the same, converted to USD by <b>multiplying</b> by the USDT/USD close of D
 *       from {@link Source#DAILY} {@code USDT}; days without a USDT/USD close (after 2025-02-10) are omitted and
 *       reported.</li>
 * </ul>
 *
 * <p>This class is immutable after loading (the report is not to be modified by callers) and safe to share.
 */
public final class HistoryStore {

  /** Where a series comes from; see the class comment for the conventions. */
  public enum Source {
    /** Yahoo daily close, USD ({@code daily/}, {@code stablecoins/}). */
    DAILY,
    /** CoinGecko 00:00 snapshot shifted by -1 day, USD ({@code daily_coingecko/}). */
    COINGECKO,
    /** Deribit DVOL daily close, vol points ({@code vol_index/}). */
    VOL_INDEX,
    /** Binance 23:00-UTC hourly close, USDT ({@code hourly/}). */
    HOURLY_2300_USDT,
    /** Binance 23:00-UTC hourly close times the USDT/USD close, USD. */
    HOURLY_2300_USD
  }

  /** The QC file, relative to the data directory. */
  public static final String QC_FILE = "qc_daily_close_vs_next_open.csv";

  private final Path dataDir;
  private final Map<Source, Map<Asset, PriceSeries>> series;
  private final Map<Asset, List<HourlyBar>> hourly;
  private final CleaningReport report;

  private HistoryStore(Path dataDir, Map<Source, Map<Asset, PriceSeries>> series, Map<Asset, List<HourlyBar>> hourly,
      CleaningReport report) {
    this.dataDir = dataDir;
    this.series = series;
    this.hourly = hourly;
    this.report = report;
  }

  /**
   * Loads from the data directory found by {@link DataDirectory#find} (option, environment, default).
   *
   * @param explicit  a directory given by the user, or null
   * @return the store
   * @throws InvalidInputException naming {@code data_dir} when no data directory is found
   */
  public static HistoryStore load(Path explicit) {
    Path dir = DataDirectory.find(explicit).orElseThrow(() -> new InvalidInputException("data_dir",
        DataDirectory.notFoundMessage()));
    return loadFrom(dir);
  }

  /**
   * Loads every series of a data directory.
   *
   * @param dir  the data directory
   * @return the store
   */
  public static HistoryStore loadFrom(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("data_dir", dir + " is not a directory");
    }
    CleaningReport report = new CleaningReport();
    Map<String, List<QcRow>> qc = readQc(DataFiles.resolve(dir, QC_FILE));
    Map<Source, Map<Asset, PriceSeries>> all = new EnumMap<>(Source.class);
    for (Source s : Source.values()) {
      all.put(s, new TreeMap<>());
    }
    for (String folder : List.of("daily", "stablecoins")) {
      for (Path f : csvFiles(dir.resolve(folder), ".csv")) {
        String rel = folder + "/" + DataFiles.plainName(f);
        String asset = stem(f, ".csv");
        List<Obs> rows = readDaily(f, rel, asset, "date", "open", "close", report);
        rows = DataCleaning.dropDuplicates(rows, rel, asset, report);
        rows = DataCleaning.applyQc(rows, qc.getOrDefault(rel, List.of()), rel, asset, report);
        DataCleaning.flagGaps(rows, rel, asset, report);
        put(all, Source.DAILY, Asset.of(asset), rows, 0);
      }
    }
    for (Path f : csvFiles(dir.resolve("daily_coingecko"), ".csv")) {
      String rel = "daily_coingecko/" + DataFiles.plainName(f);
      String asset = stem(f, ".csv");
      List<Obs> rows = readDaily(f, rel, asset, "date", null, "price_usd", report);
      rows = DataCleaning.dropDuplicates(rows, rel, asset, report);
      rows = DataCleaning.applyCoinGecko(rows, rel, asset, report);
      DataCleaning.flagGaps(rows, rel, asset, report);
      put(all, Source.COINGECKO, Asset.of(asset), rows, -1);
    }
    for (Path f : csvFiles(dir.resolve("vol_index"), "_DVOL.csv")) {
      String rel = "vol_index/" + DataFiles.plainName(f);
      String asset = stem(f, "_DVOL.csv") + "DVOL";
      List<Obs> rows = readDaily(f, rel, asset, "date", "open", "close", report);
      rows = DataCleaning.dropDuplicates(rows, rel, asset, report);
      DataCleaning.flagGaps(rows, rel, asset, report);
      put(all, Source.VOL_INDEX, Asset.of(asset), rows, 0);
    }
    Map<Asset, List<HourlyBar>> hourly = new TreeMap<>();
    PriceSeries usdt = all.get(Source.DAILY).get(Asset.USDT);
    for (Path f : csvFiles(dir.resolve("hourly"), "USDT_1h.csv")) {
      String rel = "hourly/" + DataFiles.plainName(f);
      String asset = stem(f, "USDT_1h.csv");
      List<HourlyBar> bars = DataCleaning.applyHourly(readHourly(f, rel, asset, report), rel, asset, report);
      hourly.put(Asset.of(asset), Collections.unmodifiableList(bars));
      List<Obs> daily = closesAt2300(bars, rel, asset, report);
      DataCleaning.flagGaps(daily, rel + " (23:00 closes, USDT)", asset, report);
      put(all, Source.HOURLY_2300_USDT, Asset.of(asset), daily, 0);
      List<Obs> usd = new ArrayList<>(daily.size());
      for (Obs o : daily) {
        int i = usdt == null ? -1 : usdt.indexOf(o.date());
        if (i < 0) {
          report.add(Rule.HOURLY_NO_USDT_RATE, Action.DROPPED, rel, o.line(), asset, o.date().toString(),
              "23:00 close " + o.close() + " USDT has no USDT/USD close in daily/USDT.csv");
          continue;
        }
        usd.add(new Obs(o.date(), o.line(), Double.NaN, o.close() * usdt.value(i)));
      }
      put(all, Source.HOURLY_2300_USD, Asset.of(asset), usd, 0);
    }
    Map<Source, Map<Asset, PriceSeries>> frozen = new EnumMap<>(Source.class);
    all.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new HistoryStore(dir.toAbsolutePath().normalize(), frozen, Collections.unmodifiableMap(hourly), report);
  }

  /** The data directory read. */
  public Path dataDir() {
    return dataDir;
  }

  /** Every series of a source, by asset (unmodifiable). */
  public Map<Asset, PriceSeries> all(Source source) {
    return series.get(source);
  }

  /** One series, if the source has the asset. */
  public Optional<PriceSeries> find(Source source, Asset asset) {
    return Optional.ofNullable(series.get(source).get(asset));
  }

  /**
   * One series.
   *
   * @throws InvalidInputException naming {@code asset} when the source does not have it
   */
  public PriceSeries series(Source source, Asset asset) {
    return find(source, asset).orElseThrow(() -> new InvalidInputException("asset",
        source + " has no series for " + asset + " (has " + series.get(source).keySet() + ")"));
  }

  /** The primary daily USD close series ({@link Source#DAILY}). */
  public PriceSeries daily(Asset asset) {
    return series(Source.DAILY, asset);
  }

  /** The cleaned hourly bars of a base asset (USDT-quoted), or an empty list. */
  public List<HourlyBar> hourlyBars(Asset asset) {
    return hourly.getOrDefault(asset, List.of());
  }

  /** What the cleaning dropped, fixed and flagged. */
  public CleaningReport report() {
    return report;
  }

  private static void put(Map<Source, Map<Asset, PriceSeries>> all, Source s, Asset asset, List<Obs> rows,
      int shiftDays) {
    LocalDate[] dates = new LocalDate[rows.size()];
    double[] values = new double[rows.size()];
    for (int i = 0; i < dates.length; i++) {
      dates[i] = rows.get(i).date().plusDays(shiftDays);
      values[i] = rows.get(i).close();
    }
    all.get(s).put(asset, new PriceSeries(asset, dates, values));
  }

  private static List<Obs> closesAt2300(List<HourlyBar> bars, String rel, String asset, CleaningReport report) {
    List<Obs> out = new ArrayList<>();
    if (bars.isEmpty()) {
      return out;
    }
    Map<LocalDate, HourlyBar> last = new HashMap<>();
    for (HourlyBar b : bars) {
      if (b.open().atOffset(ZoneOffset.UTC).getHour() == 23) {
        last.putIfAbsent(b.open().atOffset(ZoneOffset.UTC).toLocalDate(), b);
      }
    }
    LocalDate first = bars.get(0).open().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate end = bars.get(bars.size() - 1).open().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate missingFrom = null;
    for (LocalDate d = first; !d.isAfter(end.plusDays(1)); d = d.plusDays(1)) {
      HourlyBar b = d.isAfter(end) ? null : last.get(d);
      if (b == null && !d.isAfter(end)) {
        missingFrom = missingFrom == null ? d : missingFrom;
        continue;
      }
      if (missingFrom != null) {
        reportMissing2300(missingFrom, d.minusDays(1), rel, asset, report);
        missingFrom = null;
      }
      if (b != null) {
        out.add(new Obs(d, b.line(), Double.NaN, b.close()));
      }
    }
    return out;
  }

  /**
   * One entry per day without a 23:00 bar; a run of several such days (a source gap, or the stretch between two
   * ranges of a directory that holds only some ranges of hours, as the shipped copy does) is one entry for the run.
   */
  private static void reportMissing2300(LocalDate from, LocalDate to, String rel, String asset,
      CleaningReport report) {
    if (from.equals(to)) {
      report.add(Rule.HOURLY_NO_2300_BAR, Action.DROPPED, rel, 0, asset, from.toString(),
          "no 23:00-UTC bar (missing, filler or dropped): no daily close");
    } else {
      long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
      report.add(Rule.HOURLY_NO_2300_BAR, Action.DROPPED, rel, 0, asset, from + ".." + to,
          "no 23:00-UTC bar on " + days + " consecutive days (no hourly bars there): no daily closes");
    }
  }

  private static List<Obs> readDaily(Path f, String rel, String asset, String dateCol, String openCol,
      String closeCol, CleaningReport report) {
    List<Map<String, String>> rows = CsvFiles.read(f);
    List<Obs> out = new ArrayList<>(rows.size());
    int line = 1;
    for (Map<String, String> row : rows) {
      line++;
      String dateText = row.get(dateCol);
      LocalDate date;
      try {
        date = LocalDate.parse(dateText == null ? "" : dateText.trim());
      } catch (DateTimeParseException e) {
        report.add(Rule.BAD_PRICE, Action.DROPPED, rel, line, asset, "line " + line,
            dateCol + " '" + dateText + "' is not a date");
        continue;
      }
      String bad = badPrice(row, closeCol);
      if (bad == null && openCol != null) {
        bad = badPrice(row, openCol);
      }
      if (bad != null) {
        report.add(Rule.BAD_PRICE, Action.DROPPED, rel, line, asset, date.toString(), bad);
        continue;
      }
      double open = openCol == null ? Double.NaN : Double.parseDouble(row.get(openCol).trim());
      out.add(new Obs(date, line, open, Double.parseDouble(row.get(closeCol).trim())));
    }
    return out;
  }

  private static List<HourlyBar> readHourly(Path f, String rel, String asset, CleaningReport report) {
    List<Map<String, String>> rows = CsvFiles.read(f);
    List<HourlyBar> out = new ArrayList<>(rows.size());
    int line = 1;
    Instant prev = null;
    for (Map<String, String> row : rows) {
      line++;
      String text = row.get("timestamp_utc");
      Instant t;
      try {
        t = Instant.parse(text == null ? "" : text.trim());
      } catch (DateTimeParseException e) {
        report.add(Rule.BAD_PRICE, Action.DROPPED, rel, line, asset, "line " + line,
            "timestamp_utc '" + text + "' is not an ISO-8601 instant");
        continue;
      }
      String bad = null;
      for (String c : List.of("open", "high", "low", "close")) {
        bad = bad == null ? badPrice(row, c) : bad;
      }
      double volume = bad == null ? parse(row.get("volume_base")) : Double.NaN;
      if (bad == null && !(volume >= 0)) {
        bad = "volume_base '" + row.get("volume_base") + "' is not a number >= 0";
      }
      if (bad != null) {
        report.add(Rule.BAD_PRICE, Action.DROPPED, rel, line, asset, t.toString(), bad);
        continue;
      }
      if (prev != null && !t.isAfter(prev)) {
        report.add(Rule.DUPLICATE_DATE, Action.DROPPED, rel, line, asset, t.toString(),
            "not after the previous bar " + prev + "; kept the first");
        continue;
      }
      prev = t;
      out.add(new HourlyBar(t, parse(row.get("open")), parse(row.get("high")), parse(row.get("low")),
          parse(row.get("close")), volume, line));
    }
    return out;
  }

  /** Why a price cell is unusable, or null when it is a finite number &gt; 0. */
  private static String badPrice(Map<String, String> row, String col) {
    String text = row.get(col);
    if (text == null || text.isBlank()) {
      return col + " is empty";
    }
    double v = parse(text);
    if (Double.isNaN(v)) {
      return col + " '" + text + "' is not a number";
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      return col + " " + text + " is not > 0";
    }
    return null;
  }

  private static double parse(String text) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Map<String, List<QcRow>> readQc(Path f) {
    Map<String, List<QcRow>> out = new HashMap<>();
    if (!Files.exists(f)) {
      return out;
    }
    int line = 1;
    for (Map<String, String> row : CsvFiles.read(f)) {
      line++;
      String where = QC_FILE + " line " + line;
      QcRow q = new QcRow(row.get("file"), LocalDate.parse(row.get("date")), CsvFiles.number(row, "close", where),
          CsvFiles.number(row, "next_day_open", where), row.get("suspect_side"),
          row.getOrDefault("reference_price", ""), row.getOrDefault("reference_source", ""));
      out.computeIfAbsent(q.file(), k -> new ArrayList<>()).add(q);
    }
    return out;
  }

  private static List<Path> csvFiles(Path folder, String suffix) {
    return DataFiles.list(folder, suffix);
  }

  private static String stem(Path f, String suffix) {
    String n = DataFiles.plainName(f);
    return n.substring(0, n.length() - suffix.length());
  }
}
