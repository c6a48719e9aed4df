package org.pmargin.server.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pmargin.server.auth.ApiKey;

/**
 * Per-key token buckets (Bucket4j) in front of the routes, checked after the access check and before any handler,
 * so a limited request changes nothing: a key has a write and a read bucket ({@link RateLimits}); the anonymous
 * calculator has one bucket per remote address. An empty bucket is a 429 {@code rate_limited} whose {@code field}
 * names the limit ({@code writes}, {@code reads}, {@code anonymous}) with {@code Retry-After} in whole seconds.
 * The other open routes (health, readiness, the OpenAPI file) are not limited. Buckets live in memory; the map of
 * addresses is cleared when it exceeds 100,000 entries.
 */
final class RateLimiter {

  private static final int MAX_ADDRESSES = 100_000;

  private final RateLimits limits;
  private final Map<String, Bucket> writes = new ConcurrentHashMap<>();
  private final Map<String, Bucket> reads = new ConcurrentHashMap<>();
  private final Map<String, Bucket> anonymous = new ConcurrentHashMap<>();

  /** A 429 with the limit's name and the wait. */
  static final class LimitedException extends RuntimeException {
    private final String limit;
    private final long retryAfterSeconds;

    LimitedException(String limit, double rate, long nanos) {
      super("rate limit '" + limit + "' (" + Math.round(rate) + " per second) exceeded; retry after "
          + Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L) + " s");
      this.limit = limit;
      this.retryAfterSeconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    String limit() {
      return limit;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  RateLimiter(RateLimits limits) {
    this.limits = limits;
  }

  /** Installs the check (after {@link Access}'s, which must be installed first) and its 429 answer. */
  void install(RoutesConfig routes) {
    routes.before(this::check);
    routes.exception(LimitedException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      HttpApi.error(ctx, 429, "rate_limited", e.limit(), e.getMessage());
    });
  }

  private void check(Context ctx) {
    ApiKey key = Access.caller(ctx);
    if (key == null) {
      if (ctx.method() == HandlerType.POST && ctx.path().equals("/v1/margin")) {
        if (anonymous.size() > MAX_ADDRESSES) {
          anonymous.clear();
        }
        take(anonymous, ctx.ip(), "anonymous", limits.anonymousPerSecond(), 1);
      }
      return;
    }
    if (isWrite(ctx)) {
      take(writes, key.id(), "writes", limits.writesPerSecond(), 1);
    } else {
      take(reads, key.id(), "reads", limits.readsPerSecond(), 1);
    }
  }

  /**
   * Takes more write tokens for a request that carries several events (a batch of fills: one token was taken for
   * the request, the route takes the rest before submitting anything).
   */
  void takeWrites(Context ctx, int tokens) {
    ApiKey key = Access.caller(ctx);
    if (key != null && tokens > 0) {
      take(writes, key.id(), "writes", limits.writesPerSecond(), tokens);
    }
  }

  private static boolean isWrite(Context ctx) {
    HandlerType m = ctx.method();
    boolean read = m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS
        || ctx.path().endsWith("/what-if") || ctx.path().equals("/v1/margin");
    return !read;
  }

  private static void take(Map<String, Bucket> buckets, String id, String name, double rate, int tokens) {
    Bucket b = buckets.computeIfAbsent(id, k -> bucket(rate));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(tokens);
    if (!p.isConsumed()) {
      throw new LimitedException(name, rate, p.getNanosToWaitForRefill());
    }
  }

  private static Bucket bucket(double rate) {
    long capacity = Math.max(1, Math.round(rate));
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
        .refillGreedy(capacity, Duration.ofSeconds(1)).build()).build();
  }
}
