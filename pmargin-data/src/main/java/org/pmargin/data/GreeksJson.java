package org.pmargin.data;

import java.time.Instant;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.UnderlyingGreeks;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@link PortfolioGreeks} as JSON in plain mathematical units (format in {@code docs/FORMATS.md}, section
 * "Greeks output").
 */
public final class GreeksJson {

  /** The version of the Greeks output format. */
  public static final int VERSION = 1;

  private GreeksJson() {
  }

  /**
   * The JSON document for an account's Greeks.
   *
   * @param greeks  the valuation
   * @param asOf  the snapshot time
   * @return the document
   */
  public static ObjectNode write(PortfolioGreeks greeks, Instant asOf) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("account", greeks.accountId());
    o.put("as_of", asOf.toString());
    ArrayNode us = o.putArray("underlyings");
    for (UnderlyingGreeks u : greeks.byUnderlying()) {
      ObjectNode n = us.addObject();
      n.put("underlying", u.underlying().code());
      n.put("index", u.index());
      n.put("delta", u.delta());
      n.put("cash_delta", u.cashDelta());
      n.put("gamma", u.gamma());
      n.put("dollar_gamma", u.dollarGamma());
      n.put("vega", u.vega());
      n.put("theta", u.theta());
      n.put("vanna", u.vanna());
      n.put("volga", u.volga());
      n.put("collateral_delta", u.collateralDelta());
      n.put("coin_pool_delta", u.coinPoolDelta());
    }
    ArrayNode ps = o.putArray("positions");
    for (PositionValuation v : greeks.positions()) {
      ObjectNode n = ps.addObject();
      n.put("instrument", v.position().instrument().symbol());
      n.put("quantity", v.position().quantity());
      n.put("entry_price", v.position().entryPrice());
      n.put("mark_price", v.markPrice());
      n.put("settlement_asset", v.settlementAsset().code());
      n.put("unrealised_pnl", v.unrealisedPnl());
      n.put("value_settlement", v.valueSettlement());
      n.put("value_usd", v.valueUsd());
      n.put("delta", v.delta());
      n.put("gamma", v.gamma());
      n.put("vega", v.vega());
      n.put("theta", v.theta());
      n.put("vanna", v.vanna());
      n.put("volga", v.volga());
      n.put("settlement_delta", v.settlementDelta());
    }
    return o;
  }
}
