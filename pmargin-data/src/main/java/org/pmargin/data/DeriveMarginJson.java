package org.pmargin.data;

import java.util.List;
import java.util.Locale;
import org.pmargin.core.margin.derive.DeriveMargin;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.derive.DeriveScenario;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Derive's own numbers for one subaccount ({@link DeriveMargin}) as the {@code derive} object of a margin
 * result (format in {@code docs/FORMATS.md}, "Derive portfolio"): the signed MM and IM surpluses Derive reports, the
 * requirements they convert to, the worst loss and its candidate, every contingency, every scenario's P&amp;L and the
 * per-expiry numbers. Amounts are in the cash asset (USDC).
 */
public final class DeriveMarginJson {

  private DeriveMarginJson() {
  }

  /**
   * The object.
   *
   * @param m  the evaluation
   * @param p  the parameters it used (scenario descriptions)
   * @return the JSON object
   */
  public static ObjectNode write(DeriveMargin m, DeriveParameters p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("parameters", p.name());
    o.put("mark_to_market", m.markToMarket());
    o.put("option_mtm", m.optionMtm());
    o.put("perp_mtm", m.perpMtm());
    o.put("collateral_mtm", m.collateralMtm());
    o.put("cash", m.cash());
    o.put("maintenance_surplus", m.maintenanceSurplus());
    o.put("initial_surplus", m.initialSurplus());
    o.put("maintenance_requirement", m.maintenanceRequirement());
    o.put("initial_requirement", m.initialRequirement());
    o.put("min_span", m.minSpan());
    o.put("worst_scenario", m.worstScenario());
    o.put("worst", m.worstDescription(p));
    o.put("worst_without_static_discount", m.worstWithoutStaticDiscount());
    o.put("basis_contingency", m.basisContingency());
    o.put("mm_factor", m.mmFactor());
    o.put("im_factor", m.imFactor());
    o.put("peg_add_on", m.pegAddOn());
    ObjectNode c = o.putObject("contingencies");
    c.put("mm_perp", m.mmPerp());
    c.put("im_perp", m.imPerp());
    c.put("mm_option", m.mmOption());
    c.put("im_option", m.imOption());
    c.put("mm_collateral", m.mmCollateral());
    c.put("im_collateral", m.imCollateral());
    c.put("oracle", m.oracle());
    ArrayNode sc = o.putArray("scenarios");
    List<DeriveScenario> scenarios = p.scenarios();
    for (int j = 0; j < scenarios.size(); j++) {
      DeriveScenario s = scenarios.get(j);
      ObjectNode n = sc.addObject();
      n.put("spot_shock", s.spotShock());
      n.put("vol_shock", s.vol().name().toLowerCase(Locale.ROOT));
      n.put("dampening", s.dampening());
      n.put("pnl", m.scenarioPnls().get(j));
    }
    ArrayNode ex = o.putArray("expiries");
    for (DeriveMargin.ExpiryDetail d : m.expiries()) {
      ObjectNode n = ex.addObject();
      n.put("seconds_to_expiry", d.secondsToExpiry());
      n.put("mtm", d.mtm());
      n.put("basis", d.basis());
      n.put("vol_up", d.volUp());
      n.put("vol_down", d.volDown());
      n.put("discount_positive", d.discountPositive());
      n.put("discount_negative", d.discountNegative());
      n.put("naked_shorts", d.nakedShorts());
      n.put("confidence", d.confidence());
      n.put("oracle", d.oracle());
    }
    ArrayNode ps = o.putArray("positions");
    for (DeriveMargin.PositionPnl x : m.positions()) {
      ObjectNode n = ps.addObject();
      n.put("label", x.label());
      n.put("worst_pnl", x.pnl());
    }
    return o;
  }
}
