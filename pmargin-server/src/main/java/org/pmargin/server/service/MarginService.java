package org.pmargin.server.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.recovery.Recovery;
import org.pmargin.server.recovery.StateDigest;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.SnapshotRow;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The margin service's core: the engine, the event log and the sequencer between them.
 *
 * <p>One sequencer thread takes the submitted commands in batches (group commit). For each command of a batch it
 * checks the client id (a repeat gets the first answer and changes nothing; the same id with a different request
 * is a conflict), applies it to the engine ({@link CommandApplier}: an invalid command is refused with the field and
 * changes nothing), and then writes the whole batch to the log in one transaction; every request's future completes
 * only after that commit, so an acknowledged event is durable. The engine is applied before the commit, so a read
 * may see the effect of an event whose commit is still in flight (at most one batch); if the commit fails, the
 * batch is refused (503), writes are refused while the engine is rebuilt from the log, and the service goes on.
 *
 * <p>The sequence numbers are the engine's and the log's at once: gap-free from 1, one per logged event.
 */
public final class MarginService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MarginService.class);

  /** Tuning: the largest batch one transaction takes, and how many events between snapshots. */
  public record Options(int maxBatch, long snapshotEvery, int queueCapacity) {

    /** Validates. */
    public Options {
      Checks.require(maxBatch >= 1, "max_batch", "must be >= 1, got " + maxBatch);
      Checks.require(snapshotEvery >= 1, "snapshot_every", "must be >= 1, got " + snapshotEvery);
      Checks.require(queueCapacity >= 1, "queue_capacity", "must be >= 1, got " + queueCapacity);
    }

    /** 1,000 events a batch, a snapshot every 100,000 events, 100,000 waiting requests at most. */
    public static Options defaults() {
      return new Options(1000, 100_000, 100_000);
    }
  }

  private record Submission(Command command, CompletableFuture<Answer> future) {
  }

  private record Pending(LoggedEvent event, Answer answer, CompletableFuture<Answer> future) {
  }

  private final EventStore store;
  private final ServiceSettings settings;
  private final Options options;
  private final BlockingQueue<Submission> queue;
  private final Thread sequencer;
  private final Map<String, Long> clientIds;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private volatile MarginEngine engine;
  private volatile boolean refusing;
  private volatile boolean running = true;
  private volatile long lastSequence;
  private long lastSnapshot;
  private final long recoveredFrom;
  private final long recoveryMillis;

  private MarginService(EventStore store, ServiceSettings settings, Options options, Recovery.Rebuilt r) {
    this.store = store;
    this.settings = settings;
    this.options = options;
    this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
    this.engine = r.engine();
    this.clientIds = new HashMap<>(r.clientIds());
    this.lastSequence = r.lastSequence();
    this.lastSnapshot = r.lastSequence();
    this.recoveredFrom = r.lastSequence();
    this.recoveryMillis = r.millis();
    this.sequencer = new Thread(this::run, "pmargin-sequencer");
    this.sequencer.setDaemon(true);
    this.sequencer.start();
  }

  /**
   * Opens a service on a store: a new store is initialised with these settings, an existing one recovered with
   * its own (the given ones are then ignored, with a warning when they differ).
   *
   * @param location  the store
   * @param initial  the settings for a new store
   * @param options  tuning
   * @return the running service
   */
  public static MarginService open(StoreLocation location, ServiceSettings initial, Options options) {
    Checks.notNull(initial, "settings");
    Checks.notNull(options, "options");
    long t0 = System.nanoTime();
    EventStore store = EventStore.open(location);
    LOG.info("event log at {} opened and migrated in {} ms", location.display(), (System.nanoTime() - t0) / 1_000_000);
    try {
      ServiceSettings settings;
      Optional<String> stored = store.meta("settings");
      if (stored.isPresent()) {
        settings = ServiceSettings.fromJson(stored.get());
        if (!settings.toJson().equals(initial.toJson())) {
          LOG.warn("the store at {} keeps its own settings (model {}); the ones given are ignored",
              location.display(), settings.model());
        }
      } else {
        if (store.lastSequence() != 0) {
          throw new IllegalStateException("the store at " + location.display() + " has events but no settings");
        }
        settings = initial;
        store.putMeta("settings", settings.toJson());
      }
      Recovery.Rebuilt r = Recovery.rebuild(store, settings);
      LOG.info("event log at {}: {} events replayed in {} ms (snapshot checked: {})", location.display(),
          r.lastSequence(), r.millis(), r.snapshotChecked());
      return new MarginService(store, settings, options, r);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The engine (for reads: margins, what-if, explain). */
  public MarginEngine engine() {
    return engine;
  }

  /** Where the event log is. */
  public StoreLocation location() {
    return store.location();
  }

  /** The store's settings. */
  public ServiceSettings settings() {
    return settings;
  }

  /** The last committed-or-applied sequence number. */
  public long lastSequence() {
    return lastSequence;
  }

  /** The events replayed when the service started, and how long that took in milliseconds. */
  public long[] recovery() {
    return new long[] {recoveredFrom, recoveryMillis};
  }

  /**
   * Adds a listener told of every batch after its commit (see {@link CommitListener}: it must not block).
   *
   * @param listener  the listener
   */
  public void addCommitListener(CommitListener listener) {
    listeners.add(Checks.notNull(listener, "listener"));
  }

  /** Removes a listener added by {@link #addCommitListener}. */
  public void removeCommitListener(CommitListener listener) {
    listeners.remove(listener);
  }

  /** Whether writes are refused (the log failed and the engine is being rebuilt). */
  public boolean refusingWrites() {
    return refusing;
  }

  /**
   * Submits a command.
   *
   * @param command  the command
   * @return its answer, completed after its commit; exceptionally with {@link InvalidInputException} (bad input,
   *     nothing changed), {@link ClientIdConflictException}, or {@link StoreUnavailableException} (not acknowledged)
   */
  public CompletableFuture<Answer> submit(Command command) {
    Checks.notNull(command, "command");
    CompletableFuture<Answer> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new StoreUnavailableException("the service is shutting down", null));
    } else if (refusing) {
      f.completeExceptionally(new StoreUnavailableException("the event log is unavailable; writes are refused",
          null));
    } else if (!queue.offer(new Submission(command, f))) {
      f.completeExceptionally(new StoreUnavailableException("too many requests waiting for the event log", null));
    }
    return f;
  }

  private void run() {
    List<Submission> batch = new ArrayList<>(options.maxBatch());
    while (running || !queue.isEmpty()) {
      try {
        Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, options.maxBatch() - 1);
        try {
          process(batch);
        } catch (RuntimeException e) {
          // A bug, not bad input: refuse what is unanswered and rebuild the engine from the log.
          LOG.error("sequencer error; rebuilding the engine from the event log", e);
          StoreUnavailableException x = new StoreUnavailableException("internal error: " + e.getMessage(), e);
          for (Submission s : batch) {
            s.future().completeExceptionally(x);
          }
          rebuildAfterFailure(x);
          continue;
        }
        if (lastSequence - lastSnapshot >= options.snapshotEvery()) {
          snapshot();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void process(List<Submission> batch) {
    List<Pending> pending = new ArrayList<>(batch.size());
    Map<String, Pending> inBatch = new HashMap<>();
    List<Submission> repeats = new ArrayList<>();
    MarginEngine e = engine;
    for (Submission s : batch) {
      String id = s.command().clientId();
      if (clientIds.containsKey(id) || inBatch.containsKey(id)) {
        repeats.add(s);
        continue;
      }
      ObjectNode answer;
      try {
        answer = CommandApplier.apply(e, s.command().payload());
      } catch (InvalidInputException x) {
        s.future().completeExceptionally(x);
        continue;
      } catch (RuntimeException x) {
        s.future().completeExceptionally(new InvalidInputException("request", String.valueOf(x.getMessage()), x));
        continue;
      }
      long seq = answer.get("sequence").asLong();
      if (seq != lastSequence + 1) {
        throw new IllegalStateException("engine sequence " + seq + " after log sequence " + lastSequence);
      }
      lastSequence = seq;
      String json = Canonical.write(answer);
      Pending p = new Pending(new LoggedEvent(seq, id, s.command().type(), s.command().payload(), json),
          new Answer(seq, answer.get("accepted").asBoolean(), false, json), s.future());
      pending.add(p);
      inBatch.put(id, p);
    }
    try {
      store.append(pending.stream().map(Pending::event).toList());
    } catch (StoreUnavailableException x) {
      for (Pending p : pending) {
        p.future().completeExceptionally(x);
      }
      for (Submission s : repeats) {
        s.future().completeExceptionally(x);
      }
      rebuildAfterFailure(x);
      return;
    }
    for (Pending p : pending) {
      clientIds.put(p.event().clientId(), p.event().sequence());
      p.future().complete(p.answer());
    }
    for (Submission s : repeats) {
      repeat(s, inBatch.get(s.command().clientId()));
    }
    publish(pending);
  }

  /** Tells the listeners of a committed batch (a listener's failure is logged and does not stop the others). */
  private void publish(List<Pending> committed) {
    if (committed.isEmpty() || listeners.isEmpty()) {
      return;
    }
    List<LoggedEvent> events = committed.stream().map(Pending::event).toList();
    for (CommitListener l : listeners) {
      try {
        l.committed(events);
      } catch (RuntimeException x) {
        LOG.error("a commit listener failed on events {}..{}", events.getFirst().sequence(),
            events.getLast().sequence(), x);
      }
    }
  }

  private void repeat(Submission s, Pending sameBatch) {
    LoggedEvent first;
    if (sameBatch != null) {
      first = sameBatch.event();
    } else {
      try {
        first = store.find(s.command().clientId()).orElseThrow(() -> new IllegalStateException(
            "client id " + s.command().clientId() + " indexed but not in the log"));
      } catch (StoreUnavailableException x) {
        s.future().completeExceptionally(x);
        return;
      }
    }
    if (!first.payload().equals(s.command().payload())) {
      s.future().completeExceptionally(new ClientIdConflictException(s.command().clientId(), first.sequence()));
      return;
    }
    boolean accepted = org.pmargin.data.Json.parse(first.answer()).get("accepted").asBoolean();
    s.future().complete(new Answer(first.sequence(), accepted, true, first.answer()));
  }

  /** The engine is ahead of the log: refuse writes and rebuild from the log until that works. */
  private void rebuildAfterFailure(StoreUnavailableException cause) {
    refusing = true;
    LOG.error("the event log refused a batch; writes are refused until the engine is rebuilt: {}",
        cause.getMessage());
    failQueued(cause);
    while (running) {
      try {
        Recovery.Rebuilt r = Recovery.rebuild(store, settings);
        MarginEngine old = engine;
        engine = r.engine();
        old.close();
        clientIds.clear();
        clientIds.putAll(r.clientIds());
        lastSequence = r.lastSequence();
        lastSnapshot = Math.min(lastSnapshot, lastSequence);
        refusing = false;
        LOG.info("engine rebuilt from the event log: {} events", lastSequence);
        return;
      } catch (RuntimeException x) {
        failQueued(cause);
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void failQueued(StoreUnavailableException cause) {
    Submission s;
    while ((s = queue.poll()) != null) {
      s.future().completeExceptionally(cause);
    }
  }

  /** Writes a snapshot of the engine after the last event (from the sequencer thread, or at shutdown). */
  private void snapshot() {
    MarginEngine e = engine;
    try {
      store.writeSnapshot(new SnapshotRow(lastSequence, Instant.now().toString(), e.accountCount(),
          StateDigest.digest(e), StateDigest.state(e)));
      lastSnapshot = lastSequence;
    } catch (StoreUnavailableException x) {
      LOG.warn("snapshot after event {} not written: {}", lastSequence, x.getMessage());
    }
  }

  /** Stops taking requests, answers the ones queued, writes a snapshot and closes the store. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      sequencer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!refusing && lastSequence > lastSnapshot) {
      snapshot();
    }
    engine.close();
    store.close();
  }
}
