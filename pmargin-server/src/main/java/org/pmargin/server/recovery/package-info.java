/**
 * Rebuilding the engine from the event log on start: the log's settings, a replay of the events, checked against
 * the latest snapshot's digest; the digest of an engine's state.
 */
package org.pmargin.server.recovery;
