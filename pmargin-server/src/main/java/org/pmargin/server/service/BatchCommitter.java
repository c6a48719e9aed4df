package org.pmargin.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.MarginsColumn;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.StoreUnavailableException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second stage of the sequencer's pipeline: one committer thread writes each batch the sequencer applied to
 * the engine to the log in one transaction, then tells the commit listeners, then answers the batch's requests, so
 * the sequencer applies batch N+1 while batch N commits. Batches are committed one at a time, in the order handed
 * over; the sequencer hands over a batch only after the previous one's outcome is known, so at most one batch
 * commits while one is applied. A failed commit answers its batch with the store's error and marks writes refused;
 * the sequencer then refuses the batch it applied meanwhile and rebuilds the engine from the log.
 *
 * <p>The answers' canonical JSON and the binary of the margins kept apart are written here too, off the sequencer
 * thread.
 */
final class BatchCommitter implements AutoCloseable {

  /**
   * One applied event: its command, the engine's answer and the margins kept apart from it (null when the answer
   * lists them); the logged event is made at commit time.
   */
  static final class Pending {
    final Command command;
    final long sequence;
    final ObjectNode tree;
    final List<AccountMargin> margins;
    LoggedEvent event;
    Answer answer;

    Pending(Command command, long sequence, ObjectNode tree, List<AccountMargin> margins) {
      this.command = command;
      this.sequence = sequence;
      this.tree = tree;
      this.margins = margins;
    }

    void write() {
      String json = Canonical.write(tree);
      event = new LoggedEvent(sequence, command.clientId(), command.type(), command.payload(), json,
          margins == null ? null : MarginsColumn.encode(margins));
      answer = new Answer(sequence, tree.get("accepted").asBoolean(), false, json);
    }
  }

  /** A submission whose commands were applied, in order. */
  record Applied(CompletableFuture<List<Answer>> future, List<Pending> events) {
  }

  /**
   * A submission repeating earlier requests, answered after this batch commits: {@code firsts[k]} is the event of
   * command k when it is in this batch, null when it is in the log (every earlier batch has committed by then);
   * {@code known[k]} says whether the id was used at all.
   */
  record Repeat(List<Command> commands, CompletableFuture<List<Answer>> future, Pending[] firsts, boolean[] known) {
  }

  /** A batch applied to the engine and not yet committed. */
  record Batch(List<Applied> applied, List<Repeat> repeats) {

    /** Refuses every request of the batch (its commit failed, or an earlier one did). */
    void fail(Throwable x) {
      for (Applied a : applied) {
        a.future().completeExceptionally(x);
      }
      for (Repeat r : repeats) {
        r.future().completeExceptionally(x);
      }
    }
  }

  private final EventStore store;
  private final Supplier<SequencerObserver> observer;
  private final Consumer<List<LoggedEvent>> publish;
  private final LongConsumer committed;
  private final Runnable refuse;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pmargin-committer");
    t.setDaemon(true);
    return t;
  });

  /**
   * A committer.
   *
   * @param store  the log
   * @param observer  the sequencer's observer in force
   * @param publish  tells the commit listeners of a committed batch's events
   * @param committed  takes the last sequence committed
   * @param refuse  marks writes refused (called before a failed batch is answered)
   */
  BatchCommitter(EventStore store, Supplier<SequencerObserver> observer, Consumer<List<LoggedEvent>> publish,
      LongConsumer committed, Runnable refuse) {
    this.store = store;
    this.observer = observer;
    this.publish = publish;
    this.committed = committed;
    this.refuse = refuse;
  }

  /**
   * Hands a batch over.
   *
   * @param b  the batch
   * @return null when it was committed and answered, else the error its requests were refused with
   */
  Future<StoreUnavailableException> commit(Batch b) {
    return thread.submit(() -> run(b));
  }

  /**
   * Waits for a batch handed over.
   *
   * @param f  its future, or null for none
   * @return null when it committed (or there was none), else the error
   */
  static StoreUnavailableException await(Future<StoreUnavailableException> f) throws InterruptedException {
    if (f == null) {
      return null;
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      return new StoreUnavailableException("internal error: " + e.getCause(), e.getCause());
    }
  }

  private StoreUnavailableException run(Batch b) {
    try {
      List<LoggedEvent> events = new ArrayList<>();
      for (Applied a : b.applied()) {
        for (Pending p : a.events()) {
          p.write();
          events.add(p.event);
        }
      }
      long t0 = System.nanoTime();
      store.append(events);
      long nanos = System.nanoTime() - t0;
      if (!events.isEmpty()) {
        committed.accept(events.getLast().sequence());
        observer.get().committed(events.size(), nanos, events.getLast().sequence());
        // listeners (streams, feed status) see a committed batch before its requests are answered, so a client
        // that reads after its answer finds its event there
        publish.accept(events);
      }
    } catch (RuntimeException x) {
      StoreUnavailableException e = x instanceof StoreUnavailableException s ? s
          : new StoreUnavailableException("internal error: " + x.getMessage(), x);
      refuse.run();
      b.fail(e);
      return e;
    }
    for (Applied a : b.applied()) {
      List<Answer> answers = new ArrayList<>(a.events().size());
      for (Pending p : a.events()) {
        answers.add(p.answer);
      }
      a.future().complete(answers);
    }
    for (Repeat r : b.repeats()) {
      repeat(r);
    }
    return null;
  }

  /** Answers a submission that repeats earlier requests: every command the same request as its first, or 409. */
  private void repeat(Repeat r) {
    List<Answer> answers = new ArrayList<>(r.commands().size());
    for (int k = 0; k < r.commands().size(); k++) {
      Command c = r.commands().get(k);
      LoggedEvent first;
      if (r.firsts()[k] != null) {
        first = r.firsts()[k].event;
      } else if (r.known()[k]) {
        try {
          first = store.find(c.clientId()).orElseThrow(() -> new IllegalStateException(
              "client id " + c.clientId() + " indexed but not in the log"));
        } catch (RuntimeException x) {
          r.future().completeExceptionally(x);
          return;
        }
      } else {
        // A group that repeats some ids and brings new ones: refused whole (nothing was applied for it).
        r.future().completeExceptionally(new ClientIdConflictException(c.clientId(),
            "'" + c.clientId() + "' is new but other client ids of its batch were already used: a batch is "
            + "repeated whole or not at all"));
        return;
      }
      if (!first.payload().equals(c.payload())) {
        r.future().completeExceptionally(new ClientIdConflictException(c.clientId(), first.sequence()));
        return;
      }
      boolean accepted = org.pmargin.data.Json.parse(first.answer()).get("accepted").asBoolean();
      answers.add(new Answer(first.sequence(), accepted, true, first.answer()));
    }
    r.future().complete(answers);
  }

  /** Makes the repeat record of a submission against the ids known now and the events of its own batch. */
  static Repeat repeatOf(List<Command> commands, CompletableFuture<List<Answer>> future,
      Map<String, Pending> inBatch, Map<String, Long> clientIds) {
    Pending[] firsts = new Pending[commands.size()];
    boolean[] known = new boolean[commands.size()];
    for (int k = 0; k < commands.size(); k++) {
      String id = commands.get(k).clientId();
      firsts[k] = inBatch.get(id);
      known[k] = firsts[k] != null || clientIds.containsKey(id);
    }
    return new Repeat(commands, future, firsts, known);
  }

  /** Stops the thread after the batches handed over. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
