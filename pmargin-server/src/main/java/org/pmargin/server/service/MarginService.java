package org.pmargin.server.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.EngineState;
import org.pmargin.engine.book.EngineStateCodec;
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
 * changes nothing), and then hands the whole batch to the {@link BatchCommitter}, which writes it to the log in one
 * transaction while the sequencer applies the next batch (a two-stage pipeline); every request's future completes
 * only after its batch's commit, so an acknowledged event is durable. The engine is applied before the commit, so a
 * read may see the effect of an event whose commit is still in flight (at most two batches); if a commit fails, its
 * batch and the one applied meanwhile are refused (503), writes are refused while the engine is rebuilt from the
 * log, and the service goes on.
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

    /**
     * 1,000 events a batch, a snapshot every 100,000 events (or the system property {@code pmargin.snapshotEvery}),
     * 100,000 waiting requests at most.
     */
    public static Options defaults() {
      return new Options(1000, Long.getLong("pmargin.snapshotEvery", 100_000), 100_000);
    }
  }

  /** One request: a command, or a group of commands applied consecutively in one commit (batched fills). */
  private record Submission(List<Command> commands, CompletableFuture<List<Answer>> future) {
  }

  private final EventStore store;
  private final ServiceSettings settings;
  private final Options options;
  private final BlockingQueue<Submission> queue;
  private final Thread sequencer;
  private final BatchCommitter committer;
  private final Map<String, Long> clientIds;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private volatile MarginEngine engine;
  private volatile boolean refusing;
  private volatile boolean running = true;
  private volatile long lastSequence;
  private volatile long lastCommitted;
  private volatile ServiceParameters parameters;
  private volatile SequencerObserver observer = SequencerObserver.NONE;
  private long lastSnapshot;
  private final long recoveredFrom;
  private final long recoveryMillis;
  private final long recoveredSnapshot;
  /** Encodes and writes snapshots off the sequencer's thread, one at a time. */
  private final java.util.concurrent.ExecutorService snapshots = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pmargin-snapshot-writer");
        t.setDaemon(true);
        return t;
      });
  private final java.util.concurrent.atomic.AtomicBoolean snapshotPending =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** How many snapshots the store keeps (the latest). */
  static final int SNAPSHOTS_KEPT = 3;

  private record Recovered(MarginEngine engine, Map<String, Long> clientIds, long lastSequence, long millis,
      ServiceParameters parameters, long snapshot) {
  }

  private MarginService(EventStore store, ServiceSettings settings, Options options, Recovered r) {
    this.store = store;
    this.settings = settings;
    this.options = options;
    this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
    this.engine = r.engine();
    this.clientIds = new HashMap<>(r.clientIds());
    this.lastSequence = r.lastSequence();
    this.lastCommitted = r.lastSequence();
    this.parameters = r.parameters();
    this.lastSnapshot = r.snapshot();
    this.recoveredFrom = r.lastSequence();
    this.recoveryMillis = r.millis();
    this.committer = new BatchCommitter(store, () -> observer, this::publish, seq -> lastCommitted = seq,
        () -> refusing = true);
    this.recoveredSnapshot = r.snapshot();
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
      Recovered r = recover(store, settings);
      return new MarginService(store, settings, options, r);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Recovered recover(EventStore store, ServiceSettings settings) {
    Recovery.Rebuilt r = Recovery.rebuild(store, settings);
    LOG.info("event log at {}: recovered to event {} in {} ms from the snapshot after event {} and {} events "
        + "replayed", store.location().display(), r.lastSequence(), r.millis(), r.snapshot(), r.replayed());
    return new Recovered(r.engine(), r.clientIds(), r.lastSequence(), r.millis(), r.parameters(), r.snapshot());
  }

  /** The risk parameters in force (after the last applied event). */
  public ServiceParameters parameters() {
    return parameters;
  }

  /** The last sequence number committed to the log (at most {@link #lastSequence()}). */
  public long lastCommitted() {
    return lastCommitted;
  }

  /** Sets what the sequencer reports to (metrics); {@link SequencerObserver#NONE} by default. */
  public void observe(SequencerObserver o) {
    observer = Checks.notNull(o, "observer");
  }

  /** How many requests wait for the sequencer. */
  public int queued() {
    return queue.size();
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

  /** The last event recovered when the service started, and how long that took in milliseconds. */
  public long[] recovery() {
    return new long[] {recoveredFrom, recoveryMillis};
  }

  /** The snapshot the service started from (its last event), 0 when it replayed the whole log. */
  public long recoveredSnapshot() {
    return recoveredSnapshot;
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
    return submitAll(List.of(command)).thenApply(l -> l.get(0));
  }

  /**
   * Submits commands to be applied consecutively, in the order given, and committed in one transaction (a batch of
   * fills): either every one is new and all are applied, or every one repeats an earlier request (same client id,
   * same request) and all get their first answers; a group mixing both, or repeating an id for another request, is
   * a {@link ClientIdConflictException} naming that id, and nothing is applied. The commands must have been
   * validated (as the engine would): an invalid first command is refused as for {@link #submit}; an invalid later
   * one, after the earlier ones were applied, is an internal error (the batch is refused, the engine rebuilt).
   *
   * @param commands  the commands, with distinct client ids
   * @return their answers in order, completed after the commit; exceptionally as for {@link #submit}
   */
  public CompletableFuture<List<Answer>> submitAll(List<Command> commands) {
    Checks.require(commands != null && !commands.isEmpty(), "commands", "must not be empty");
    CompletableFuture<List<Answer>> f = new CompletableFuture<>();
    Command command = commands.get(0);
    if (!running) {
      f.completeExceptionally(new StoreUnavailableException("the service is shutting down", null));
    } else if (refusing) {
      f.completeExceptionally(new StoreUnavailableException("the event log is unavailable; writes are refused",
          null));
    } else if (!queue.offer(new Submission(List.copyOf(commands), f))) {
      f.completeExceptionally(new StoreUnavailableException("too many requests waiting for the event log", null));
    }
    return f;
  }

  /**
   * The sequencer: takes a batch, applies it to the engine, waits for the previous batch's commit, and hands this
   * one to the committer (so batch N+1 is applied while batch N commits). When a commit failed, the batch applied
   * meanwhile is refused with the same error and the engine rebuilt from the log before anything else is applied.
   */
  private void run() {
    List<Submission> batch = new ArrayList<>(options.maxBatch());
    Future<StoreUnavailableException> inFlight = null;
    try {
      while (running || !queue.isEmpty()) {
        Submission first = queue.poll(inFlight == null ? 100 : 1, TimeUnit.MILLISECONDS);
        if (first == null) {
          // idle: settle the batch in flight, so a failed commit is followed by the rebuild at once
          StoreUnavailableException x = BatchCommitter.await(inFlight);
          inFlight = null;
          if (x != null) {
            rebuildAfterFailure(x);
          }
          continue;
        }
        batch.clear();
        batch.add(first);
        int events = first.commands().size();
        Submission next;
        while (events < options.maxBatch() && (next = queue.poll()) != null) {
          batch.add(next);
          events += next.commands().size();
        }
        BatchCommitter.Batch applied;
        try {
          applied = process(batch);
        } catch (RuntimeException e) {
          // A bug, not bad input: refuse what is unanswered and rebuild the engine from the log.
          LOG.error("sequencer error; rebuilding the engine from the event log", e);
          StoreUnavailableException x = new StoreUnavailableException("internal error: " + e.getMessage(), e);
          StoreUnavailableException before = BatchCommitter.await(inFlight);
          inFlight = null;
          for (Submission s : batch) {
            s.future().completeExceptionally(before != null ? before : x);
          }
          rebuildAfterFailure(before != null ? before : x);
          continue;
        }
        StoreUnavailableException before = BatchCommitter.await(inFlight);
        inFlight = null;
        if (before != null) {
          // applied after a batch whose commit failed: refused with it, the engine rebuilt without either
          applied.fail(before);
          rebuildAfterFailure(before);
          continue;
        }
        inFlight = committer.commit(applied);
        if (lastSequence - lastSnapshot >= options.snapshotEvery() && !refusing) {
          StoreUnavailableException x = BatchCommitter.await(inFlight);
          inFlight = null;
          if (x != null) {
            rebuildAfterFailure(x);
            continue;
          }
          snapshot(false);
        }
      }
      StoreUnavailableException x = BatchCommitter.await(inFlight);
      if (x != null) {
        rebuildAfterFailure(x);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      committer.close();
    }
  }

  /** Applies a batch to the engine: its events, with their answers, still to be committed. */
  private BatchCommitter.Batch process(List<Submission> batch) {
    List<BatchCommitter.Applied> applied = new ArrayList<>(batch.size());
    Map<String, BatchCommitter.Pending> inBatch = new HashMap<>();
    List<BatchCommitter.Repeat> repeats = new ArrayList<>();
    MarginEngine e = engine;
    SequencerObserver obs = observer;
    ServiceParameters params = parameters;
    for (Submission s : batch) {
      if (s.commands().stream().anyMatch(c -> clientIds.containsKey(c.clientId())
          || inBatch.containsKey(c.clientId()))) {
        repeats.add(BatchCommitter.repeatOf(s.commands(), s.future(), inBatch, clientIds));
        continue;
      }
      List<BatchCommitter.Pending> group = new ArrayList<>(s.commands().size());
      for (int k = 0; k < s.commands().size(); k++) {
        Command c = s.commands().get(k);
        CommandApplier.Outcome outcome;
        long t0 = System.nanoTime();
        try {
          outcome = CommandApplier.apply(e, c);
        } catch (RuntimeException x) {
          if (k > 0) {
            throw new IllegalStateException("command " + k + " of a group is invalid after " + k
                + " were applied: " + x.getMessage(), x);
          }
          s.future().completeExceptionally(x instanceof InvalidInputException ? x
              : new InvalidInputException("request", String.valueOf(x.getMessage()), x));
          break;
        }
        ObjectNode answer = outcome.answer();
        obs.applied(c, System.nanoTime() - t0, answer);
        long seq = answer.get("sequence").asLong();
        if (seq != lastSequence + 1) {
          throw new IllegalStateException("engine sequence " + seq + " after log sequence " + lastSequence);
        }
        lastSequence = seq;
        params = params.after(c.payload(), answer);
        BatchCommitter.Pending p = new BatchCommitter.Pending(c, seq, answer, outcome.margins());
        group.add(p);
        inBatch.put(c.clientId(), p);
        // known from now on: a repeat in a later batch is answered after that batch's commit, thus after this one's
        clientIds.put(c.clientId(), seq);
      }
      if (!group.isEmpty()) {
        applied.add(new BatchCommitter.Applied(s.future(), group));
      }
    }
    parameters = params;
    return new BatchCommitter.Batch(applied, repeats);
  }

  /** Tells the listeners of a committed batch (a listener's failure is logged and does not stop the others). */
  private void publish(List<LoggedEvent> events) {
    if (events.isEmpty() || listeners.isEmpty()) {
      return;
    }
    for (CommitListener l : listeners) {
      try {
        l.committed(events);
      } catch (RuntimeException x) {
        LOG.error("a commit listener failed on events {}..{}", events.getFirst().sequence(),
            events.getLast().sequence(), x);
      }
    }
  }

  /** The engine is ahead of the log: refuse writes and rebuild from the log until that works. */
  private void rebuildAfterFailure(StoreUnavailableException cause) {
    refusing = true;
    LOG.error("the event log refused a batch; writes are refused until the engine is rebuilt: {}",
        cause.getMessage());
    failQueued(cause);
    while (running) {
      try {
        Recovered r = recover(store, settings);
        MarginEngine old = engine;
        engine = r.engine();
        old.close();
        clientIds.clear();
        clientIds.putAll(r.clientIds());
        lastSequence = r.lastSequence();
        lastCommitted = r.lastSequence();
        parameters = r.parameters();
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

  /**
   * Takes a snapshot of the engine after the last committed event (on the sequencer thread, or at shutdown): the
   * state is exported and digested here, where no event is being applied; it is encoded and written on the
   * snapshot thread, so the sequencer goes on meanwhile. A snapshot still being written when the next is due makes
   * that one wait for the next batch.
   *
   * @param wait  whether to wait until it is written (at shutdown)
   */
  private void snapshot(boolean wait) {
    if (!snapshotPending.compareAndSet(false, true)) {
      return;
    }
    MarginEngine e = engine;
    long seq = lastCommitted;
    EngineState state;
    String digest;
    String params = parameters.toJson();
    try {
      state = e.exportState();
      digest = StateDigest.digest(e);
    } catch (RuntimeException x) {
      snapshotPending.set(false);
      LOG.warn("snapshot after event {} not taken: {}", seq, x.getMessage());
      return;
    }
    if (state.sequence() != seq) { // the engine is ahead of the log (a batch in flight): not this time
      snapshotPending.set(false);
      return;
    }
    lastSnapshot = seq;
    java.util.concurrent.Future<?> f = snapshots.submit(() -> {
      try {
        long t0 = System.nanoTime();
        byte[] bytes = EngineStateCodec.write(state);
        store.writeSnapshot(new SnapshotRow(seq, Instant.now().toString(), EngineStateCodec.FORMAT,
            state.accounts().size(), digest, params, bytes), SNAPSHOTS_KEPT);
        LOG.info("snapshot after event {} written ({} accounts, {} KB) in {} ms", seq, state.accounts().size(),
            bytes.length / 1024, (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException x) {
        LOG.warn("snapshot after event {} not written: {}", seq, x.getMessage());
      } finally {
        snapshotPending.set(false);
      }
    });
    if (wait) {
      try {
        f.get();
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException x) {
        LOG.warn("snapshot after event {} not written: {}", seq, x.getMessage());
      }
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
    snapshots.shutdown();
    try {
      snapshots.awaitTermination(60, TimeUnit.SECONDS); // a snapshot in the background finishes first
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!refusing && lastCommitted > lastSnapshot) {
      snapshotPending.set(false);
      snapshotOnClose();
    }
    engine.close();
    store.close();
  }

  /** The shutdown snapshot, written on this thread (the snapshot thread has stopped). */
  private void snapshotOnClose() {
    MarginEngine e = engine;
    long seq = lastCommitted;
    try {
      EngineState state = e.exportState();
      if (state.sequence() != seq) {
        return;
      }
      store.writeSnapshot(new SnapshotRow(seq, Instant.now().toString(), EngineStateCodec.FORMAT,
          state.accounts().size(), StateDigest.digest(e), parameters.toJson(), EngineStateCodec.write(state)),
          SNAPSHOTS_KEPT);
      lastSnapshot = seq;
    } catch (RuntimeException x) {
      LOG.warn("snapshot after event {} not written at shutdown: {}", seq, x.getMessage());
    }
  }
}
