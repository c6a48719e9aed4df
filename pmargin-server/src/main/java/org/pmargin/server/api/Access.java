package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.pmargin.data.Json;
import org.pmargin.server.auth.ApiKey;
import org.pmargin.server.auth.ApiKeys;
import org.pmargin.server.auth.Role;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may call which route (the table in docs/API.md), as one before-handler: the key from {@code Authorization:
 * Bearer KEY} or {@code X-API-Key: KEY}; no or an unknown/revoked key is 401, a role the route does not allow 403,
 * and a trader key naming an account it is not bound to 404, exactly as for an account that does not exist, so
 * account ids cannot be probed. {@code /health}, {@code /ready}, {@code /openapi.json}, the anonymous
 * calculator {@code POST /v1/margin} and the dashboard's static files ({@code /dashboard/}, {@code /webjars/}) need
 * no key; {@code /metrics} a risk or admin key. WebSocket upgrades do not
 * pass through Javalin's before-handlers: an upgrade is refused (404) on any path but {@link StreamRoutes#PATH},
 * whose route checks the key and the account itself. The caller's key is put on the context for the routes ({@link #caller}).
 */
final class Access {

  private static final String ACCOUNTS = "/v1/accounts/";
  private static final String ATTRIBUTE = "pmargin.caller";

  /** What a route needs. */
  enum Need {
    /** Nothing: no key needed. */
    OPEN,
    /** Any valid key. */
    ANY,
    /** Risk or admin. */
    READ_ALL,
    /** Admin. */
    ADMIN,
    /** Any role; a trader only for its own accounts. */
    ACCOUNT_READ,
    /** Admin, or a trader for its own accounts (risk is read-only). */
    ACCOUNT_WRITE
  }

  private Access() {
  }

  /**
   * Installs the check, its error answers and the key-management routes.
   *
   * @param routes  the app's routes
   * @param keys  the key registry
   */
  static void install(RoutesConfig routes, ApiKeys keys) {
    routes.before(ctx -> check(ctx, keys));
    routes.wsBeforeUpgrade(ctx -> {
      if (!ctx.path().equals(StreamRoutes.PATH)) {
        throw new AccessDeniedException(404, "not_found", null, "no WebSocket route " + ctx.path());
      }
    });
    routes.exception(AccessDeniedException.class, (e, ctx) -> {
      if (e.status() == 401) {
        ctx.header("WWW-Authenticate", "Bearer");
      }
      ObjectNode n = Json.MAPPER.createObjectNode();
      ObjectNode err = n.putObject("error").put("code", e.code());
      if (e.field() != null) {
        err.put("field", e.field());
      }
      err.put("message", e.getMessage());
      ctx.status(e.status()).contentType("application/json").result(Json.MAPPER.writeValueAsString(n));
    });
    KeyRoutes.install(routes, keys);
  }

  /** The key of the request (null on open routes). */
  static ApiKey caller(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  /**
   * An account path, {@code /v1/accounts/ID[/SUB][/]}: its id and {@code /SUB} (null when none), or null for any
   * other path (the regular expression {@code ^/v1/accounts/([^/]+)(/[^/]+)?/?$}, parsed by hand: it ran twice a
   * request).
   */
  static String[] account(String path) {
    if (!path.startsWith(ACCOUNTS)) {
      return null;
    }
    int end = path.endsWith("/") ? path.length() - 1 : path.length();
    int from = ACCOUNTS.length();
    int slash = path.indexOf('/', from);
    if (slash < 0 || slash >= end) {
      return from < end ? new String[] {path.substring(from, end), null} : null;
    }
    if (slash == from || slash + 1 >= end || path.indexOf('/', slash + 1) >= 0 && path.indexOf('/', slash + 1) < end) {
      return null;
    }
    return new String[] {path.substring(from, slash), path.substring(slash, end)};
  }

  /** The need of a method on a path. */
  static Need need(HandlerType method, String path) {
    boolean get = method == HandlerType.GET || method == HandlerType.HEAD;
    if (path.equals("/health") || path.equals("/ready") || path.equals("/openapi.json")
        || (method == HandlerType.POST && path.equals("/v1/margin")) || method == HandlerType.OPTIONS
        || (get && (path.equals("/dashboard") || path.startsWith("/dashboard/") || path.startsWith("/webjars/")))) {
      return Need.OPEN;
    }
    if (path.equals("/v1/keys") || path.startsWith("/v1/keys/")) {
      return Need.ADMIN;
    }
    if (path.equals("/v1/events") || path.equals("/metrics") || path.equals("/v1/risk")) {
      return Need.READ_ALL;
    }
    if (path.equals("/v1/parameters")) {
      return get ? Need.ANY : Need.ADMIN;
    }
    if (path.equals("/v1/liquidation") || path.startsWith("/v1/liquidation/")) {
      return get ? Need.READ_ALL : Need.ADMIN;
    }
    if (path.equals("/v1/venues") || path.startsWith("/v1/venues/")) {
      return get ? Need.READ_ALL : Need.ADMIN;
    }
    if (path.equals("/v1/attestations")) {
      return Need.ADMIN;
    }
    if (path.equals("/v1/market")) {
      return get ? Need.ANY : Need.ADMIN;
    }
    if (path.equals("/v1/accounts") || path.equals("/v1/accounts/")) {
      return get ? Need.READ_ALL : Need.ADMIN;
    }
    String[] m = account(path);
    if (m != null) {
      return get || "/what-if".equals(m[1]) ? Need.ACCOUNT_READ : Need.ACCOUNT_WRITE;
    }
    return Need.ANY;
  }

  private static void check(Context ctx, ApiKeys keys) {
    String path = ctx.path();
    Need need = need(ctx.method(), path);
    if (need == Need.OPEN) {
      return;
    }
    String secret = presented(ctx);
    if (secret == null) {
      throw new AccessDeniedException(401, "unauthenticated", "authorization", "an API key is required: "
          + "Authorization: Bearer KEY or X-API-Key: KEY");
    }
    ApiKey key = keys.authenticate(secret).orElseThrow(() -> new AccessDeniedException(401, "unauthenticated",
        "authorization", "unknown or revoked API key"));
    ctx.attribute(ATTRIBUTE, key);
    Role role = key.role();
    switch (need) {
      case ANY -> {
      }
      case ADMIN -> require(role == Role.ADMIN, role);
      case READ_ALL -> require(role != Role.TRADER, role);
      case ACCOUNT_READ -> own(key, path);
      case ACCOUNT_WRITE -> {
        require(role != Role.RISK, role);
        own(key, path);
      }
      default -> throw new IllegalStateException(need.name());
    }
  }

  private static void require(boolean ok, Role role) {
    if (!ok) {
      throw new AccessDeniedException(403, "forbidden", null, "a " + role.code() + " key may not do this");
    }
  }

  /** A trader naming an account it is not bound to: the very 404 of an unknown account (same exception). */
  private static void own(ApiKey key, String path) {
    String[] m = account(path);
    if (m != null && !key.sees(m[0])) {
      throw new UnknownAccountException(m[0]);
    }
  }

  /** The key a request carries, or null: {@code Authorization: Bearer KEY} first, then {@code X-API-Key}. */
  static String presented(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String k = auth.substring(7).strip();
      return k.isEmpty() ? null : k;
    }
    String x = ctx.header("X-API-Key");
    return x == null || x.isBlank() ? null : x.strip();
  }
}
