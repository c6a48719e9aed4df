package org.pmargin.server.store;

/**
 * One row of the event log: a state-changing request that was applied and committed.
 *
 * @param sequence  its sequence number, gap-free from 1
 * @param clientId  the client's idempotency id (unique in the log)
 * @param type  the event type ({@code create}, {@code deposit}, {@code withdraw}, {@code fill}, {@code market})
 * @param payload  the request, canonical JSON (the engine event-line format of docs/FORMATS.md)
 * @param answer  the answer the client got, canonical JSON
 */
public record LoggedEvent(long sequence, String clientId, String type, String payload, String answer) {
}
