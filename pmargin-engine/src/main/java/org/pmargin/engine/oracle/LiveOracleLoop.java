package org.pmargin.engine.oracle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pmargin.core.validation.Checks;

/**
 * Drives an {@link Oracle} from a wall clock: every {@code interval} it polls a {@link PriceFeed} up to
 * {@code clock.instant()}, publishes the next snapshot and hands the {@link OracleUpdate} to a listener. The oracle
 * itself takes its time from the caller ({@link Oracle#update(PriceFeed, Instant)}); this is the one place that
 * reads a clock, so that everything else stays replayable.
 *
 * <p>The step is {@link #tick()}, which tests call directly with a clock they move by hand; {@link #start()} runs it
 * at a fixed rate on a thread of the loop's own (a daemon thread named {@code pmargin-oracle-loop}), and
 * {@link #close()} stops it. After {@code close()} returns, the listener is not called again.
 *
 * <p>Failures do not stop the loop: an exception thrown by the listener, or on a scheduled tick by the feed or the
 * oracle (a bad line of a tick stream, a tick for an unknown underlying), is passed to the error handler and the
 * next tick runs as planned. An exception thrown by the error handler itself goes to the thread's
 * {@link Thread.UncaughtExceptionHandler} (by default printed to standard error). {@link Error}s are not caught.
 *
 * <p>Time: an update is stamped {@code clock.instant()}, or the current snapshot's time when the clock is behind it
 * (a clock stepped back by a time correction, or an initial snapshot stamped ahead of the clock), since snapshot
 * times may not go back. A feed that is {@linkplain PriceFeed#exhausted() exhausted} does not stop the loop: its
 * sources go stale and the oracle reports the underlyings degraded, which is what a live consumer must see.
 *
 * <p>This class is thread-safe: ticks (scheduled or direct) run one at a time, under a lock held while the
 * listener runs, so a listener that blocks holds up the loop and {@code close()}. The oracle and the feed must not
 * be used elsewhere while the loop runs.
 */
public final class LiveOracleLoop implements AutoCloseable {

  /** The name of the loop's thread. */
  public static final String THREAD_NAME = "pmargin-oracle-loop";

  private static final long CLOSE_WAIT_SECONDS = 5;

  private final Oracle oracle;
  private final PriceFeed feed;
  private final Clock clock;
  private final Duration interval;
  private final Consumer<? super OracleUpdate> listener;
  private final Consumer<? super RuntimeException> errorHandler;
  private final Object lock = new Object();
  private ScheduledExecutorService executor;
  private volatile Thread loopThread;
  private boolean closed;
  private long updates;

  /**
   * Creates a loop; {@link #start()} starts it.
   *
   * @param oracle  the oracle to drive
   * @param feed  the feed to poll
   * @param clock  the clock that stamps the updates
   * @param interval  the time between scheduled ticks, &gt; 0
   * @param listener  receives every update
   * @param errorHandler  receives what the listener, or on a scheduled tick the feed or the oracle, threw
   */
  public LiveOracleLoop(Oracle oracle, PriceFeed feed, Clock clock, Duration interval,
      Consumer<? super OracleUpdate> listener, Consumer<? super RuntimeException> errorHandler) {
    this.oracle = Checks.notNull(oracle, "oracle");
    this.feed = Checks.notNull(feed, "feed");
    this.clock = Checks.notNull(clock, "clock");
    this.interval = Checks.notNull(interval, "interval");
    Checks.require(interval.isPositive(), "interval", "must be > 0, got " + interval);
    this.listener = Checks.notNull(listener, "listener");
    this.errorHandler = Checks.notNull(errorHandler, "error_handler");
  }

  /**
   * Creates a loop whose failures go to the thread's {@link Thread.UncaughtExceptionHandler}.
   *
   * @see #LiveOracleLoop(Oracle, PriceFeed, Clock, Duration, Consumer, Consumer)
   */
  public LiveOracleLoop(Oracle oracle, PriceFeed feed, Clock clock, Duration interval,
      Consumer<? super OracleUpdate> listener) {
    this(oracle, feed, clock, interval, listener, LiveOracleLoop::reportUncaught);
  }

  /**
   * Starts ticking every {@code interval}, the first tick at once.
   *
   * @return this loop
   * @throws IllegalStateException when already started or closed
   */
  public LiveOracleLoop start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the oracle loop is closed");
      }
      if (executor != null) {
        throw new IllegalStateException("the oracle loop is already started");
      }
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(r);
        loopThread = t;
        return t;
      });
      executor.scheduleAtFixedRate(this::scheduledTick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
      return this;
    }
  }

  /**
   * One step: polls the feed up to the clock's time, publishes the next snapshot and hands the update to the
   * listener (what the listener throws goes to the error handler).
   *
   * @return the update
   * @throws IllegalStateException when the loop is closed
   * @throws RuntimeException what the feed or the oracle threw; no snapshot is published then
   */
  public OracleUpdate tick() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the oracle loop is closed");
      }
      return step();
    }
  }

  /** The scheduled step: a tick unless closed, whatever it throws passed to the error handler. */
  void scheduledTick() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        step();
      } catch (RuntimeException e) {
        report(e);
      }
    }
  }

  /** How many updates have been published. */
  public long updates() {
    synchronized (lock) {
      return updates;
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Stops the loop: waits for a tick in progress, then no tick runs again and the listener is not called again.
   * The loop's thread is shut down and waited for (up to 5 seconds), except when {@code close()} is called from
   * the listener on that thread. Idempotent.
   */
  @Override
  public void close() {
    ScheduledExecutorService toStop;
    synchronized (lock) {
      closed = true;
      toStop = executor;
    }
    if (toStop == null) {
      return;
    }
    toStop.shutdown();
    if (Thread.currentThread() == loopThread) {
      return;
    }
    try {
      toStop.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the loop's thread has ended (after {@link #close()}), or was never started. */
  public boolean terminated() {
    synchronized (lock) {
      return executor == null || executor.isTerminated();
    }
  }

  private OracleUpdate step() {
    Instant now = clock.instant();
    Instant last = oracle.snapshot().asOf();
    OracleUpdate update = oracle.update(feed, now.isBefore(last) ? last : now);
    updates++;
    try {
      listener.accept(update);
    } catch (RuntimeException e) {
      report(e);
    }
    return update;
  }

  private void report(RuntimeException e) {
    try {
      errorHandler.accept(e);
    } catch (RuntimeException handlerFailure) {
      handlerFailure.addSuppressed(e);
      reportUncaught(handlerFailure);
    }
  }

  private static void reportUncaught(RuntimeException e) {
    Thread t = Thread.currentThread();
    t.getUncaughtExceptionHandler().uncaughtException(t, e);
  }
}
