package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.pmargin.data.Json;
import org.pmargin.server.auth.ApiKey;
import org.pmargin.server.auth.ApiKeys;
import org.pmargin.server.auth.Role;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.stream.StreamHub;
import org.pmargin.server.stream.StreamSink;
import org.pmargin.server.stream.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/stream} as a WebSocket (docs/API.md, "Streams"). Javalin runs no HTTP before-handler on an upgrade,
 * so this route checks the caller itself: the key from the upgrade's {@code Authorization} / {@code X-API-Key}
 * header, or else from the first message {@code {"type":"auth","key":...}} within 5 s (browsers cannot set headers
 * on a WebSocket); a key in the query string is refused, never read. Nothing is sent before the key is accepted.
 * {@code ?account=ID} streams one account (a trader's own only: another account is refused exactly as a missing
 * one), no account the firehose (risk and admin); {@code ?after=SEQ} replays the log after SEQ first. Every refusal
 * closes with 1008 (policy violation) and a reason.
 */
final class StreamRoutes {

  /** The stream's path (the only WebSocket route; {@link Access} refuses upgrades anywhere else). */
  static final String PATH = "/v1/stream";
  static final int POLICY_VIOLATION = 1008;
  private static final long AUTH_TIMEOUT_MS = 5_000;
  private static final Set<String> KNOWN = Set.of("account", "after");
  private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

  private final MarginService service;
  private final ApiKeys keys;
  private final StreamHub hub;
  private final Map<String, Conn> conns = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pmargin-stream-auth-timer");
    t.setDaemon(true);
    return t;
  });

  /** One connection: its context, and its subscriber once authenticated. */
  private static final class Conn {
    final WsContext ctx;
    volatile Subscriber subscriber;
    volatile boolean done;

    Conn(WsContext ctx) {
      this.ctx = ctx;
    }
  }

  private StreamRoutes(MarginService service, ApiKeys keys, StreamHub hub) {
    this.service = service;
    this.keys = keys;
    this.hub = hub;
  }

  /**
   * Installs the stream route.
   *
   * @param routes  the app's routes
   * @param service  the service
   * @param keys  the key registry
   * @param hub  the subscribers
   * @return the routes' owner, to close with the app
   */
  static StreamRoutes install(RoutesConfig routes, MarginService service, ApiKeys keys, StreamHub hub) {
    StreamRoutes s = new StreamRoutes(service, keys, hub);
    routes.ws(PATH, s::configure);
    return s;
  }

  private void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
      ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
      Conn c = new Conn(ctx);
      conns.put(ctx.sessionId(), c);
      for (String q : ctx.queryParamMap().keySet()) {
        if (!KNOWN.contains(q)) {
          refuse(c, "invalid_input: " + shorten(q) + ": unknown parameter (keys are never read from the query "
              + "string)");
          return;
        }
      }
      String header = headerKey(ctx);
      if (header != null) {
        authenticated(c, header);
      } else {
        timer.schedule(() -> {
          if (c.subscriber == null && !c.done) {
            refuse(c, "unauthenticated: no API key within 5 s (header or {\"type\":\"auth\",\"key\":...})");
          }
        }, AUTH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    });
    ws.onMessage(ctx -> {
      Conn c = conns.get(ctx.sessionId());
      if (c == null || c.done || c.subscriber != null) {
        return;
      }
      String key = null;
      try {
        JsonNode n = Json.parse(ctx.message());
        JsonNode t = n.get("type");
        JsonNode k = n.get("key");
        if (t != null && "auth".equals(t.asString()) && k != null && k.isString()) {
          key = k.asString();
        }
      } catch (RuntimeException e) {
        key = null;
      }
      if (key == null) {
        refuse(c, "unauthenticated: the first message must be {\"type\":\"auth\",\"key\":\"...\"}");
        return;
      }
      authenticated(c, key);
    });
    ws.onClose(ctx -> ended(ctx.sessionId()));
    ws.onError(ctx -> ended(ctx.sessionId()));
  }

  private void ended(String sessionId) {
    Conn c = conns.remove(sessionId);
    if (c != null) {
      c.done = true;
      Subscriber s = c.subscriber;
      if (s != null) {
        s.stop(0, "client closed");
      }
    }
  }

  /** Checks the key and the parameters, then subscribes; any refusal closes with 1008. */
  private synchronized void authenticated(Conn c, String secret) {
    if (c.done || c.subscriber != null) {
      return;
    }
    ApiKey key = keys.authenticate(secret).orElse(null);
    if (key == null) {
      refuse(c, "unauthenticated: unknown or revoked API key");
      return;
    }
    WsContext ctx = c.ctx;
    String account = ctx.queryParam("account");
    long after = -1;
    String a = ctx.queryParam("after");
    if (a != null) {
      try {
        after = Long.parseLong(a);
      } catch (NumberFormatException e) {
        after = -2;
      }
      if (after < 0) {
        refuse(c, "invalid_input: after: must be an integer >= 0, got '" + shorten(a) + "'");
        return;
      }
    }
    if (account == null) {
      if (key.role() == Role.TRADER) {
        refuse(c, "forbidden: the firehose (no account=) needs a risk or admin key");
        return;
      }
    } else if (!key.sees(account) || service.engine().margin(account).isEmpty()) {
      refuse(c, "not_found: account: no account '" + shorten(account) + "'");
      return;
    }
    LOG.info("stream opened for key {} ({}), account {}, after {}", key.id(), key.role().code(),
        account == null ? "(firehose)" : account, after);
    c.subscriber = hub.subscribe(account, after, new Sink(ctx));
    if (c.done) {
      c.subscriber.stop(0, "client closed");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private void refuse(Conn c, String reason) {
    c.done = true;
    c.ctx.closeSession(POLICY_VIOLATION, reason);
  }

  private static String headerKey(WsContext ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String k = auth.substring(7).strip();
      return k.isEmpty() ? null : k;
    }
    String x = ctx.header("X-API-Key");
    return x == null || x.isBlank() ? null : x.strip();
  }

  /** A WebSocket session as a sink: a send waits for Jetty to take the frame. */
  private record Sink(WsContext ctx) implements StreamSink {
    @Override
    public void send(String text) throws Exception {
      Callback.Completable done = new Callback.Completable();
      ctx.session.sendText(text, done);
      done.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close(int code, String reason) {
      if (ctx.session.isOpen()) {
        ctx.session.close(code, reason, Callback.NOOP);
        Thread.ofVirtual().start(() -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            return;
          }
          if (ctx.session.isOpen()) {
            ctx.session.disconnect();
          }
        });
      }
    }
  }

  /** How many stream clients receive live events now. */
  int liveCount() {
    return hub.liveCount();
  }

  /** Closes the open streams (the server is stopping). */
  void close() {
    hub.close();
    timer.shutdownNow();
  }
}
