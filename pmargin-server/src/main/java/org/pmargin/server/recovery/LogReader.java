package org.pmargin.server.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;

/**
 * Reads the whole event log on a thread of its own and hands the events, in order, to the caller's thread in
 * chunks through a bounded queue, so that reading the database (about a third of a replay) overlaps applying the
 * events to the engine. A failure on either side stops both: the reader's is rethrown to the caller, and a
 * consumer's stops the reader.
 */
final class LogReader {

  private static final int CHUNK = 2_000;
  private static final List<LoggedEvent> END = new ArrayList<>(0);

  private LogReader() {
  }

  /** A failure of the reading thread, carried to the caller. */
  private static final class Failed extends ArrayList<LoggedEvent> {
    private static final long serialVersionUID = 1L;
    private final transient RuntimeException cause;

    Failed(RuntimeException cause) {
      this.cause = cause;
    }
  }

  /** Stops the reading thread when the consumer failed. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads every event and gives each to {@code sink} on the calling thread, in sequence order.
   *
   * @param store  the store
   * @param sink  the consumer
   * @throws RuntimeException what the store or the sink threw
   */
  static void each(EventStore store, Consumer<LoggedEvent> sink) {
    each(store, 0, sink);
  }

  /** As {@link #each(EventStore, Consumer)}, for the events after a sequence number only. */
  static void each(EventStore store, long after, Consumer<LoggedEvent> sink) {
    BlockingQueue<List<LoggedEvent>> queue = new ArrayBlockingQueue<>(16);
    boolean[] stop = {false};
    Thread reader = Thread.ofPlatform().name("pmargin-log-reader").daemon(true).start(() -> {
      List<LoggedEvent> chunk = new ArrayList<>(CHUNK);
      try {
        store.read(after, e -> {
          chunk.add(e);
          if (chunk.size() == CHUNK) {
            put(queue, new ArrayList<>(chunk), stop);
            chunk.clear();
          }
        });
        put(queue, new ArrayList<>(chunk), stop);
        put(queue, END, stop);
      } catch (Stopped s) {
        // The consumer failed and is not waiting.
      } catch (RuntimeException e) {
        try {
          put(queue, new Failed(e), stop);
        } catch (Stopped s) {
          // Nobody to tell.
        }
      }
    });
    try {
      while (true) {
        List<LoggedEvent> chunk = queue.take();
        if (chunk == END) {
          return;
        }
        if (chunk instanceof Failed f) {
          throw f.cause;
        }
        chunk.forEach(sink);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying the event log", e);
    } finally {
      synchronized (stop) {
        stop[0] = true;
      }
      queue.clear();
      try {
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void put(BlockingQueue<List<LoggedEvent>> queue, List<LoggedEvent> chunk, boolean[] stop) {
    try {
      while (!queue.offer(chunk, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        synchronized (stop) {
          if (stop[0]) {
            throw new Stopped();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }
}
