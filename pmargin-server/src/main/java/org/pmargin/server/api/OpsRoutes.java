package org.pmargin.server.api;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pmargin.data.Json;
import org.pmargin.server.metrics.ServiceMetrics;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.JsonNode;

/**
 * The operations routes, installed by {@link HttpApi} in one call: {@code GET /metrics} (Prometheus text, risk and
 * admin), {@code GET /openapi.json} (the API described in OpenAPI 3, from {@code openapi.json} in the resources,
 * open), the rate limits ({@link RateLimiter}), batched fills ({@link FillBatches}) and the risk desk's controls
 * ({@link ControlRoutes}); every refused answer is counted in the metrics by status and error code.
 */
final class OpsRoutes {

  /** The OpenAPI description on the class path. */
  static final String OPENAPI = "/org/pmargin/server/api/openapi.json";

  private OpsRoutes() {
  }

  static void install(JavalinConfig config, MarginService service, ServiceMetrics metrics, RateLimits limits) {
    var r = config.routes;
    RateLimiter limiter = new RateLimiter(limits);
    limiter.install(r);
    String openapi = openApiJson();
    r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    FillBatches.install(r, service, limiter);
    ControlRoutes.install(r, service);
    config.requestLogger.http((ctx, ms) -> {
      int status = ctx.statusCode();
      if (status >= 400) {
        metrics.rejected(status, code(ctx.result()));
      }
    });
  }

  private static String code(String body) {
    try {
      JsonNode e = body == null ? null : Json.parse(body).get("error");
      return e != null && e.has("code") ? e.get("code").stringValue() : "none";
    } catch (RuntimeException x) {
      return "none";
    }
  }

  /** The OpenAPI file as JSON text. */
  static String openApiJson() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI);
      }
      JsonNode doc = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), OPENAPI, 1);
      return Json.MAPPER.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
