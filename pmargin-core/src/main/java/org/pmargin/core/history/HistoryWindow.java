package org.pmargin.core.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The span of daily history a margin or stress at a snapshot may use, so that nothing computed for a snapshot sees a
 * close from after it (an audit, a what-if on a past book and a replay all depend on that).
 *
 * <p>The rule: a day's close is taken at the end of its UTC day, so at {@code as_of} the latest close known is the
 * one dated the UTC day before {@code as_of}'s date; that day is the <b>cut-off</b>. Even a snapshot at 23:59 UTC
 * uses the previous day's close, never the day's own, which is not final until midnight. The window runs from
 * {@code from} (null: the start of the data) to {@code to} (at most the cut-off, both inclusive); a look-back of N
 * days means N daily returns ending at {@code to}, so {@code from = to − N days}.
 *
 * @param from  the first close used, or null for the start of the data
 * @param to  the last close used, not after the cut-off
 * @param cutOff  the UTC day before the snapshot's as_of
 * @param asOf  the snapshot's time
 * @param startFlag  the command-line flag that set the start ({@code --from} or {@code --lookback-days}), or null
 * @param endFlag  the flag that set the end ({@code --to}), or null when the end is the cut-off
 */
public record HistoryWindow(LocalDate from, LocalDate to, LocalDate cutOff, Instant asOf, String startFlag,
    String endFlag) {

  /** Validates the fields. */
  public HistoryWindow {
    if (to == null || cutOff == null || asOf == null) {
      throw new InvalidInputException("history_window", "needs an end, a cut-off and an as_of");
    }
    if (to.isAfter(cutOff)) {
      throw new InvalidInputException(endFlag != null ? endFlag : "history_window", to + " is after the cut-off "
          + cutOff + " (the last close before the snapshot's as_of " + asOf + "): it would use later data");
    }
    if (from != null && from.isAfter(to)) {
      throw new InvalidInputException(startFlag != null ? startFlag : "history_window", "starts " + from
          + ", after the window's end " + to);
    }
  }

  /** The cut-off of a snapshot: the UTC day before its as_of. */
  public static LocalDate cutOff(Instant asOf) {
    if (asOf == null) {
      throw new InvalidInputException("as_of", "is required");
    }
    return asOf.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
  }

  /** All history up to the snapshot's cut-off. */
  public static HistoryWindow atSnapshot(Instant asOf) {
    LocalDate cut = cutOff(asOf);
    return new HistoryWindow(null, cut, cut, asOf, null, null);
  }

  /**
   * A window chosen on the command line.
   *
   * @param asOf  the snapshot's as_of
   * @param from  {@code --from}, or null
   * @param to  {@code --to}, or null for the cut-off; refused when after the cut-off
   * @param lookbackDays  {@code --lookback-days}, or null; not together with {@code from}
   * @return the window
   */
  public static HistoryWindow of(Instant asOf, LocalDate from, LocalDate to, Integer lookbackDays) {
    LocalDate cut = cutOff(asOf);
    if (from != null && lookbackDays != null) {
      throw new InvalidInputException("--lookback-days", "give --from or --lookback-days, not both");
    }
    if (lookbackDays != null && lookbackDays < 1) {
      throw new InvalidInputException("--lookback-days", "must be at least 1, got " + lookbackDays);
    }
    LocalDate end = to != null ? to : cut;
    if (end.isAfter(cut)) {
      throw new InvalidInputException("--to", to + " is after the cut-off " + cut + " (the last close before the "
          + "snapshot's as_of " + asOf + "): a margin at the snapshot cannot use later closes");
    }
    LocalDate start = lookbackDays != null ? end.minusDays(lookbackDays) : from;
    String startFlag = lookbackDays != null ? "--lookback-days" : from != null ? "--from" : null;
    return new HistoryWindow(start, end, cut, asOf, startFlag, to != null ? "--to" : null);
  }

  /** The field to name when the window holds too little history: the flag that narrowed it, else the snapshot. */
  public String field() {
    return startFlag != null ? startFlag : endFlag != null ? endFlag : "market.as_of";
  }

  /** A series seen through the window. */
  public PriceSeries apply(PriceSeries series) {
    return series.between(from, to);
  }

  /** Series seen through the window; those with no observation in it are left out. */
  public Map<Asset, PriceSeries> apply(Map<Asset, PriceSeries> series) {
    Map<Asset, PriceSeries> out = new LinkedHashMap<>();
    for (Map.Entry<Asset, PriceSeries> e : series.entrySet()) {
      PriceSeries s = apply(e.getValue());
      if (s.size() > 0) {
        out.put(e.getKey(), s);
      }
    }
    return out;
  }

  /** One line for people: "2019-01-01..2024-06-16 (cut at snapshot as_of 2024-06-17T10:22:20Z)". */
  public String describe() {
    String span = (from == null ? "start of data" : from.toString()) + ".." + to;
    return span + (to.equals(cutOff) ? " (cut at snapshot as_of " + asOf + ")"
        : " (--to; cut-off " + cutOff + " for snapshot as_of " + asOf + ")");
  }
}
