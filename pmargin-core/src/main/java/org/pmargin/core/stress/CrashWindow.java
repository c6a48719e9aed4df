package org.pmargin.core.stress;

import java.time.LocalDate;
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
}
