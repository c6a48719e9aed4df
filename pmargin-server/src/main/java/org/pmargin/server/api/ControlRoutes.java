package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import java.util.Set;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.data.RiskParametersJson;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.ServiceParameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * The risk desk's controls, each change an event in the log so that a replay agrees: the versioned risk parameters
 * ({@code GET /v1/parameters}; {@code PUT /v1/parameters}, admin: a model and a risk-parameter document, every
 * field checked, version + 1) and liquidation ({@code GET /v1/liquidation}; {@code POST
 * /v1/liquidation/pause|resume|run}, admin). Who may call what is {@link Access}'s table.
 */
final class ControlRoutes {

  private ControlRoutes() {
  }

  static void install(RoutesConfig r, MarginService service) {
    r.get("/v1/parameters", ctx -> HttpApi.json(ctx, 200, view(service.parameters())));
    r.put("/v1/parameters", ctx -> {
      Fields f = Requests.body(ctx).onlyKnown(Set.of("client_id", "model", "parameters", "if_version"));
      ServiceParameters now = service.parameters();
      if (f.has("if_version") && f.integer("if_version") != now.version()) {
        HttpApi.error(ctx, 409, "version_conflict", "if_version", "the parameters in force are version "
            + now.version() + ", not " + f.integer("if_version"));
        return;
      }
      String model = f.text("model", now.model());
      MarginModels.byName(model, now.parameters());
      if (!f.has("parameters")) {
        throw new InvalidInputException("parameters", "is required: a risk-parameter document (docs/FORMATS.md)");
      }
      Fields doc = f.object("parameters");
      try {
        MarginModels.byName(model, RiskParametersJson.read(doc.node()));
      } catch (InvalidInputException e) {
        throw e.within("parameters");
      }
      ObjectNode n = Json.MAPPER.createObjectNode().put("type", "parameters").put("model", model);
      n.set("parameters", doc.node());
      HttpApi.write(ctx, service, Command.of(f.text("client_id"), n));
    });
    r.get("/v1/liquidation", ctx -> {
      var e = service.engine();
      var losses = e.losses();
      ObjectNode n = Json.MAPPER.createObjectNode().put("paused", e.liquidationPaused())
          .put("candidates", e.liquidationCandidates()).put("bad_debt_usd", e.badDebtUsd())
          .put("insurance_fund_usd", losses.fundUsd());
      HttpApi.json(ctx, 200, n);
    });
    for (String action : new String[] {"pause", "resume", "run"}) {
      r.post("/v1/liquidation/" + action, ctx -> {
        Fields f = Requests.body(ctx).onlyKnown(Set.of("client_id"));
        HttpApi.write(ctx, service, Command.of(f.text("client_id"), Json.MAPPER.createObjectNode()
            .put("type", "liquidation").put("action", action)));
      });
    }
  }

  private static ObjectNode view(ServiceParameters p) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("version", p.version()).put("model", p.model())
        .put("sequence", p.sequence());
    n.set("parameters", p.document());
    return n;
  }
}
