package org.pmargin.server.api;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.data.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's risk matrix, as Deribit's risk-matrix view shows it: per underlying, the account's P&amp;L in USD
 * for each price move × relative vol shock, every position revalued by the project's pricer ({@link
 * PositionValuer}) on the current snapshot, with the worst cell marked, and an extended row of larger moves at
 * unchanged vol. It is a view of the exposure, not a margin: the grid model's own scenarios use its parameters.
 */
final class RiskMatrix {

  private RiskMatrix() {
  }

  static ArrayNode of(Account a, MarketSnapshot s, double[] moves, double[] vols, double[] extended) {
    List<Asset> underlyings = new ArrayList<>();
    for (Position p : a.portfolio().positions()) {
      Asset u = p.instrument().underlying();
      if (!underlyings.contains(u) && s.underlyings().containsKey(u)) {
        underlyings.add(u);
      }
    }
    underlyings.sort(null);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Asset u : underlyings) {
      ObjectNode n = out.addObject();
      n.put("underlying", u.code());
      ArrayNode mv = n.putArray("moves");
      for (double m : moves) {
        mv.add(m);
      }
      ArrayNode vv = n.putArray("vol_shocks");
      for (double v : vols) {
        vv.add(v);
      }
      ArrayNode cells = n.putArray("pnl_usd");
      double worst = Double.MAX_VALUE;
      int wi = 0;
      int wj = 0;
      for (int i = 0; i < vols.length; i++) {
        ArrayNode row = cells.addArray();
        for (int j = 0; j < moves.length; j++) {
          double pnl = pnl(a, s, u, moves[j], vols[i]);
          row.add(pnl);
          if (pnl < worst) {
            worst = pnl;
            wi = i;
            wj = j;
          }
        }
      }
      n.putObject("worst").put("vol_index", wi).put("move_index", wj).put("pnl_usd", worst);
      ArrayNode ext = n.putArray("extended");
      for (double m : extended) {
        ext.addObject().put("move", m).put("pnl_usd", pnl(a, s, u, m, 0.0));
      }
    }
    return out;
  }

  private static double pnl(Account a, MarketSnapshot s, Asset u, double move, double vol) {
    MarketShock shock = new MarketShock(u, 1 + move, (sigma, t) -> sigma * (1 + vol));
    double total = 0;
    for (Position p : a.portfolio().positions()) {
      if (!p.instrument().underlying().equals(u)) {
        continue;
      }
      total += PositionValuer.value(p, s, shock).valueUsd() - PositionValuer.value(p, s).valueUsd();
    }
    return total;
  }
}
