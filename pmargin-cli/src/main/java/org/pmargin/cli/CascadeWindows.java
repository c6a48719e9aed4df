package org.pmargin.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.history.HourlyBar;

/**
 * The date-range windows of {@code pmargin cascade --window FROM..TO}: any span of UTC days that every underlying's
 * hourly bars in the data directory cover (every day of it), beside the named crash windows of {@code stress_events.csv}.
 */
final class CascadeWindows {

  private static final String DESCRIPTION = "date range given on the command line";

  private CascadeWindows() {
  }

  /**
   * Parses {@code FROM..TO} (inclusive UTC days) into a window named {@code FROM_TO}.
   *
   * @throws InvalidInputException naming {@code window} when the range is malformed, reversed, or not covered by
   *     the hourly bars of every underlying
   */
  static CrashWindow range(String text, Map<Asset, List<HourlyBar>> bars) {
    String[] parts = text.split("\\.\\.", -1);
    LocalDate from;
    LocalDate to;
    try {
      if (parts.length != 2) {
        throw new DateTimeParseException("not FROM..TO", text, 0);
      }
      from = LocalDate.parse(parts[0].strip());
      to = LocalDate.parse(parts[1].strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("window", "'" + text + "' is neither a stress event id nor a date range "
          + "FROM..TO of ISO days (e.g. 2021-01-10..2021-01-14)");
    }
    if (to.isBefore(from)) {
      throw new InvalidInputException("window", text + ": ends " + to + " before it starts " + from);
    }
    for (Map.Entry<Asset, List<HourlyBar>> e : bars.entrySet()) {
      java.util.Set<LocalDate> days = new java.util.HashSet<>();
      for (HourlyBar b : e.getValue()) {
        LocalDate d = b.open().atZone(ZoneOffset.UTC).toLocalDate();
        if (!d.isBefore(from) && !d.isAfter(to)) {
          days.add(d);
        }
      }
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        if (!days.contains(d)) {
          throw new InvalidInputException("window", text + ": the data directory has no hourly bar of "
              + e.getKey() + " on " + d + " (the shipped data keeps the crash windows; pmargin fetch, or "
              + "--data-dir with a longer history)");
        }
      }
    }
    return new CrashWindow(from + "_" + to, DESCRIPTION, from, to);
  }

  /** Whether a window came from a date range (not from stress_events.csv). */
  static boolean isRange(CrashWindow w) {
    return DESCRIPTION.equals(w.description());
  }
}
