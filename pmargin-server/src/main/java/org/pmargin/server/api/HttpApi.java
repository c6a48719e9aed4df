package org.pmargin.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.InstrumentJson;
import org.pmargin.data.Json;
import org.pmargin.data.MarginJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Fill;
import org.pmargin.server.service.Answer;
import org.pmargin.server.service.ClientIdConflictException;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreUnavailableException;
import org.pmargin.server.stream.StreamHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP/JSON API over a {@link MarginService} (routes in docs/API.md). State-changing routes answer after their
 * event committed: 200 with the engine's answer, 422 when the engine refused the event (logged, nothing changed),
 * 400 naming the field for bad input, 404 for an unknown account, 409 for a client id reused for another request,
 * 503 (with Retry-After) when the event log is unavailable. Bodies are limited to 1 MB.
 */
public final class HttpApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String JSON = "application/json";
  /** The largest request body accepted (413 above). */
  static final int MAX_REQUEST_BYTES = 1_000_000;

  private final MarginService service;
  private final EventStore reads;
  private final Javalin app;
  private final StreamRoutes streams;

  private HttpApi(MarginService service, EventStore reads, Javalin app, StreamRoutes streams) {
    this.service = service;
    this.reads = reads;
    this.app = app;
    this.streams = streams;
  }

  /**
   * Starts the API on a loopback or any-address port.
   *
   * @param service  the service
   * @param keys  the API keys (the access check: docs/API.md, "Authentication and roles")
   * @param host  the address to bind, e.g. 127.0.0.1
   * @param port  the port, 0 for a free one
   * @return the running API
   */
  public static HttpApi start(MarginService service, org.pmargin.server.auth.ApiKeys keys, String host,
      int port) {
    return start(service, keys, host, port, RateLimits.defaults());
  }

  /**
   * Starts the API with its rate limits.
   *
   * @param service  the service
   * @param keys  the API keys
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @param limits  the per-key and anonymous request budgets
   * @return the running API
   */
  public static HttpApi start(MarginService service, org.pmargin.server.auth.ApiKeys keys, String host,
      int port, RateLimits limits) {
    return start(service, keys, host, port, limits, null);
  }

  /**
   * Starts the API with its rate limits and the data directory of its history-based views.
   *
   * @param service  the service
   * @param keys  the API keys
   * @param host  the address to bind
   * @param port  the port, 0 for a free one
   * @param limits  the per-key and anonymous request budgets
   * @param dataDir  the data directory of the P&amp;L distribution and the reports, or null for the default
   * @return the running API
   */
  public static HttpApi start(MarginService service, org.pmargin.server.auth.ApiKeys keys, String host,
      int port, RateLimits limits, java.nio.file.Path dataDir) {
    org.pmargin.server.metrics.ServiceMetrics metrics = new org.pmargin.server.metrics.ServiceMetrics(service,
        service.settings().liquidation() ? "engine" : "off");
    EventStore reads = EventStore.open(service.location());
    HttpApi[] self = new HttpApi[1];
    StreamRoutes[] streams = new StreamRoutes[1];
    Javalin app = Javalin.create(config -> {
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      DashboardRoutes.files(config);
      var r = config.routes;
      Access.install(r, keys);
      OpsRoutes.install(config, service, metrics, limits);
      streams[0] = StreamRoutes.install(r, service, keys, new StreamHub(service, reads, streamQueue()));
      FeedStatus feed = new FeedStatus();
      service.addCommitListener(feed);
      feed.seed(reads.lastOfType("market"));
      DashboardRoutes.install(r, service, feed, dataDir);
      ProofRoutes.install(r, service);
      VenueRoutes.install(r, service, metrics);
      r.get("/health", ctx -> ctx.contentType(JSON).result("{\"status\":\"ok\"}"));
      r.get("/ready", ctx -> {
        boolean ready = !service.refusingWrites();
        ctx.status(ready ? 200 : 503).contentType(JSON).result("{\"ready\":" + ready + ",\"last_sequence\":"
            + service.lastSequence() + "}");
      });
      r.post("/v1/accounts", ctx -> write(ctx, service, Requests.create(Requests.body(ctx))));
      r.get("/v1/accounts/{id}", ctx -> json(ctx, 200, Views.account(service.engine(), known(service, ctx))));
      r.post("/v1/accounts/{id}/deposits", ctx -> write(ctx, service, Requests.transfer("deposit",
          known(service, ctx).accountId(), Requests.body(ctx))));
      r.post("/v1/accounts/{id}/withdrawals", ctx -> write(ctx, service, Requests.transfer("withdraw",
          known(service, ctx).accountId(), Requests.body(ctx))));
      r.post("/v1/accounts/{id}/fills", ctx -> {
        String account = known(service, ctx).accountId();
        Fields body = Requests.body(ctx);
        listed(service, body, "instrument");
        write(ctx, service, Requests.fill(account, body));
      });
      r.get("/v1/accounts/{id}/margin", ctx -> margin(ctx, service));
      r.post("/v1/accounts/{id}/what-if", ctx -> whatIf(ctx, service));
      r.post("/v1/market", ctx -> write(ctx, service, Requests.market(Requests.body(ctx))));
      r.get("/v1/market", ctx -> {
        var s = service.engine().snapshot();
        ObjectNode n = Json.MAPPER.createObjectNode().put("as_of", s.asOf().toString()).put("version", s.version());
        ArrayNode u = n.putArray("underlyings");
        var held = service.engine().degraded();
        s.underlyings().values().forEach(m -> u.addObject().put("underlying", m.underlying().code())
            .put("index", m.forwards().spot()).put("perpetual_mark", m.perpetualMark())
            .put("degraded", held.contains(m.underlying())));
        json(ctx, 200, n);
      });
      r.post("/v1/margin", ctx -> {
        var account = PortfolioJson.read(Requests.body(ctx).node());
        json(ctx, 200, Views.everyModel(account, service.engine().snapshot(),
            MarginModels.every(service.parameters().parameters())));
      });
      r.get("/v1/events", ctx -> self[0].events(ctx));
      r.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "invalid_input", e.field(), e.reason()));
      r.exception(UnknownAccountException.class, (e, ctx) -> error(ctx, 404, "not_found", "account",
          e.getMessage().substring("account: ".length())));
      r.exception(StoreUnavailableException.class, (e, ctx) -> {
        ctx.header("Retry-After", "1");
        error(ctx, 503, "unavailable", null, e.getMessage());
      });
      r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), "http",
          null, e.getMessage()));
      r.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal", null, "internal error");
      });
    });
    app.start(host, port);
    self[0] = new HttpApi(service, reads, app, streams[0]);
    return self[0];
  }

  /** The HTTP routes registered, as {@code METHOD path} (before/after filters left out), for the OpenAPI check. */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).toList();
  }

  /** The events a stream client may have queued: {@code -Dpmargin.stream.queue=N}, else 10,000. */
  private static int streamQueue() {
    return Integer.getInteger("pmargin.stream.queue", StreamHub.DEFAULT_QUEUE);
  }

  /** How many stream clients receive live events now. */
  public int streamSubscribers() {
    return streams.liveCount();
  }

  /** The port the API listens on. */
  public int port() {
    return app.port();
  }

  static AccountMargin known(MarginService service, Context ctx) {
    String id = ctx.pathParam("id");
    return service.engine().margin(id).orElseThrow(() -> new UnknownAccountException(id));
  }

  /** Refuses an instrument whose underlying the market has no data for (a 400, nothing logged). */
  static void listed(MarginService service, Fields f, String field) {
    if (!f.has(field)) {
      return;
    }
    var instrument = InstrumentJson.read(f.node().get(field), f.pathOf(field));
    if (!service.engine().snapshot().underlyings().containsKey(instrument.underlying())) {
      throw new InvalidInputException(f.pathOf(field), "unknown instrument " + instrument.symbol()
          + ": the market has no data for " + instrument.underlying().code());
    }
  }

  static void write(Context ctx, MarginService service, Command command) {
    CompletableFuture<Answer> f = service.submit(command);
    ctx.future(() -> f.handle((a, x) -> {
      if (x == null) {
        if (a.repeated()) {
          ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(a.accepted() ? 200 : 422).contentType(JSON).result(a.json());
        return null;
      }
      Throwable c = x instanceof CompletionException && x.getCause() != null ? x.getCause() : x;
      switch (c) {
        case InvalidInputException e -> error(ctx, 400, "invalid_input", e.field(), e.reason());
        case ClientIdConflictException e -> error(ctx, 409, "client_id_conflict", "client_id", e.getMessage()
            .substring("client_id: ".length()));
        case StoreUnavailableException e -> {
          ctx.header("Retry-After", "1");
          error(ctx, 503, "unavailable", null, e.getMessage());
        }
        default -> {
          LOG.error("unexpected error on {}", ctx.path(), c);
          error(ctx, 500, "internal", null, "internal error");
        }
      }
      return null;
    }));
  }

  private static void margin(Context ctx, MarginService service) {
    AccountMargin m = known(service, ctx);
    MarginEngine e = service.engine();
    String model = ctx.queryParam("model");
    if (model == null) {
      json(ctx, 200, MarginJson.write(m.accountId(), e.explain(m.accountId())));
    } else {
      MarginModel chosen = service.parameters().model(model);
      json(ctx, 200, MarginJson.write(m.accountId(), chosen.margin(e.riskAccount(m.accountId()), e.snapshot())));
    }
  }

  private static void whatIf(Context ctx, MarginService service) {
    String account = known(service, ctx).accountId();
    Fields f = Requests.body(ctx).onlyKnown(Set.of("orders"));
    List<Fill> orders = new ArrayList<>();
    for (Fields o : f.objects("orders")) {
      o.onlyKnown(Set.of("instrument", "quantity", "price"));
      listed(service, o, "instrument");
      try {
        orders.add(new Fill(account, InstrumentJson.read(o.node().get("instrument"), o.pathOf("instrument")),
            o.number("quantity"), o.number("price")));
      } catch (InvalidInputException e) {
        throw o.locate(e);
      }
    }
    json(ctx, 200, Views.whatIf(service.engine().whatIf(account, orders)));
  }

  private void events(Context ctx) {
    long after = longParam(ctx, "after", 0);
    long limit = longParam(ctx, "limit", 100);
    if (after < 0) {
      throw new InvalidInputException("after", "must be >= 0, got " + after);
    }
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be in [1, 1000], got " + limit);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    ArrayNode list = out.putArray("events");
    reads.read(after, limit, false, e -> {
      ObjectNode n = list.addObject();
      n.put("sequence", e.sequence());
      n.put("type", e.type());
      n.put("client_id", e.clientId());
      n.set("request", Json.parse(e.payload()));
      n.set("answer", Json.parse(e.answer()));
    });
    out.put("last_sequence", service.lastSequence());
    json(ctx, 200, out);
  }

  private static long longParam(Context ctx, String name, long dflt) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name, "must be an integer, got '" + v + "'");
    }
  }

  static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType(JSON).result(Json.MAPPER.writeValueAsBytes(body));
  }

  static void error(Context ctx, int status, String code, String field, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ObjectNode e = n.putObject("error");
    e.put("code", code);
    if (field != null) {
      e.put("field", field);
    }
    e.put("message", message);
    json(ctx, status, n);
  }

  /** Stops the HTTP server (the service is closed by its owner). */
  @Override
  public void close() {
    streams.close();
    app.stop();
    reads.close();
  }
}
