package org.pmargin.server.api;

import org.pmargin.core.validation.Checks;

/**
 * The request budgets of the API, per second with a burst of one second's worth: writes and reads per API key
 * (separate buckets), and the anonymous calculator per remote address. The defaults are far above what the load
 * tests send from one key (about 20,000 requests a second), so they only stop a runaway client.
 *
 * @param writesPerSecond  state-changing requests per key (a batch of fills counts each fill)
 * @param readsPerSecond  reads per key (GET, what-if)
 * @param anonymousPerSecond  anonymous calculator requests per remote address
 */
public record RateLimits(double writesPerSecond, double readsPerSecond, double anonymousPerSecond) {

  /** Validates: every rate finite and at least 1. */
  public RateLimits {
    Checks.require(Double.isFinite(writesPerSecond) && writesPerSecond >= 1, "rate_writes",
        "must be a number >= 1, got " + writesPerSecond);
    Checks.require(Double.isFinite(readsPerSecond) && readsPerSecond >= 1, "rate_reads",
        "must be a number >= 1, got " + readsPerSecond);
    Checks.require(Double.isFinite(anonymousPerSecond) && anonymousPerSecond >= 1, "rate_anonymous",
        "must be a number >= 1, got " + anonymousPerSecond);
  }

  /** 50,000 writes and 100,000 reads a second per key, 100 anonymous calculations a second per address. */
  public static RateLimits defaults() {
    return new RateLimits(50_000, 100_000, 100);
  }
}
