package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's computed read routes (docs/DASHBOARD.md): {@code GET /v1/accounts/{id}/pnl-distribution} (the
 * simulation model's P&amp;L histogram with VaR and ES, the account's reader, {@link PnlDistribution}). The access
 * check is {@link Access}'s like every route's; {@code GET /v1/reports/cascade} and {@code /v1/reports/backtest} (any
 * key: the demo's synthetic population and fixed books, no account's data), computed once ({@link Reports}).
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
   * @param reports  the cascade and backtest reports
   */
  static void install(RoutesConfig r, MarginService service, PnlDistribution distribution, Reports reports) {
    r.get("/v1/reports/cascade", ctx -> report(ctx, reports.cascade()));
    r.get("/v1/reports/backtest", ctx -> report(ctx, reports.backtest()));
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

  /** A report when ready; 202 while it is computed; 500 naming the failure if it could not be. */
  private static void report(Context ctx, CompletableFuture<ObjectNode> f) {
    if (!f.isDone()) {
      ctx.status(202).header("Retry-After", "2");
      json(ctx, Json.MAPPER.createObjectNode().put("version", 1).put("status", "computing"));
      return;
    }
    try {
      json(ctx, f.join());
    } catch (CompletionException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      HttpApi.error(ctx, 500, "report_failed", null, "the report could not be computed: " + c.getMessage());
    }
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
