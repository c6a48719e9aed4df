package org.pmargin.server.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import org.pmargin.server.auth.ApiKey;

/**
 * Per-key token buckets (Bucket4j) in front of the routes, checked after the access check and before any handler,
 * so a limited request changes nothing: a key has a write and a read bucket ({@link RateLimits}); the anonymous
 * calculator has one bucket per remote address. An empty bucket is a 429 {@code rate_limited} whose {@code field}
 * names the limit ({@code writes}, {@code reads}, {@code anonymous}) with {@code Retry-After} in whole seconds.
 * The other open routes (health, readiness, the OpenAPI file) are not limited. Buckets live in memory, in bounded
 * Caffeine caches: an entry idle for {@link #IDLE} is dropped (its bucket would be full again by then, so nothing is
 * forgiven), and past {@link #MAX_ENTRIES} the least useful entry is evicted one at a time, never the whole map, so a
 * caller spraying new addresses cannot reset the buckets of the others.
 */
final class RateLimiter {

  /** The most keys or addresses one cache holds. */
  static final int MAX_ENTRIES = 100_000;

  /** How long an unused bucket is kept: longer than any bucket takes to refill (capacity = one second's rate). */
  static final Duration IDLE = Duration.ofSeconds(10);

  private final RateLimits limits;
  private final TimeMeter clock;
  private final Cache<String, Bucket> writes;
  private final Cache<String, Bucket> reads;
  private final Cache<String, Bucket> anonymous;

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
    this(limits, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With a clock of its own for the buckets and the caches' idle times (tests drive it by hand). */
  RateLimiter(RateLimits limits, TimeMeter clock) {
    this.limits = limits;
    this.clock = clock;
    this.writes = cache(clock);
    this.reads = cache(clock);
    this.anonymous = cache(clock);
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
        takeAnonymous(ctx.ip());
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

  private static Cache<String, Bucket> cache(TimeMeter clock) {
    return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(IDLE).ticker(clock::currentTimeNanos)
        .executor(Runnable::run).build();
  }

  /** Takes one calculator token for a remote address ({@link LimitedException} when its bucket is empty). */
  void takeAnonymous(String address) {
    take(anonymous, address, "anonymous", limits.anonymousPerSecond(), 1);
  }

  /** How many addresses have an anonymous bucket now (after pending evictions; for tests). */
  long anonymousAddresses() {
    anonymous.cleanUp();
    return anonymous.estimatedSize();
  }

  private void take(Cache<String, Bucket> buckets, String id, String name, double rate, int tokens) {
    Bucket b = buckets.get(id, k -> bucket(rate));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(tokens);
    if (!p.isConsumed()) {
      throw new LimitedException(name, rate, p.getNanosToWaitForRefill());
    }
  }

  private Bucket bucket(double rate) {
    long capacity = Math.max(1, Math.round(rate));
    return Bucket.builder().withCustomTimePrecision(clock).addLimit(Bandwidth.builder().capacity(capacity)
        .refillGreedy(capacity, Duration.ofSeconds(1)).build()).build();
  }
}
