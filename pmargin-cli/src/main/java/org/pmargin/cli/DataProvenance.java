package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.ProvenanceJson;
import org.pmargin.data.history.CleaningReport;
import org.pmargin.data.history.DataCleaning;
import org.pmargin.data.history.HistoryStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a command's market data came from, said beside every result computed from it: the data directory and why it
 * was chosen ({@link DataDirectory.Location#describe()}), and what {@link HistoryStore}'s cleaning dropped, fixed and
 * flagged, as a count per kind in text and every entry in JSON. One helper, so that every command says it alike.
 */
final class DataProvenance {

  /** Text lines are wrapped at this width. */
  private static final int WIDTH = 118;

  private final DataDirectory.Location location;
  private final CleaningReport report;

  private DataProvenance(DataDirectory.Location location, CleaningReport report) {
    this.location = Checks.notNull(location, "location");
    this.report = Checks.notNull(report, "report");
  }

  /** The provenance of a data directory already read, with its cleaning report. */
  static DataProvenance of(DataDirectory.Location location, CleaningReport report) {
    return new DataProvenance(location, report);
  }

  /** The data directory read. */
  Path path() {
    return location.path();
  }

  /** The cleaning report. */
  CleaningReport report() {
    return report;
  }

  /** The one line every output prints: "Real market data from DIR (why that one)". */
  String line() {
    return "Real market data from " + location.describe();
  }

  /**
   * Prints the provenance line, then the cleaning report as a count per action and rule.
   *
   * @param out  where to print
   * @param everyEntry  where the reader finds every entry, e.g. "--format json lists every one"
   */
  void print(PrintWriter out, String everyEntry) {
    out.println(line());
    printCleaning(out, everyEntry);
  }

  /**
   * Prints the cleaning report alone: its size, then a count per action and rule.
   *
   * @param out  where to print
   * @param everyEntry  where the reader finds every entry
   */
  void printCleaning(PrintWriter out, String everyEntry) {
    out.println("Data cleaning (every file of the directory; rules: docs/METHODOLOGY.md): " + report.size()
        + " entries"
        + (report.size() == 0 ? "" : "; " + everyEntry));
    for (String l : summary()) {
      out.println(l);
    }
  }

  /** The cleaning report's count per action, then per rule within it, wrapped, one action a line or more. */
  List<String> summary() {
    Map<DataCleaning.Rule, Map<CleaningReport.Action, Integer>> counts = ProvenanceJson.counts(report);
    List<String> out = new ArrayList<>();
    for (CleaningReport.Action a : CleaningReport.Action.values()) {
      int total = 0;
      List<String> parts = new ArrayList<>();
      for (Map.Entry<DataCleaning.Rule, Map<CleaningReport.Action, Integer>> r : counts.entrySet()) {
        Integer n = r.getValue().get(a);
        if (n != null) {
          total += n;
          parts.add(ProvenanceJson.name(r.getKey()) + " " + n);
        }
      }
      if (total > 0) {
        wrap("  " + ProvenanceJson.name(a) + " " + total + ": ", parts, out);
      }
    }
    return out;
  }

  /** The {@code data} object of the JSON outputs: directory, origin and every cleaning entry. */
  ObjectNode json() {
    return ProvenanceJson.write(location, report);
  }

  private static void wrap(String head, List<String> parts, List<String> out) {
    StringBuilder line = new StringBuilder(head);
    boolean empty = true;
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i) + (i < parts.size() - 1 ? "," : "");
      if (!empty && line.length() + 1 + part.length() > WIDTH) {
        out.add(line.toString());
        line = new StringBuilder("    ");
      } else if (!empty) {
        line.append(' ');
      }
      line.append(part);
      empty = false;
    }
    out.add(line.toString());
  }
}
