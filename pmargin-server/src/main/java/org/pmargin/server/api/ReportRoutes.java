package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's computed read routes (docs/DASHBOARD.md): {@code GET /v1/accounts/{id}/pnl-distribution} (the
 * simulation model's P&amp;L histogram with VaR and ES, the account's reader, {@link PnlDistribution}). The access
 * check is {@link Access}'s like every route's.
 */
final class ReportRoutes {

  private ReportRoutes() {
  }

  /**
   * Installs the routes.
   *
   * @param r  the routes
   * @param service  the service
   * @param distribution  the simulated P&amp;L distributions
   */
  static void install(RoutesConfig r, MarginService service, PnlDistribution distribution) {
    r.get("/v1/accounts/{id}/pnl-distribution", ctx -> {
      String id = HttpApi.known(service, ctx).accountId();
      String model = ctx.queryParam("model");
      if (model != null && !model.equals("simulation")) {
        throw new InvalidInputException("model", "the P&L distribution is the simulation model's: model must be "
            + "simulation, got '" + model + "'");
      }
      int buckets = intParam(ctx, "buckets", 40);
      var engine = service.engine();
      var account = engine.account(id);
      var market = engine.snapshot();
      json(ctx, distribution.of(account, market, service.parameters().parameters(), ctx.queryParam("scenarios"),
          buckets));
    });
  }

  private static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name, "must be an integer, got '" + v + "'");
    }
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
  }
}
