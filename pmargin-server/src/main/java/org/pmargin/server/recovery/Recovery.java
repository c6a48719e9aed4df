package org.pmargin.server.recovery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.service.CommandApplier;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.SnapshotRow;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the engine from the event log: a new engine from the store's settings, then every event in sequence
 * order (read on a thread of its own while the engine applies, {@link LogReader}), each applied as it was the first time ({@link CommandApplier}), so the state equals what an independent
 * replay of the logged (that is, acknowledged) events gives, bit for bit.
 *
 * <p>The engine's public API has no import of its full state (the sequence counter, the time of the last full
 * re-margining pass, the liquidation queue and parked accounts, and margins computed on older snapshots are not
 * exported), so a snapshot cannot seed the engine without changing results. Recovery therefore replays from the
 * start of the log, and uses the latest snapshot as a check: when the replay reaches the snapshot's event, the
 * engine's {@link StateDigest digest} must equal the snapshot's, else recovery fails rather than serve a state that
 * differs from the one the service had.
 */
public final class Recovery {

  private Recovery() {
  }

  /**
   * The state rebuilt from a store.
   *
   * @param engine  the engine, after the last event
   * @param clientIds  the client id of every event, with its sequence number
   * @param lastSequence  the last event's sequence number (0 for an empty log)
   * @param snapshotChecked  the sequence of the snapshot whose digest was checked, 0 for none
   * @param millis  how long the rebuild took
   */
  public record Rebuilt(MarginEngine engine, Map<String, Long> clientIds, long lastSequence, long snapshotChecked,
      long millis) {
  }

  /**
   * Rebuilds.
   *
   * @param store  the store
   * @param settings  the store's settings
   * @return the engine and the idempotency index
   * @throws IllegalStateException when the log has a gap, an event no longer applies, or the replay does not
   *     reproduce the latest snapshot
   */
  public static Rebuilt rebuild(EventStore store, ServiceSettings settings) {
    return rebuild(store, settings, (payload, answer) -> { });
  }

  /**
   * Rebuilds, handing every replayed event to a listener (the service derives its parameter version from them).
   *
   * @param store  the store
   * @param settings  the store's settings
   * @param replayed  receives each event's payload and its replayed answer, in sequence order
   * @return the engine and the idempotency index
   * @throws IllegalStateException as {@link #rebuild(EventStore, ServiceSettings)}
   */
  public static Rebuilt rebuild(EventStore store, ServiceSettings settings,
      java.util.function.BiConsumer<String, ObjectNode> replayed) {
    long t0 = System.nanoTime();
    MarginEngine engine = settings.newEngine();
    Map<String, Long> ids = new HashMap<>();
    Optional<SnapshotRow> snap = store.latestSnapshot();
    long[] last = {0};
    boolean[] checked = {false};
    try {
      if (snap.isPresent() && snap.get().sequence() == 0) {
        check(engine, snap.get());
        checked[0] = true;
      }
      LogReader.each(store, e -> {
        if (e.sequence() != last[0] + 1) {
          throw new IllegalStateException("the event log has a gap: event " + e.sequence() + " after " + last[0]);
        }
        ObjectNode answer = CommandApplier.apply(engine, e.payload());
        long seq = answer.get("sequence").asLong();
        if (seq != e.sequence()) {
          throw new IllegalStateException("event " + e.sequence() + " replayed as engine sequence " + seq);
        }
        last[0] = seq;
        replayed.accept(e.payload(), answer);
        ids.put(e.clientId(), seq);
        if (snap.isPresent() && snap.get().sequence() == seq) {
          check(engine, snap.get());
          checked[0] = true;
        }
      });
      if (snap.isPresent() && !checked[0]) {
        throw new IllegalStateException("the latest snapshot is after event " + snap.get().sequence()
            + " but the log ends at " + last[0]);
      }
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new Rebuilt(engine, ids, last[0], snap.map(SnapshotRow::sequence).orElse(0L),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static void check(MarginEngine engine, SnapshotRow s) {
    String d = StateDigest.digest(engine);
    if (!d.equals(s.digest())) {
      throw new IllegalStateException("the replay of the log does not reproduce the snapshot after event "
          + s.sequence() + " (digest " + d + ", snapshot " + s.digest() + ")");
    }
  }
}
