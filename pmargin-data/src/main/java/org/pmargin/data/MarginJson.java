package org.pmargin.data;

import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.RiskMeasure;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link MarginResult} as JSON: every pool with its breakdown, contributions and health (format in
 * {@code docs/FORMATS.md}, section "Margin output").
 */
public final class MarginJson {

  /** The version of the margin output format. */
  public static final int VERSION = 1;

  private MarginJson() {
  }

  /**
   * The JSON object of a model that does not apply to the account (e.g. Derive for a coin-settled book): status
   * {@code not_applicable}, with the reason naming the position or balance.
   */
  public static ObjectNode notApplicable(String account, String model,
      org.pmargin.core.validation.InvalidInputException e) {
    return error(account, model, "not_applicable", e);
  }

  /** The JSON object of a model that failed on the input: status {@code failed}, with the field and the reason. */
  public static ObjectNode failed(String account, String model,
      org.pmargin.core.validation.InvalidInputException e) {
    return error(account, model, "failed", e);
  }

  private static ObjectNode error(String account, String model, String status,
      org.pmargin.core.validation.InvalidInputException e) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("account", account);
    o.put("model", model);
    o.put("status", status);
    ObjectNode err = o.putObject("error");
    err.put("field", e.field());
    err.put("message", e.reason());
    return o;
  }

  /** The JSON object of one result. */
  public static ObjectNode write(String account, MarginResult r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("account", account);
    o.put("model", r.model());
    o.put("status", "ok");
    o.put("view", r.view().name().toLowerCase(java.util.Locale.ROOT));
    AccountHealth h = r.health();
    o.put("initial_margin_usd", h.initialMarginUsd());
    o.put("maintenance_margin_usd", h.maintenanceMarginUsd());
    o.put("equity_usd", h.equityUsd());
    o.put("margin_ratio", h.marginRatio());
    o.put("available_usd", h.availableUsd());
    o.put("state", h.state().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode pools = o.putArray("pools");
    for (PoolMargin p : r.pools()) {
      ObjectNode n = pools.addObject();
      n.put("currency", p.currency().code());
      n.put("usd_rate", p.usdRate());
      n.put("equity", p.equity());
      n.put("initial_margin", p.initialMargin());
      n.put("maintenance_margin", p.maintenanceMargin());
      n.put("driving_scenario", p.drivingScenario());
      ArrayNode cs = n.putArray("components");
      for (MarginComponent c : p.components()) {
        ObjectNode cn = cs.addObject();
        cn.put("name", c.name());
        cn.put("initial", c.initial());
        cn.put("maintenance", c.maintenance());
        cn.put("explanation", c.explanation());
      }
      ArrayNode ps = n.putArray("contributions");
      for (PositionContribution pc : p.contributions()) {
        ObjectNode pn = ps.addObject();
        pn.put("symbol", pc.symbol());
        pn.put("scenario_pnl", pc.scenarioPnl());
        pn.put("initial_margin", pc.initialMargin());
      }
      ArrayNode rs = n.putArray("risk_measures");
      for (RiskMeasure m : p.riskMeasures()) {
        ObjectNode rn = rs.addObject();
        rn.put("measure", m.measure());
        rn.put("confidence", m.confidence());
        rn.put("value", m.value());
      }
    }
    return o;
  }
}
