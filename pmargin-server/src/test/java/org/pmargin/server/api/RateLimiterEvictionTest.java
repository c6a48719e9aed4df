package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-address buckets are bounded without forgiving the callers that matter: while more new addresses arrive
 * than the cache holds, an address that keeps calling stays limited (the old map was cleared whole past 100,000
 * entries, which gave every limited address a full bucket again); an idle address is forgotten only after its
 * bucket would have refilled anyway. The clock is driven by hand, so no figure depends on the machine's speed.
 */
class RateLimiterEvictionTest {

  /** A clock that moves only when told. */
  static final class ManualClock implements TimeMeter {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  @Test
  void shouldKeepABusyLimitedAddressLimitedWhileManyNewAddressesArrive() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(new RateLimits(5, 8, 3), clock);
    for (int i = 0; i < 3; i++) {
      limiter.takeAnonymous("10.0.0.1");
    }
    assertThatThrownBy(() -> limiter.takeAnonymous("10.0.0.1")).isInstanceOf(RateLimiter.LimitedException.class);
    int refusals = 0;
    for (int i = 0; i < 2 * RateLimiter.MAX_ENTRIES; i++) {
      limiter.takeAnonymous("spray-" + i);
      if (i % 1000 == 0) {
        try {
          limiter.takeAnonymous("10.0.0.1");
        } catch (RateLimiter.LimitedException expected) {
          refusals++;
        }
      }
    }
    assertThat(refusals).as("the busy address is refused throughout the spray").isEqualTo(200);
    assertThat(limiter.anonymousAddresses()).as("bounded").isLessThanOrEqualTo(RateLimiter.MAX_ENTRIES);
    assertThatThrownBy(() -> limiter.takeAnonymous("10.0.0.1"))
        .as("still limited after the spray").isInstanceOf(RateLimiter.LimitedException.class)
        .hasMessageContaining("anonymous");
  }

  @Test
  void shouldRefillWithTimeAndForgetIdleAddresses() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(new RateLimits(5, 8, 3), clock);
    for (int i = 0; i < 3; i++) {
      limiter.takeAnonymous("10.0.0.2");
    }
    assertThatThrownBy(() -> limiter.takeAnonymous("10.0.0.2")).isInstanceOf(RateLimiter.LimitedException.class);
    clock.nanos.addAndGet(340_000_000L); // one token back at 3 a second
    limiter.takeAnonymous("10.0.0.2");
    assertThatThrownBy(() -> limiter.takeAnonymous("10.0.0.2")).isInstanceOf(RateLimiter.LimitedException.class);
    assertThat(limiter.anonymousAddresses()).isEqualTo(1);
    clock.nanos.addAndGet(RateLimiter.IDLE.toNanos() + 1);
    assertThat(limiter.anonymousAddresses()).as("idle for longer than IDLE").isZero();
  }
}
