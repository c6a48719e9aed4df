package org.pmargin.server.store;

import java.util.Arrays;

/**
 * One row of the event log: a state-changing request that was applied and committed.
 *
 * @param sequence  its sequence number, gap-free from 1
 * @param clientId  the client's idempotency id (unique in the log)
 * @param type  the event type ({@code create}, {@code deposit}, {@code withdraw}, {@code fill}, {@code market}, ...)
 * @param payload  the request, canonical JSON (the engine event-line format of docs/FORMATS.md)
 * @param answer  the answer the client got, canonical JSON
 * @param margins  the margins of an event that re-margins the book, in {@link MarginsColumn}'s binary form, kept
 *     apart from its answer; null for other events, and when read without them
 */
public record LoggedEvent(long sequence, String clientId, String type, String payload, String answer,
    byte[] margins) {

  /** An event whose answer lists its margins itself (no margins column). */
  public LoggedEvent(long sequence, String clientId, String type, String payload, String answer) {
    this(sequence, clientId, type, payload, answer, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoggedEvent e && sequence == e.sequence && clientId.equals(e.clientId)
        && type.equals(e.type) && payload.equals(e.payload) && answer.equals(e.answer)
        && Arrays.equals(margins, e.margins);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Arrays.hashCode(margins);
  }

  @Override
  public String toString() {
    return "LoggedEvent[" + sequence + ", " + clientId + ", " + type + ", " + payload + ", " + answer
        + (margins == null ? "" : ", " + margins.length + " bytes of margins") + "]";
  }
}
