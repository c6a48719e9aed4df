package org.pmargin.data.history;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataFiles;

/**
 * Reads the crash windows of the data directory's {@code stress_events.csv} (event id, window start and end,
 * description).
 */
public final class StressEventsCsv {

  /** The file, relative to the data directory. */
  public static final Path FILE = Path.of("stress_events.csv");

  private StressEventsCsv() {
  }

  /**
   * Reads the windows.
   *
   * @param dataDir  the data directory
   * @return the windows in file order
   */
  public static List<CrashWindow> read(Path dataDir) {
    Path file = DataFiles.resolve(dataDir.resolve(FILE));
    List<CrashWindow> out = new ArrayList<>();
    int line = 1;
    for (Map<String, String> row : CsvFiles.read(file)) {
      line++;
      String where = file.getFileName() + " line " + line;
      try {
        out.add(new CrashWindow(row.get("event_id"), row.getOrDefault("description", ""),
            LocalDate.parse(row.get("window_start")), LocalDate.parse(row.get("window_end"))));
      } catch (DateTimeParseException | NullPointerException e) {
        throw new InvalidInputException("stress_events", "bad window dates in " + where, e);
      }
    }
    return out;
  }
}
