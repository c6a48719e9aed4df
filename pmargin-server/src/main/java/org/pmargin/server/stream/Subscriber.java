package org.pmargin.server.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream client: a bounded queue of committed events, filled by the sequencer without waiting, and a virtual
 * thread that sends them. With a resume point it first replays the log after it in pages, joins the live events
 * only then, reads the log once more for what committed meanwhile, and skips any live event it already sent, so
 * the switch has no gap and no duplicate. A client whose queue overflows is closed (1013, with the sequence to
 * resume after); the sequencer is never held up by it.
 */
public final class Subscriber {

  /** Close code for a client that fell behind (1013, "try again later"). */
  public static final int FELL_BEHIND = 1013;
  /** Close code when the log cannot be read for a replay (1011, server error). */
  public static final int LOG_UNAVAILABLE = 1011;
  /** Close code when the server stops (1001, going away). */
  public static final int GOING_AWAY = 1001;

  private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
  private static final int PAGE = 500;
  /** A page's margins at most (about five ticks of 100,000 accounts, 6 MB each). */
  private static final long PAGE_MARGIN_BYTES = 32L << 20;

  private final StreamHub hub;
  private final String account;
  private final long after;
  private final StreamSink sink;
  private final BlockingQueue<StreamEvent> queue;
  private final String name;
  private volatile Thread sender;
  private volatile int closeCode;
  private volatile String closeReason;
  private volatile long lastSent;

  Subscriber(StreamHub hub, String account, long after, StreamSink sink, int capacity, String name) {
    this.hub = hub;
    this.account = account;
    this.after = after;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.name = name;
    this.lastSent = Math.max(after, 0);
  }

  /** The account this subscriber follows, or null for the firehose. */
  public String account() {
    return account;
  }

  /** The last sequence number whose messages were all sent (where to resume). */
  public long lastSent() {
    return lastSent;
  }

  void start() {
    sender = Thread.ofVirtual().name("pmargin-stream-" + name).start(this::run);
  }

  /** From the sequencer: queue the events, or close the client when they do not fit. Never waits. */
  void offer(List<StreamEvent> events) {
    for (StreamEvent e : events) {
      if (!queue.offer(e)) {
        stop(FELL_BEHIND, "fell behind: more than " + (queue.size() + queue.remainingCapacity())
            + " events queued; resume with after=" + lastSent);
        return;
      }
    }
  }

  /**
   * Stops the subscriber: it leaves the hub at once and its sender closes the connection with this reason.
   *
   * @param code  the close code, or 0 when the client closed itself
   * @param reason  the reason
   */
  public void stop(int code, String reason) {
    hub.remove(this);
    if (closeCode == 0 && closeReason == null) {
      closeCode = code;
      closeReason = reason;
    }
    queue.clear();
    Thread t = sender;
    if (t != null) {
      t.interrupt();
    }
  }

  private boolean stopped() {
    return closeReason != null;
  }

  private void run() {
    try {
      if (after >= 0) {
        replay(hub.reads());
      }
      hub.add(this);
      if (after >= 0) {
        replay(hub.reads());
      }
      while (!stopped()) {
        StreamEvent e = queue.take();
        if (e.sequence() > lastSent) {
          send(e);
        }
      }
    } catch (InterruptedException e) {
      // stopped
    } catch (java.util.concurrent.TimeoutException e) {
      stop(FELL_BEHIND, "too slow: a message waited over a minute to be sent; resume with after=" + lastSent);
    } catch (org.pmargin.server.store.StoreUnavailableException e) {
      stop(LOG_UNAVAILABLE, "the event log cannot be read; resume with after=" + lastSent);
    } catch (Exception e) {
      LOG.debug("stream {} ended: {}", name, e.toString());
      stop(0, "connection failed");
    } finally {
      hub.remove(this);
      if (closeCode != 0) {
        LOG.info("stream {} closed ({}): {}", name, closeCode, closeReason);
        sink.close(closeCode, closeReason);
      }
    }
  }

  /**
   * Sends the logged events after the last one sent, page by page (at most {@value #PAGE} events, and no more once
   * {@value #PAGE_MARGIN_BYTES} bytes of margins are read), until a page comes back empty.
   */
  private void replay(EventStore reads) throws Exception {
    while (!stopped()) {
      List<LoggedEvent> page = new ArrayList<>(PAGE);
      reads.read(lastSent, PAGE, true, PAGE_MARGIN_BYTES, page::add);
      for (LoggedEvent e : page) {
        send(new StreamEvent(e));
      }
      if (page.isEmpty()) {
        return;
      }
    }
  }

  private void send(StreamEvent e) throws Exception {
    for (String m : e.messages(account)) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      sink.send(m);
    }
    lastSent = e.sequence();
  }
}
