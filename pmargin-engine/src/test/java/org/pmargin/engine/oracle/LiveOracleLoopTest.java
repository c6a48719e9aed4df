package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmargin.engine.oracle.OracleFixtures.BTC;
import static org.pmargin.engine.oracle.OracleFixtures.T0;
import static org.pmargin.engine.oracle.OracleFixtures.at;
import static org.pmargin.engine.oracle.OracleFixtures.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** The wall-clock adapter: ticks driven by hand with a test clock, failure handling, and one real-time run. */
class LiveOracleLoopTest {

  private final MutableClock clock = new MutableClock(T0);
  private final Oracle oracle = new Oracle(market(), OracleConfig.defaults());
  private final List<OracleUpdate> updates = new ArrayList<>();
  private final List<RuntimeException> errors = new ArrayList<>();

  /** Three clean sources quoting BTC around 100, one tick each per second from T0. */
  private static SyntheticRandomWalkFeed feed(long seed) {
    return new SyntheticRandomWalkFeed(SyntheticRandomWalkFeed.Spec.clean(BTC, 3, T0, Duration.ofSeconds(1), 100,
        0.001, 0.0005), new SplittableRandom(seed));
  }

  private LiveOracleLoop loop(PriceFeed feed, Consumer<OracleUpdate> listener) {
    return new LiveOracleLoop(oracle, feed, clock, Duration.ofSeconds(1), listener, errors::add);
  }

  @Test
  void tickPollsUpToTheClockAndDeliversTheUpdate() {
    SyntheticRandomWalkFeed feed = feed(1);
    try (LiveOracleLoop loop = loop(feed, updates::add)) {
      clock.set(at(2));
      OracleUpdate first = loop.tick();
      assertThat(first.snapshot().asOf()).isEqualTo(at(2));
      assertThat(first.snapshot().version()).isEqualTo(1);
      assertThat(first.degraded(BTC)).isFalse();
      // Ticks stamped 0, 1 and 2 s were read: the aggregate uses the latest, the walk's level at 2 s.
      assertThat(first.prices().get(BTC).used()).allSatisfy(t -> assertThat(t.timestamp()).isEqualTo(at(2)));
      clock.advance(Duration.ofMillis(5_500));
      OracleUpdate second = loop.tick();
      assertThat(second.snapshot().asOf()).isEqualTo(at(2).plusMillis(5_500));
      assertThat(second.snapshot().version()).isEqualTo(2);
      assertThat(second.prices().get(BTC).used()).allSatisfy(t -> assertThat(t.timestamp()).isEqualTo(at(7)));
      assertThat(updates).containsExactly(first, second);
      assertThat(loop.updates()).isEqualTo(2);
      assertThat(oracle.snapshot()).isSameAs(second.snapshot());
      assertThat(errors).isEmpty();
    }
  }

  @Test
  void anEndedFeedLeavesTheSourcesStaleAndTheLoopGoesOn() {
    try (LiveOracleLoop loop = loop(feed(2), updates::add)) {
      clock.set(at(1));
      assertThat(loop.tick().degraded(BTC)).isFalse();
      // The synthetic feed is polled by the clock: jumping the clock a minute on reads every tick up to then, so
      // the sources are fresh again. A feed that has ended is different: its sources go stale.
      clock.set(at(61));
      assertThat(loop.tick().degraded(BTC)).isFalse();
    }
    Oracle other = new Oracle(market(), OracleConfig.defaults());
    PriceFeed ended = new PriceFeed() {
      @Override
      public List<PriceTick> poll(Instant upTo) {
        return upTo.isAfter(at(1)) ? List.of() : List.of(OracleFixtures.tick("a", 100, at(1)),
            OracleFixtures.tick("b", 100.1, at(1)));
      }
    };
    try (LiveOracleLoop loop = new LiveOracleLoop(other, ended, clock, Duration.ofSeconds(1), updates::add,
        errors::add)) {
      clock.set(at(1));
      assertThat(loop.tick().degraded(BTC)).isFalse();
      clock.set(at(60));
      assertThat(loop.tick().degraded(BTC)).isTrue();
    }
  }

  @Test
  void aClockBehindTheSnapshotRepublishesAtTheSnapshotTime() {
    try (LiveOracleLoop loop = loop(feed(3), updates::add)) {
      clock.set(at(10));
      loop.tick();
      clock.set(at(4));
      OracleUpdate u = loop.tick();
      assertThat(u.snapshot().asOf()).isEqualTo(at(10));
      assertThat(u.snapshot().version()).isEqualTo(2);
    }
    // An initial snapshot ahead of the clock: the first update is stamped at the snapshot's time.
    clock.set(T0.minusSeconds(30));
    try (LiveOracleLoop loop = new LiveOracleLoop(new Oracle(market(), OracleConfig.defaults()), feed(4), clock,
        Duration.ofSeconds(1), updates::add, errors::add)) {
      assertThat(loop.tick().snapshot().asOf()).isEqualTo(T0);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void aFailingListenerIsReportedAndTheLoopGoesOn() {
    IllegalStateException boom = new IllegalStateException("listener down");
    List<OracleUpdate> seen = new ArrayList<>();
    try (LiveOracleLoop loop = loop(feed(5), u -> {
      seen.add(u);
      if (u.snapshot().version() == 1) {
        throw boom;
      }
    })) {
      clock.set(at(1));
      OracleUpdate first = loop.tick();
      clock.set(at(2));
      loop.scheduledTick();
      assertThat(seen).hasSize(2).first().isEqualTo(first);
      assertThat(errors).containsExactly(boom);
      assertThat(loop.updates()).isEqualTo(2);
    }
  }

  @Test
  void aFailingFeedOnAScheduledTickIsReportedAndTheNextTickRuns() {
    SyntheticRandomWalkFeed good = feed(6);
    InvalidInputException bad = new InvalidInputException("line[3].price", "must be > 0");
    PriceFeed flaky = new PriceFeed() {
      private int polls;

      @Override
      public List<PriceTick> poll(Instant upTo) {
        if (++polls == 1) {
          throw bad;
        }
        return good.poll(upTo);
      }
    };
    try (LiveOracleLoop loop = loop(flaky, updates::add)) {
      clock.set(at(1));
      loop.scheduledTick();
      assertThat(errors).containsExactly(bad);
      assertThat(updates).isEmpty();
      assertThat(oracle.snapshot().version()).isZero();
      loop.scheduledTick();
      assertThat(updates).hasSize(1);
      assertThat(updates.get(0).snapshot().version()).isEqualTo(1);
      // A direct tick hands the failure to its caller instead.
      PriceFeed broken = upTo -> {
        throw bad;
      };
      try (LiveOracleLoop direct = new LiveOracleLoop(oracle, broken, clock, Duration.ofSeconds(1), updates::add,
          errors::add)) {
        assertThatThrownBy(direct::tick).isSameAs(bad);
      }
    }
  }

  @Test
  void aFailingErrorHandlerGoesToTheUncaughtExceptionHandler() {
    Thread me = Thread.currentThread();
    Thread.UncaughtExceptionHandler previous = me.getUncaughtExceptionHandler();
    List<Throwable> uncaught = new ArrayList<>();
    me.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    IllegalStateException handlerDown = new IllegalStateException("handler down");
    IllegalStateException listenerDown = new IllegalStateException("listener down");
    try (LiveOracleLoop loop = new LiveOracleLoop(oracle, feed(7), clock, Duration.ofSeconds(1), u -> {
      throw listenerDown;
    }, e -> {
      throw handlerDown;
    })) {
      clock.set(at(1));
      loop.tick();
      clock.set(at(2));
      loop.tick();
    } finally {
      me.setUncaughtExceptionHandler(previous);
    }
    assertThat(uncaught).containsExactly(handlerDown, handlerDown);
    assertThat(handlerDown.getSuppressed()).containsExactly(listenerDown, listenerDown);
  }

  @Test
  void closedLoopRefusesToTickOrStart() {
    LiveOracleLoop loop = loop(feed(8), updates::add);
    assertThat(loop.terminated()).isTrue();
    loop.close();
    loop.close();
    assertThat(loop.isClosed()).isTrue();
    assertThatThrownBy(loop::tick).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
    loop.scheduledTick();
    assertThat(updates).isEmpty();
  }

  @Test
  void validatesItsArguments() {
    assertThatThrownBy(() -> new LiveOracleLoop(oracle, feed(9), clock, Duration.ZERO, updates::add))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("interval"));
    assertThatThrownBy(() -> new LiveOracleLoop(oracle, null, clock, Duration.ofSeconds(1), updates::add))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("feed"));
    assertThatThrownBy(() -> new LiveOracleLoop(oracle, feed(9), clock, Duration.ofSeconds(1), updates::add, null))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("error_handler"));
  }

  @Test
  void runsOnTheWallClockUntilClosed() throws InterruptedException {
    // The real clock, shifted so that it reads T0 now: the fixture market's expiries stay in the future.
    Clock wall = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), T0));
    SyntheticRandomWalkFeed feed = new SyntheticRandomWalkFeed(SyntheticRandomWalkFeed.Spec.clean(BTC, 3,
        T0.minusMillis(100), Duration.ofMillis(10), 100, 0.001, 0.0005), new SplittableRandom(10));
    List<OracleUpdate> live = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    List<RuntimeException> liveErrors = new CopyOnWriteArrayList<>();
    CountDownLatch five = new CountDownLatch(5);
    LiveOracleLoop loop = new LiveOracleLoop(oracle, feed, wall, Duration.ofMillis(20), u -> {
      live.add(u);
      threads.add(Thread.currentThread());
      five.countDown();
    }, liveErrors::add);
    try (loop) {
      assertThat(loop.start()).isSameAs(loop);
      assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
      assertThat(five.await(1, TimeUnit.SECONDS)).as("5 updates within a second").isTrue();
    }
    assertThat(loop.terminated()).isTrue();
    int atClose = live.size();
    Thread.sleep(100);
    assertThat(live).hasSize(atClose);
    assertThat(loop.updates()).isEqualTo(atClose);
    assertThat(liveErrors).isEmpty();
    assertThat(threads).allSatisfy(t -> assertThat(t.getName()).isEqualTo(LiveOracleLoop.THREAD_NAME));
    for (int i = 0; i < live.size(); i++) {
      OracleUpdate u = live.get(i);
      assertThat(u.snapshot().version()).isEqualTo(i + 1);
      assertThat(u.degraded(BTC)).isFalse();
      if (i > 0) {
        assertThat(u.snapshot().asOf()).isAfterOrEqualTo(live.get(i - 1).snapshot().asOf());
      }
    }
  }
}
