package org.pmargin.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pmargin.core.collateral.CollateralClass;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.collateral.HaircutTier;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressTest;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.server.service.CommandApplier;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The risk dashboard (docs/DASHBOARD.md): its static files from the jar under {@code /dashboard/} (uPlot from its
 * webjar under {@code /webjars/}), open like {@code /health} since they hold no data, and the read routes its views
 * need: {@code GET /v1/accounts} (every account by health, closest to liquidation first; risk/admin),
 * {@code GET /v1/accounts/{id}/view} (positions with Greeks, collateral with haircuts, the margin under every model,
 * the risk matrix and stress P&amp;L; the account's reader), {@code GET /v1/risk} (insurance fund, losses, market
 * and feed status; risk/admin). The access check is {@link Access}'s like every route.
 */
final class DashboardRoutes {

  private static final double[] MOVES = {-0.16, -0.12, -0.08, -0.04, 0.0, 0.04, 0.08, 0.12, 0.16};
  private static final double[] EXTENDED = {-0.5, -0.33, 0.33, 0.5};
  private static final double[] VOLS = {-0.25, 0.0, 0.25};

  private DashboardRoutes() {
  }

  /** Serves the static files (before the routes, on the config). */
  static void files(JavalinConfig config) {
    config.staticFiles.add(s -> {
      s.hostedPath = "/dashboard";
      s.directory = "/dashboard";
      s.location = Location.CLASSPATH;
    });
    config.staticFiles.enableWebjars();
  }

  /**
   * Installs the read routes.
   *
   * @param r  the routes
   * @param service  the service
   * @param feed  the feed status kept from the committed market events
   * @param dataDir  the data directory of the P&amp;L distribution and the reports, or null for the default
   */
  static void install(RoutesConfig r, MarginService service, FeedStatus feed, java.nio.file.Path dataDir) {
    java.util.function.Supplier<java.nio.file.Path> data = dataDir != null ? () -> dataDir
        : PnlDistribution::defaultDataDir;
    r.get("/v1/accounts", ctx -> json(ctx, accounts(service.engine())));
    r.get("/v1/accounts/{id}/view", ctx -> {
      String id = ctx.pathParam("id");
      AccountMargin m = service.engine().margin(id).orElseThrow(() -> new UnknownAccountException(id));
      long last = service.lastSequence(); // read first: the view is at least as new (the P&L view's replay point)
      ObjectNode v = view(service.engine(), m);
      v.put("last_sequence", last);
      json(ctx, v);
    });
    r.get("/v1/risk", ctx -> json(ctx, risk(service.engine(), feed)));
    ReportRoutes.install(r, service, new PnlDistribution(data), new Reports(data,
        Reports.Settings.fromSystemProperties()));
  }

  private static void json(io.javalin.http.Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
  }

  static ObjectNode accounts(MarginEngine engine) {
    List<AccountMargin> all = new ArrayList<>(engine.margins());
    all.sort(Comparator.comparingInt((AccountMargin a) -> -a.health().state().ordinal())
        .thenComparing(a -> -a.health().marginRatio()).thenComparing(AccountMargin::accountId));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    out.put("model", engine.model().name());
    ArrayNode list = out.putArray("accounts");
    for (AccountMargin m : all) {
      CommandApplier.margin(list.addObject(), m);
    }
    return out;
  }

  static ObjectNode view(MarginEngine engine, AccountMargin m) {
    Account a = engine.account(m.accountId());
    MarketSnapshot s = engine.snapshot();
    RiskParameters params = RiskParameters.defaults();
    ObjectNode out = Views.account(engine, m);
    ArrayNode greeks = out.putArray("greeks");
    PortfolioGreeks g = PortfolioGreeks.of(a, s);
    for (PositionValuation v : g.positions()) {
      greeks.addObject().put("instrument", v.position().instrument().symbol()).put("quantity",
          v.position().quantity()).put("mark", v.markPrice()).put("value_usd", v.valueUsd())
          .put("unrealised_pnl", v.unrealisedPnl()).put("pnl_currency", v.settlementAsset().code())
          .put("delta", v.delta()).put("gamma", v.gamma()).put("vega", v.vega()).put("theta", v.theta());
    }
    out.set("collateral", collateral(a, s, params.collateral()));
    out.set("models", Views.everyModel(a, s, MarginModels.every(params)).get("margins"));
    out.set("risk_matrix", RiskMatrix.of(a, s, MOVES, VOLS, EXTENDED));
    ArrayNode stress = out.putArray("stress");
    for (StressResult r : StressTest.run(a, s, StressLibrary.hypothetical(), params.collateral())) {
      stress.addObject().put("name", r.scenario().name()).put("description", r.scenario().description())
          .put("pnl_usd", r.pnlUsd()).put("equity_after_usd", r.equityAfterUsd());
    }
    return out;
  }

  private static ArrayNode collateral(Account a, MarketSnapshot s, HaircutSchedule schedule) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Map.Entry<Asset, Double> e : a.collateral().entrySet()) {
      ObjectNode n = out.addObject();
      double price = s.priceUsd(e.getKey());
      double value = e.getValue() * price;
      double counted = schedule.countedUsd(e.getKey(), e.getValue(), price);
      CollateralClass c = schedule.classOf(e.getKey());
      n.put("asset", e.getKey().code()).put("amount", e.getValue()).put("price_usd", price).put("value_usd", value)
          .put("counted_usd", counted).put("haircut", value > 0 ? 1 - counted / value : 0.0).put("class", c.name());
      ArrayNode tiers = n.putArray("tiers");
      for (HaircutTier t : c.tiers()) {
        ObjectNode tn = tiers.addObject().put("haircut", t.haircut());
        if (Double.isFinite(t.upToUsd())) {
          tn.put("up_to_usd", t.upToUsd());
        } else {
          tn.putNull("up_to_usd");
        }
      }
    }
    return out;
  }

  static ObjectNode risk(MarginEngine engine, FeedStatus feed) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    var l = engine.losses();
    ObjectNode fund = out.putObject("insurance_fund");
    fund.put("fund_usd", l.fundUsd()).put("fees_usd", l.feesUsd()).put("drawn_usd", l.drawnUsd())
        .put("adl_fills", l.adlFills()).put("socialised_usd", l.socialisedUsd()).put("bad_debt_usd",
            engine.badDebtUsd());
    int[] byState = new int[4];
    int degraded = 0;
    for (AccountMargin m : engine.margins()) {
      byState[m.health().state().ordinal()]++;
      degraded += m.degraded() ? 1 : 0;
    }
    ObjectNode states = out.putObject("accounts_by_state");
    String[] names = {"healthy", "margin_call", "liquidatable", "bankrupt"};
    for (int i = 0; i < 4; i++) {
      states.put(names[i], byState[i]);
    }
    out.put("accounts_on_degraded_prices", degraded);
    out.put("liquidation_candidates", engine.liquidationCandidates());
    MarketSnapshot s = engine.snapshot();
    ObjectNode market = out.putObject("market");
    market.put("as_of", s.asOf().toString()).put("version", s.version());
    ArrayNode u = market.putArray("underlyings");
    s.underlyings().values().forEach(x -> u.addObject().put("underlying", x.underlying().code())
        .put("index", x.forwards().spot()).put("perpetual_mark", x.perpetualMark())
        .put("degraded", feed.degraded().contains(x.underlying().code())));
    feed.write(out.putObject("feed"));
    return out;
  }
}
