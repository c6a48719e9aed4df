package org.pmargin.server.service;

import java.util.List;
import org.pmargin.server.store.LoggedEvent;

/**
 * Told of each batch of events after its transaction committed, never before, so whatever a listener passes on is
 * durable (the WebSocket streams). Called on the sequencer thread, in sequence order: an implementation must return
 * at once (hand the events over to its own queue) and never block, or it would hold up every write.
 */
@FunctionalInterface
public interface CommitListener {

  /**
   * A batch committed.
   *
   * @param events  the batch's events in sequence order (consecutive, following the previous batch's)
   */
  void committed(List<LoggedEvent> events);
}
