package org.pmargin.data.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.data.history.CleaningReport.Action;

/**
 * The data directory's list of known bad rows ({@code data/README.md} and the full data set's README, "Caveats" and
 * {@code qc_daily_close_vs_next_open.csv}) written down as named rules. Each rule either drops a row, fixes it, or
 * flags it (kept unchanged); every action is an entry of the {@link CleaningReport}, so nothing is changed silently
 * and nothing is ever interpolated. A gap left by a dropped row stays a gap.
 *
 * <p>The rules are a documented choice, not ground truth: the README itself calls the close/next-open
 * classification a heuristic. Callers who want other choices can read the report and the raw files.
 */
public final class DataCleaning {

  /** The rules, each with what it does. */
  public enum Rule {
    /** Any file: a row whose price cell is empty, non-numeric, zero or negative, or whose date does not parse. */
    BAD_PRICE("row with an empty, non-numeric, zero or negative price or an unparseable date: dropped"),
    /** Any file: a row whose date (time) repeats or goes back: the first row is kept. */
    DUPLICATE_DATE("row whose date/time is not after the previous row's: dropped, the first kept"),
    /** QC file, {@code suspect_side=close} (72 rows in daily/): the close is the glitch. */
    QC_CLOSE_GLITCH("qc suspect_side=close: close[t] := open[t+1] of the same file"),
    /** QC file, {@code suspect_side=next_open} (47 rows): the close agrees with the reference; no repair. */
    QC_NEXT_OPEN_GLITCH("qc suspect_side=next_open: close agrees with the reference, kept unchanged"),
    /** QC file, {@code suspect_side=unverified} (5 rows, incl. two UST depeg days): probably real. */
    QC_UNVERIFIED("qc suspect_side=unverified: no independent reference, kept unchanged"),
    /** CoinGecko USDT 2018-07-12..07-24 and 2018-08-06..08-09: bogus values 0.95-1.32 (Yahoo within 1 %). */
    COINGECKO_USDT_BOGUS_2018("CoinGecko USDT 2018-07-12..07-24 and 2018-08-06..08-09 (bogus 0.95-1.32): dropped"),
    /** CoinGecko BNB before 2017-10-30: bogus spikes and a x26 level step on 2017-10-30. */
    COINGECKO_BNB_BEFORE_2017_10_30("CoinGecko BNB before 2017-10-30 (Oct 2017 bogus spikes, x26 step to the "
        + "level Yahoo confirms on 2017-11-09): dropped"),
    /** CoinGecko XRP 2017-04-02: an isolated spike. */
    COINGECKO_XRP_SPIKE_2017_04_02("CoinGecko XRP 2017-04-02 spike: dropped"),
    /** CoinGecko ETH August 2015: launch-period noise. */
    COINGECKO_ETH_LAUNCH_AUG_2015("CoinGecko ETH 2015-08 (launch-period noise): dropped"),
    /**
     * CoinGecko WBTC January-April 2019 ("early-2019 spikes"): isolated spikes that revert the next day. Limited to
     * those months because the same shape on 2019-06-28 is a real BTC move (Yahoo BTC close 2019-06-27 = 11,183).
     */
    COINGECKO_WBTC_SPIKE_2019("CoinGecko WBTC 2019-01..2019-04 isolated spike (move > 10 % out and back, net < 5 %):"
        + " dropped"),
    /** CoinGecko last row 2023-08-28: may be an intraday value rather than a 00:00 snapshot. */
    COINGECKO_LAST_ROW_INTRADAY("CoinGecko 2023-08-28 last row (may be intraday, not 00:00): dropped"),
    /** CoinGecko DOGE 2020-01-05..01-14: differs 5-15 % from daily/, which is right is unknown. */
    COINGECKO_DOGE_DISAGREES_JAN_2020("CoinGecko DOGE 2020-01-05..01-14 differs 5-15 % from daily/: flagged"),
    /** Hourly: {@code volume_base = 0} and O=H=L=C = previous close, the source's fill for exchange downtime. */
    HOURLY_FLAT_FILLER("hourly flat filler bar (volume 0, O=H=L=C=previous close): dropped"),
    /** Hourly: the bar 2017-12-14T14:00Z whose close repeats the known bogus first print. */
    HOURLY_BOGUS_PRINT_2017_12_14("hourly 2017-12-14T14:00Z bar (close = the known bogus print): dropped"),
    /** Hourly: runs of partial/misaligned bars and restart prints the README lists; kept. */
    HOURLY_KNOWN_ANOMALY("hourly bar in a README-listed anomaly window (partial/misaligned or restart print): "
        + "flagged"),
    /** Hourly-derived daily series: a day without a 23:00 bar has no daily close. */
    HOURLY_NO_2300_BAR("day without a 23:00-UTC hourly bar: no daily close, omitted"),
    /** Hourly-derived USD series: a day without a USDT/USD close in daily/USDT.csv cannot be converted. */
    HOURLY_NO_USDT_RATE("day without a USDT/USD close in daily/USDT.csv: omitted from the USD series"),
    /** Any daily series: missing calendar days (in the file or left by a drop); never filled. */
    MISSING_DAYS("gap of missing calendar days in a daily series: flagged, not filled");

    private final String description;

    Rule(String description) {
      this.description = description;
    }

    /** What the rule does. */
    public String description() {
      return description;
    }
  }

  /** The README's hourly anomaly windows (bar open times, inclusive) and the symbols they concern. */
  static final List<Window> HOURLY_ANOMALIES = List.of(
      new Window("BTC", "2019-06-26T20:00:00Z", "2019-06-27T01:00:00Z", "low-volume bars, opens jump 2-9 %"),
      new Window("BTC", "2019-09-24T19:00:00Z", "2019-09-24T23:00:00Z", "low-volume bars, opens jump 2-9 %"),
      new Window("BTC", "2019-10-25T17:00:00Z", "2019-10-26T02:00:00Z", "low-volume bars, opens jump 2-9 %"),
      new Window("BTC", "2018-01-05T10:00:00Z", "2018-01-05T10:00:00Z", "restart print after downtime (-9 %)"),
      new Window("BTC", "2018-01-15T12:00:00Z", "2018-01-15T12:00:00Z", "restart print after downtime (-6 %)"),
      new Window("ETH", "2018-01-15T12:00:00Z", "2018-01-15T12:00:00Z", "restart print after downtime (-3 %)"));

  /** The bar whose close repeats the bogus first CryptoDataDownload print. */
  static final Instant BOGUS_PRINT_BAR = Instant.parse("2017-12-14T14:00:00Z");

  private DataCleaning() {
  }

  /** An inclusive window of hourly bars of one asset. */
  record Window(String asset, Instant from, Instant to, String what) {
    Window(String asset, String from, String to, String what) {
      this(asset, Instant.parse(from), Instant.parse(to), what);
    }

    boolean contains(String a, Instant t) {
      return asset.equals(a) && !t.isBefore(from) && !t.isAfter(to);
    }
  }

  /** A daily row as read: its date, file line, open (NaN when the file has none) and close. */
  record Obs(LocalDate date, int line, double open, double close) {
  }

  /** A row of the QC file. */
  record QcRow(String file, LocalDate date, double close, double nextOpen, String suspectSide, String reference,
      String referenceSource) {
  }

  /**
   * Drops rows whose date is not after the previous kept row's ({@link Rule#DUPLICATE_DATE}).
   */
  static List<Obs> dropDuplicates(List<Obs> rows, String file, String asset, CleaningReport report) {
    List<Obs> out = new ArrayList<>(rows.size());
    for (Obs o : rows) {
      if (!out.isEmpty() && !o.date().isAfter(out.get(out.size() - 1).date())) {
        Obs kept = out.get(out.size() - 1);
        report.add(Rule.DUPLICATE_DATE, Action.DROPPED, file, o.line(), asset, o.date().toString(),
            (o.date().equals(kept.date()) ? "duplicate of line " : "earlier than line ") + kept.line()
                + "; kept the first");
        continue;
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Applies the QC file's rows for one Yahoo file: {@link Rule#QC_CLOSE_GLITCH} replaces the close by the next
   * day's open; {@link Rule#QC_NEXT_OPEN_GLITCH} and {@link Rule#QC_UNVERIFIED} flag the row.
   */
  static List<Obs> applyQc(List<Obs> rows, List<QcRow> qc, String file, String asset, CleaningReport report) {
    List<Obs> out = new ArrayList<>(rows);
    for (QcRow q : qc) {
      int i = indexOf(out, q.date());
      String ref = q.reference().isBlank() ? "no reference"
          : "reference " + q.reference() + " (" + q.referenceSource() + ")";
      if (i < 0) {
        report.add(ruleOf(q.suspectSide()), Action.FLAGGED, file, 0, asset, q.date().toString(),
            "QC row has no matching row in the file (dropped earlier?)");
        continue;
      }
      Obs o = out.get(i);
      String mismatch = Math.abs(o.close() / q.close() - 1) > 1e-6
          ? "; NOTE file close " + o.close() + " differs from QC close " + q.close() : "";
      switch (q.suspectSide()) {
        case "close" -> {
          boolean nextDay = i + 1 < out.size() && out.get(i + 1).date().equals(q.date().plusDays(1));
          if (!nextDay) {
            report.add(Rule.QC_CLOSE_GLITCH, Action.FLAGGED, file, o.line(), asset, q.date().toString(),
                "cannot repair: no next-day row; close " + o.close() + " kept" + mismatch);
          } else {
            double next = out.get(i + 1).open();
            out.set(i, new Obs(o.date(), o.line(), o.open(), next));
            report.add(Rule.QC_CLOSE_GLITCH, Action.FIXED, file, o.line(), asset, q.date().toString(),
                "close " + o.close() + " -> " + next + " (next day's open; " + ref + ")" + mismatch);
          }
        }
        case "next_open" -> report.add(Rule.QC_NEXT_OPEN_GLITCH, Action.FLAGGED, file, o.line(), asset,
            q.date().toString(), "close " + o.close() + " kept, next day's open " + q.nextOpen()
                + " is the glitch (" + ref + ")" + mismatch);
        default -> report.add(Rule.QC_UNVERIFIED, Action.FLAGGED, file, o.line(), asset, q.date().toString(),
            "close " + o.close() + " vs next open " + q.nextOpen() + " kept (" + q.suspectSide() + ", " + ref + ")"
                + mismatch);
      }
    }
    return out;
  }

  private static Rule ruleOf(String side) {
    return switch (side) {
      case "close" -> Rule.QC_CLOSE_GLITCH;
      case "next_open" -> Rule.QC_NEXT_OPEN_GLITCH;
      default -> Rule.QC_UNVERIFIED;
    };
  }

  /**
   * Applies the CoinGecko rules of one asset (file dates, before the one-day shift).
   */
  static List<Obs> applyCoinGecko(List<Obs> rows, String file, String asset, CleaningReport report) {
    List<Obs> out = new ArrayList<>(rows.size());
    LocalDate lastRow = LocalDate.of(2023, 8, 28);
    for (Obs o : rows) {
      LocalDate d = o.date();
      Rule drop = null;
      if (asset.equals("USDT") && (in(d, "2018-07-12", "2018-07-24") || in(d, "2018-08-06", "2018-08-09"))) {
        drop = Rule.COINGECKO_USDT_BOGUS_2018;
      } else if (asset.equals("BNB") && d.isBefore(LocalDate.of(2017, 10, 30))) {
        drop = Rule.COINGECKO_BNB_BEFORE_2017_10_30;
      } else if (asset.equals("XRP") && d.equals(LocalDate.of(2017, 4, 2))) {
        drop = Rule.COINGECKO_XRP_SPIKE_2017_04_02;
      } else if (asset.equals("ETH") && in(d, "2015-08-01", "2015-08-31")) {
        drop = Rule.COINGECKO_ETH_LAUNCH_AUG_2015;
      } else if (d.equals(lastRow)) {
        drop = Rule.COINGECKO_LAST_ROW_INTRADAY;
      }
      if (drop != null) {
        report.add(drop, Action.DROPPED, file, o.line(), asset, d.toString(), "price " + o.close() + " dropped");
        continue;
      }
      if (asset.equals("DOGE") && in(d, "2020-01-05", "2020-01-14")) {
        report.add(Rule.COINGECKO_DOGE_DISAGREES_JAN_2020, Action.FLAGGED, file, o.line(), asset, d.toString(),
            "price " + o.close() + " kept; daily/DOGE.csv differs by 5-15 %, which is right is unknown");
      }
      out.add(o);
    }
    if (asset.equals("WBTC")) {
      out = dropReversingSpikes(out, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 4, 30), file, asset, report);
    }
    return out;
  }

  private static List<Obs> dropReversingSpikes(List<Obs> rows, LocalDate from, LocalDate to, String file,
      String asset,
      CleaningReport report) {
    List<Obs> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Obs o = rows.get(i);
      if (!o.date().isBefore(from) && !o.date().isAfter(to) && !out.isEmpty() && i + 1 < rows.size()) {
        double prev = out.get(out.size() - 1).close();
        double next = rows.get(i + 1).close();
        double in = Math.log(o.close() / prev);
        double back = Math.log(next / o.close());
        if (Math.abs(in) > 0.10 && Math.abs(back) > 0.10 && Math.signum(in) != Math.signum(back)
            && Math.abs(Math.log(next / prev)) < 0.05) {
          report.add(Rule.COINGECKO_WBTC_SPIKE_2019, Action.DROPPED, file, o.line(), asset, o.date().toString(),
              String.format(java.util.Locale.ROOT, "price %s between %s and %s (%+.1f %% then %+.1f %%)",
                  o.close(), prev, next, 100 * Math.expm1(in), 100 * Math.expm1(back)));
          continue;
        }
      }
      out.add(o);
    }
    return out;
  }

  /** Flags every gap of missing calendar days ({@link Rule#MISSING_DAYS}). */
  static void flagGaps(List<Obs> rows, String file, String asset, CleaningReport report) {
    for (int i = 1; i < rows.size(); i++) {
      long days = ChronoUnit.DAYS.between(rows.get(i - 1).date(), rows.get(i).date());
      if (days > 1) {
        report.add(Rule.MISSING_DAYS, Action.FLAGGED, file, rows.get(i).line(), asset,
            rows.get(i).date().toString(), (days - 1) + " missing day(s) after " + rows.get(i - 1).date()
                + ", not filled");
      }
    }
  }

  /**
   * Applies the hourly rules to one symbol's bars (asset = base asset, e.g. BTC): {@link Rule#HOURLY_FLAT_FILLER},
   * {@link Rule#HOURLY_BOGUS_PRINT_2017_12_14}, {@link Rule#HOURLY_KNOWN_ANOMALY}.
   */
  static List<HourlyBar> applyHourly(List<HourlyBar> bars, String file, String asset, CleaningReport report) {
    List<HourlyBar> out = new ArrayList<>(bars.size());
    double prevClose = Double.NaN;
    for (HourlyBar b : bars) {
      String t = b.open().toString();
      boolean flat = b.volumeBase() == 0 && b.openPrice() == prevClose && b.high() == prevClose
          && b.low() == prevClose && b.close() == prevClose;
      prevClose = b.close();
      if (flat) {
        report.add(Rule.HOURLY_FLAT_FILLER, Action.DROPPED, file, b.line(), asset, t,
            "volume 0 and O=H=L=C=" + b.close() + " (previous close)");
        continue;
      }
      if (b.open().equals(BOGUS_PRINT_BAR)) {
        report.add(Rule.HOURLY_BOGUS_PRINT_2017_12_14, Action.DROPPED, file, b.line(), asset, t,
            "close " + b.close() + " repeats the bogus first print");
        continue;
      }
      for (Window w : HOURLY_ANOMALIES) {
        if (w.contains(asset, b.open())) {
          report.add(Rule.HOURLY_KNOWN_ANOMALY, Action.FLAGGED, file, b.line(), asset, t, w.what() + "; kept");
        }
      }
      out.add(b);
    }
    return out;
  }

  private static boolean in(LocalDate d, String from, String to) {
    return !d.isBefore(LocalDate.parse(from)) && !d.isAfter(LocalDate.parse(to));
  }

  private static int indexOf(List<Obs> rows, LocalDate date) {
    int lo = 0;
    int hi = rows.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = rows.get(mid).date().compareTo(date);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
