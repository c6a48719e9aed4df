package org.pmargin.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pmargin.core.stress.StressResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an account's stress results as JSON (format in {@code docs/FORMATS.md}, section "Stress output"): every
 * scenario with its P&L, the equity after it and each exposure's P&L, in USD at full precision.
 */
public final class StressJson {

  /** The version of the stress output format. */
  public static final int VERSION = 1;

  private StressJson() {
  }

  /**
   * One stressed scenario, as {@code pmargin stress} lists it.
   *
   * @param name  the row's name: the scenario's, or the crash window's with the kind of replay
   * @param kind  {@code hypothetical}, {@code crash_holding_period} or {@code crash_worst_point}
   * @param window  the crash window's id, or null for a hypothetical scenario
   * @param result  the P&L
   */
  public record Row(String name, String kind, String window, StressResult result) {
  }

  /**
   * The JSON document of an account's stresses.
   *
   * @param account  the account's id
   * @param asOf  the market snapshot's time
   * @param rows  the scenarios in the order of the table
   * @param crashWindows  whether the data directory's crash windows were replayed (false: none was available)
   * @return the document
   */
  public static ObjectNode write(String account, Instant asOf, List<Row> rows, boolean crashWindows) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("account", account);
    o.put("as_of", asOf.toString());
    o.put("view", "unified_usd");
    o.put("currency", "USD");
    o.put("crash_windows", crashWindows);
    ArrayNode scenarios = o.putArray("scenarios");
    for (Row row : rows) {
      StressResult r = row.result();
      ObjectNode n = scenarios.addObject();
      n.put("name", row.name());
      n.put("scenario", r.scenario().name());
      n.put("kind", row.kind());
      if (row.window() != null) {
        n.put("window", row.window());
      }
      n.put("description", r.scenario().description());
      n.put("pnl_usd", r.pnlUsd());
      n.put("equity_after_usd", r.equityAfterUsd());
      ArrayNode exposures = n.putArray("exposures");
      for (Map.Entry<String, Double> e : r.byExposure().entrySet()) {
        ObjectNode x = exposures.addObject();
        x.put("exposure", e.getKey());
        x.put("pnl_usd", e.getValue());
      }
    }
    return o;
  }
}
