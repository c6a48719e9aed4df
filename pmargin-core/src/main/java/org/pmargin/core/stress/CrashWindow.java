package org.pmargin.core.stress;

import java.time.LocalDate;
import java.util.Optional;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A historical crash window to replay: from the close of the day before {@code start} to the close of {@code end}.
 *
 * @param id  a stable key, e.g. {@code ftx_collapse}
 * @param description  what happened
 * @param start  the first day of the window
 * @param end  the last day, not before {@code start}
 */
public record CrashWindow(String id, String description, LocalDate start, LocalDate end) {

  /** Validates the fields. */
  public CrashWindow {
    Checks.notBlank(id, "event_id");
    Checks.notNull(description, "description");
    Checks.notNull(start, "window_start");
    Checks.notNull(end, "window_end");
    if (end.isBefore(start)) {
      throw new InvalidInputException("window_end", id + ": ends " + end + " before it starts " + start);
    }
  }

  /**
   * This window seen through a history window [from, to] (a margin's or stress's history, see
   * {@code history.HistoryWindow}): empty when it starts after {@code to} or ends before the day after {@code from}
   * (a replay needs the close before its first day, so the first day kept is at least {@code from + 1}); otherwise
   * cut to the days inside, its description saying so when cut.
   *
   * @param from  the first close of the history window, or null for none
   * @param to  the last close of the history window
   * @return the window, cut, or empty
   */
  public Optional<CrashWindow> clippedTo(LocalDate from, LocalDate to) {
    Checks.notNull(to, "to");
    LocalDate first = from == null || start.isAfter(from) ? start : from.plusDays(1);
    LocalDate last = end.isAfter(to) ? to : end;
    if (last.isBefore(first)) {
      return Optional.empty();
    }
    if (first.equals(start) && last.equals(end)) {
      return Optional.of(this);
    }
    return Optional.of(new CrashWindow(id, description + " (cut to " + first + ".." + last
        + " by the history window)", first, last));
  }
}
