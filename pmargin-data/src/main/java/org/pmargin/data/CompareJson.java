package org.pmargin.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the capital-efficiency comparison as JSON (format in {@code docs/FORMATS.md}, section "Comparison
 * output"): each strategy's initial and maintenance margin under every model, in USD at full precision, with the
 * ratio of the portfolio model to the baseline and the charge that drives the portfolio model.
 */
public final class CompareJson {

  /** The version of the comparison output format. */
  public static final int VERSION = 1;

  private CompareJson() {
  }

  /**
   * One strategy's row.
   *
   * @param strategy  the account's id
   * @param results  the result of each model that margined it, by model name
   * @param errors  the error of each model that did not, by model name
   * @param driver  the charge that drives the portfolio model, for people
   */
  public record Row(String strategy, Map<String, MarginResult> results, Map<String, InvalidInputException> errors,
      String driver) {
  }

  /**
   * The document.
   *
   * @param asOf  the market snapshot's time
   * @param models  the models, in column order
   * @param baseline  the model the ratio divides by (isolated)
   * @param portfolio  the model the ratio is of (the parameter file's grid)
   * @param rows  the strategies
   * @return the document
   */
  public static ObjectNode write(Instant asOf, List<String> models, String baseline, String portfolio,
      List<Row> rows) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("as_of", asOf.toString());
    o.put("currency", "USD");
    ArrayNode ms = o.putArray("models");
    models.forEach(ms::add);
    o.put("baseline", baseline);
    o.put("portfolio_model", portfolio);
    ArrayNode strategies = o.putArray("strategies");
    for (Row row : rows) {
      ObjectNode n = strategies.addObject();
      n.put("strategy", row.strategy());
      ArrayNode margins = n.putArray("margins");
      for (String m : models) {
        ObjectNode x = margins.addObject();
        x.put("model", m);
        MarginResult r = row.results().get(m);
        if (r != null) {
          x.put("status", "ok");
          x.put("initial_margin_usd", r.initialMarginUsd());
          x.put("maintenance_margin_usd", r.maintenanceMarginUsd());
        } else {
          InvalidInputException e = row.errors().get(m);
          x.put("status", e instanceof org.pmargin.core.margin.ModelNotApplicableException ? "not_applicable"
              : "failed");
          ObjectNode err = x.putObject("error");
          err.put("field", e == null ? "" : e.field());
          err.put("message", e == null ? "" : e.reason());
        }
      }
      MarginResult base = row.results().get(baseline);
      MarginResult pm = row.results().get(portfolio);
      if (base != null && pm != null && base.initialMarginUsd() > 0) {
        n.put("ratio", pm.initialMarginUsd() / base.initialMarginUsd());
      } else {
        n.putNull("ratio");
      }
      n.put("driver", row.driver());
    }
    return o;
  }
}
