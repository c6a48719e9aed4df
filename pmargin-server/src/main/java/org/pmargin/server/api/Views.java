package org.pmargin.server.api;

import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ModelNotApplicableException;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.MarginJson;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.server.service.CommandApplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON answers of the read routes: an account, a margin under any model, a what-if, the calculator. */
final class Views {

  private Views() {
  }

  static ObjectNode account(MarginEngine engine, AccountMargin m) {
    Account a = engine.account(m.accountId());
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("version", 1);
    n.put("account", a.id());
    ObjectNode balances = n.putObject("balances");
    for (Map.Entry<Asset, Double> e : a.collateral().entrySet()) {
      balances.put(e.getKey().code(), e.getValue());
    }
    ArrayNode positions = n.putArray("positions");
    for (Position p : a.portfolio().positions()) {
      positions.addObject().put("instrument", p.instrument().symbol()).put("quantity", p.quantity())
          .put("entry_price", p.entryPrice());
    }
    ObjectNode margin = n.putObject("margin");
    margin.put("model", engine.model().name());
    CommandApplier.health(margin, m.health());
    margin.put("snapshot_version", m.snapshotVersion());
    margin.put("degraded", m.degraded());
    return n;
  }

  static ObjectNode whatIf(WhatIf w) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    out.put("account", w.accountId());
    CommandApplier.health(out.putObject("before"), w.before());
    CommandApplier.health(out.putObject("after"), w.after());
    out.put("initial_margin_change_usd", w.initialMarginChangeUsd());
    out.put("acceptable", w.acceptable());
    return out;
  }

  /** The margin of an account under every model on a snapshot; a model that cannot margin it says why. */
  static ObjectNode everyModel(Account account, MarketSnapshot snapshot, List<MarginModel> models) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    out.put("account", account.id());
    out.put("market_time", snapshot.asOf().toString());
    out.put("market_version", snapshot.version());
    ArrayNode results = out.putArray("margins");
    for (MarginModel m : models) {
      try {
        MarginResult r = m.margin(account, snapshot);
        results.add(MarginJson.write(account.id(), r));
      } catch (ModelNotApplicableException e) {
        results.add(MarginJson.notApplicable(account.id(), m.name(), e));
      } catch (InvalidInputException e) {
        results.add(MarginJson.failed(account.id(), m.name(), e));
      }
    }
    return out;
  }
}
