package org.pmargin.server.recovery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.pmargin.engine.book.EngineState;
import org.pmargin.engine.book.EngineStateCodec;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.service.CommandApplier;
import org.pmargin.server.service.ServiceParameters;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.SnapshotRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the engine from the store: the latest usable snapshot ({@link EngineStateCodec}: the engine's whole
 * state after an event, with the risk parameters then in force), then the events after it in sequence order (read
 * on a thread of their own while the engine applies, {@link LogReader}), each applied as it was the first time
 * ({@link CommandApplier}), so the state equals what an independent replay of the logged (that is, acknowledged)
 * events gives, bit for bit.
 *
 * <p>A snapshot is usable when its format version is this code's, its bytes read back as a state, the restored
 * engine's {@link StateDigest digest} equals the one stored with it, and the log reaches its event. Otherwise it is
 * skipped (with a warning) for the next older one, and with none usable the whole log is replayed. The idempotency
 * index of the events a snapshot covers is read from the log's client ids alone (no payloads), gap-checked.
 */
public final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {
  }

  /**
   * The state rebuilt from a store.
   *
   * @param engine  the engine, after the last event
   * @param clientIds  the client id of every event, with its sequence number
   * @param lastSequence  the last event's sequence number (0 for an empty log)
   * @param snapshot  the sequence of the snapshot the engine was restored from, 0 for a full replay
   * @param parameters  the risk parameters in force after the last event
   * @param millis  how long the rebuild took
   */
  public record Rebuilt(MarginEngine engine, Map<String, Long> clientIds, long lastSequence, long snapshot,
      ServiceParameters parameters, long millis) {

    /** How many events were replayed (after the snapshot). */
    public long replayed() {
      return lastSequence - snapshot;
    }
  }

  /**
   * Rebuilds.
   *
   * @param store  the store
   * @param settings  the store's settings
   * @return the engine, the idempotency index and the parameters in force
   * @throws IllegalStateException when the log has a gap or an event no longer applies
   */
  public static Rebuilt rebuild(EventStore store, ServiceSettings settings) {
    return rebuild(store, settings, (payload, answer) -> { });
  }

  /**
   * Rebuilds, handing every replayed event (those after the snapshot) to a listener.
   *
   * @param store  the store
   * @param settings  the store's settings
   * @param replayed  receives each replayed event's payload and its answer, in sequence order
   * @return the engine, the idempotency index and the parameters in force
   * @throws IllegalStateException as {@link #rebuild(EventStore, ServiceSettings)}
   */
  public static Rebuilt rebuild(EventStore store, ServiceSettings settings, BiConsumer<String, ObjectNode> replayed) {
    long t0 = System.nanoTime();
    long logEnd = store.lastSequence();
    Start start = start(store, settings, logEnd);
    MarginEngine engine = start.engine();
    Map<String, Long> ids = new HashMap<>();
    ServiceParameters[] params = {start.parameters()};
    long[] last = {start.sequence()};
    try {
      if (start.sequence() > 0) {
        long[] prev = {0};
        store.readClientIds(start.sequence(), (id, seq) -> {
          if (seq != prev[0] + 1) {
            throw new IllegalStateException("the event log has a gap: event " + seq + " after " + prev[0]);
          }
          prev[0] = seq;
          ids.put(id, seq);
        });
      }
      LogReader.each(store, start.sequence(), e -> {
        if (e.sequence() != last[0] + 1) {
          throw new IllegalStateException("the event log has a gap: event " + e.sequence() + " after " + last[0]);
        }
        ObjectNode answer = CommandApplier.apply(engine, e.payload());
        long seq = answer.get("sequence").asLong();
        if (seq != e.sequence()) {
          throw new IllegalStateException("event " + e.sequence() + " replayed as engine sequence " + seq);
        }
        last[0] = seq;
        params[0] = params[0].after(e.payload(), answer);
        replayed.accept(e.payload(), answer);
        ids.put(e.clientId(), seq);
      });
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new Rebuilt(engine, ids, last[0], start.sequence(), params[0], (System.nanoTime() - t0) / 1_000_000);
  }

  private record Start(MarginEngine engine, long sequence, ServiceParameters parameters) {
  }

  /** The latest usable snapshot restored, or a new engine at the start of the log. */
  private static Start start(EventStore store, ServiceSettings settings, long logEnd) {
    List<Long> held = store.snapshotSequences();
    for (long seq : held) {
      MarginEngine engine = null;
      try {
        if (seq > logEnd) {
          throw new IllegalStateException("it is after event " + seq + " but the log ends at " + logEnd);
        }
        Optional<SnapshotRow> row = store.snapshot(seq);
        if (row.isEmpty()) {
          continue; // pruned meanwhile
        }
        SnapshotRow r = row.get();
        if (r.formatVersion() != EngineStateCodec.FORMAT) {
          throw new IllegalStateException("it is of format " + r.formatVersion() + ", this version reads "
              + EngineStateCodec.FORMAT);
        }
        EngineState state = EngineStateCodec.read(r.state());
        if (state.sequence() != seq) {
          throw new IllegalStateException("its state is after event " + state.sequence());
        }
        ServiceParameters p = ServiceParameters.fromJson(r.parameters(), settings);
        engine = settings.restore(state, p);
        String digest = StateDigest.digest(engine);
        if (!digest.equals(r.digest())) {
          throw new IllegalStateException("the restored engine's digest " + digest + " is not the stored "
              + r.digest());
        }
        return new Start(engine, seq, p);
      } catch (RuntimeException e) {
        if (engine != null) {
          engine.close();
        }
        LOG.warn("snapshot after event {} not usable, trying an older one or the full log: {}", seq,
            e.getMessage());
      }
    }
    return new Start(settings.newEngine(), 0, ServiceParameters.initial(settings));
  }
}
