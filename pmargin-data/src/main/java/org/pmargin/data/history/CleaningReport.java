package org.pmargin.data.history;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pmargin.core.validation.Checks;

/**
 * Everything the loaders of {@link HistoryStore} dropped, fixed or flagged while reading the data directory: one
 * entry per row, naming the rule of {@link DataCleaning.Rule}, the file and line, the asset, the date or time, and
 * why. The loaders never change or drop a row without an entry here, so a caller can print the report next to any
 * result computed from the data.
 *
 * <p>Entries are kept in the order they were found. This class is not thread-safe while it is being filled.
 */
public final class CleaningReport {

  /** What was done to a row. */
  public enum Action {
    /** The row is not in the series. */
    DROPPED,
    /** The row is in the series with a changed value (the entry gives old and new). */
    FIXED,
    /** The row is in the series unchanged, but is known to be doubtful or sits next to missing data. */
    FLAGGED
  }

  /**
   * One row dropped, fixed or flagged.
   *
   * @param rule  the rule that acted
   * @param action  what it did
   * @param file  the file, relative to the data directory (e.g. {@code daily/BTC.csv})
   * @param line  the 1-based line in the file (the header is line 1), or 0 when the entry is about a derived day
   * @param asset  the asset code as it appears in the series (e.g. {@code BTC}, {@code BTCDVOL})
   * @param time  the row's date or bar time as written in the file
   * @param reason  why, with the values involved
   */
  public record Entry(DataCleaning.Rule rule, Action action, String file, int line, String asset, String time,
      String reason) {

    /** Validates the fields. */
    public Entry {
      Checks.notNull(rule, "rule");
      Checks.notNull(action, "action");
      Checks.notBlank(file, "file");
      Checks.notBlank(asset, "asset");
      Checks.notBlank(time, "time");
      Checks.notBlank(reason, "reason");
    }

    @Override
    public String toString() {
      return action + " " + asset + " " + time + " [" + rule + "] " + file + (line > 0 ? ":" + line : "") + ": "
          + reason;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** Adds an entry. */
  void add(DataCleaning.Rule rule, Action action, String file, int line, String asset, String time,
      String reason) {
    entries.add(new Entry(rule, action, file, line, asset, time, reason));
  }

  /** Every entry, in the order found (unmodifiable view). */
  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** The entries of one rule. */
  public List<Entry> byRule(DataCleaning.Rule rule) {
    return entries.stream().filter(e -> e.rule() == rule).toList();
  }

  /** The entries about one asset. */
  public List<Entry> byAsset(String asset) {
    return entries.stream().filter(e -> e.asset().equals(asset)).toList();
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** One printable line per entry. */
  public List<String> lines() {
    return entries.stream().map(Entry::toString).toList();
  }

  /** Prints a count per rule and action, then every entry. */
  public void print(PrintStream out) {
    for (DataCleaning.Rule r : DataCleaning.Rule.values()) {
      for (Action a : Action.values()) {
        long n = entries.stream().filter(e -> e.rule() == r && e.action() == a).count();
        if (n > 0) {
          out.println(r + " " + a + ": " + n + " (" + r.description() + ")");
        }
      }
    }
    lines().forEach(out::println);
  }
}
