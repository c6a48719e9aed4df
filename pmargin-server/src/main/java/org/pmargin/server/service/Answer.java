package org.pmargin.server.service;

/**
 * The answer to a state-changing request, after its event committed.
 *
 * @param sequence  the event's sequence number in the log
 * @param accepted  whether the engine applied it (a rejected event, say a withdrawal that would breach initial
 *     margin, is logged too and changes nothing)
 * @param repeated  whether this is a repeat of an earlier request with the same client id (the first answer)
 * @param json  the answer, canonical JSON
 */
public record Answer(long sequence, boolean accepted, boolean repeated, String json) {
}
