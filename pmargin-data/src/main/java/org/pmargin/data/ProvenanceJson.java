package org.pmargin.data;

import java.util.Locale;
import java.util.Map;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.history.CleaningReport;
import org.pmargin.data.history.DataCleaning;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes where a result's market data came from as JSON, the {@code data} object of every output that read the data
 * directory (format in {@code docs/FORMATS.md}, section "Data provenance"): the directory, how it was chosen, and
 * every entry of the cleaning report of {@link org.pmargin.data.history.HistoryStore}.
 */
public final class ProvenanceJson {

  private ProvenanceJson() {
  }

  /**
   * The {@code data} object.
   *
   * @param location  the data directory read and its origin
   * @param report  what the loaders dropped, fixed or flagged while reading it
   * @return {@code {"directory", "origin", "cleaning": {"entries": n, "summary": [...], "items": [...]}}}
   */
  public static ObjectNode write(DataDirectory.Location location, CleaningReport report) {
    Checks.notNull(location, "location");
    Checks.notNull(report, "report");
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("directory", location.path().toString());
    o.put("origin", location.origin().name().toLowerCase(Locale.ROOT));
    ObjectNode cleaning = o.putObject("cleaning");
    cleaning.put("entries", report.size());
    ArrayNode summary = cleaning.putArray("summary");
    for (Map.Entry<DataCleaning.Rule, Map<CleaningReport.Action, Integer>> r : counts(report).entrySet()) {
      for (Map.Entry<CleaningReport.Action, Integer> a : r.getValue().entrySet()) {
        ObjectNode s = summary.addObject();
        s.put("rule", name(r.getKey()));
        s.put("action", name(a.getKey()));
        s.put("count", a.getValue());
        s.put("description", r.getKey().description());
      }
    }
    ArrayNode items = cleaning.putArray("items");
    for (CleaningReport.Entry e : report.entries()) {
      ObjectNode n = items.addObject();
      n.put("rule", name(e.rule()));
      n.put("action", name(e.action()));
      n.put("file", e.file());
      n.put("line", e.line());
      n.put("asset", e.asset());
      n.put("time", e.time());
      n.put("reason", e.reason());
    }
    return o;
  }

  /**
   * The number of entries per rule and action, rules in {@link DataCleaning.Rule} order, actions in
   * {@link CleaningReport.Action} order, zero counts left out.
   */
  public static Map<DataCleaning.Rule, Map<CleaningReport.Action, Integer>> counts(CleaningReport report) {
    Map<DataCleaning.Rule, Map<CleaningReport.Action, Integer>> out = new java.util.EnumMap<>(DataCleaning.Rule.class);
    for (CleaningReport.Entry e : report.entries()) {
      out.computeIfAbsent(e.rule(), k -> new java.util.EnumMap<>(CleaningReport.Action.class))
          .merge(e.action(), 1, Integer::sum);
    }
    return out;
  }

  /** An enum constant as the JSON outputs name it: lower case. */
  public static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
