package org.pmargin.server.service;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the sequencer reports as it works, for metrics ({@code org.pmargin.server.metrics}): each event applied to
 * the engine, with how long the engine took and its answer, and each batch committed to the log. Called on the
 * sequencer thread: an observer must be quick and must not throw.
 */
public interface SequencerObserver {

  /** An observer that records nothing. */
  SequencerObserver NONE = new SequencerObserver() {
  };

  /**
   * An event was applied to the engine (before its commit).
   *
   * @param command  the command (its type and payload)
   * @param nanos  how long the engine took, including the liquidation it ran after the event
   * @param answer  the engine's answer
   */
  default void applied(Command command, long nanos, ObjectNode answer) {
  }

  /**
   * A batch was written to the log.
   *
   * @param events  how many events it held
   * @param nanos  how long the transaction took
   * @param lastSequence  the last sequence now committed
   */
  default void committed(int events, long nanos, long lastSequence) {
  }
}
