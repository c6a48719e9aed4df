package org.pmargin.server.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.pmargin.core.validation.Checks;
import org.pmargin.server.service.CommitListener;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;

/**
 * The stream subscribers of one service: told of every committed batch ({@link CommitListener}), it hands the
 * events to each subscriber's bounded queue and returns; building and sending the messages happens on the
 * subscribers' own threads. Replays read the log through the given reader.
 */
public final class StreamHub implements CommitListener, AutoCloseable {

  /** The default number of events a subscriber may have queued before it is closed as too slow. */
  public static final int DEFAULT_QUEUE = 10_000;

  private final MarginService service;
  private final EventStore reads;
  private final int capacity;
  private final List<Subscriber> live = new CopyOnWriteArrayList<>();
  private final List<Subscriber> all = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * A hub listening to a service.
   *
   * @param service  the service (the hub adds itself as its commit listener)
   * @param reads  a reader of the service's log, for replays
   * @param capacity  the events a subscriber may have queued, &gt;= 1
   */
  public StreamHub(MarginService service, EventStore reads, int capacity) {
    Checks.require(capacity >= 1, "stream_queue", "must be >= 1, got " + capacity);
    this.service = Checks.notNull(service, "service");
    this.reads = Checks.notNull(reads, "reads");
    this.capacity = capacity;
    service.addCommitListener(this);
  }

  /**
   * Starts a subscriber.
   *
   * @param account  the account to follow, or null for the firehose
   * @param after  replay the log after this sequence number first, or -1 for live events only
   * @param sink  where its messages go
   * @return the running subscriber
   */
  public Subscriber subscribe(String account, long after, StreamSink sink) {
    Subscriber s = new Subscriber(this, account, after, sink, capacity, Long.toString(ids.incrementAndGet()));
    all.add(s);
    s.start();
    return s;
  }

  /** How many subscribers receive live events now. */
  public int liveCount() {
    return live.size();
  }

  EventStore reads() {
    return reads;
  }

  void add(Subscriber s) {
    if (all.contains(s)) {
      live.add(s);
    }
  }

  void remove(Subscriber s) {
    live.remove(s);
    all.remove(s);
  }

  @Override
  public void committed(List<LoggedEvent> events) {
    if (live.isEmpty()) {
      return;
    }
    List<StreamEvent> wrapped = events.stream().map(StreamEvent::new).toList();
    for (Subscriber s : live) {
      s.offer(wrapped);
    }
  }

  /** Stops listening and closes every subscriber (going away). */
  @Override
  public void close() {
    service.removeCommitListener(this);
    for (Subscriber s : all) {
      s.stop(Subscriber.GOING_AWAY, "the server is stopping; resume with after=" + s.lastSent());
    }
  }
}
