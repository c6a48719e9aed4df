/**
 * The WebSocket streams' machinery, apart from the transport: committed events turned into stream messages (the
 * firehose or one account's share), and the subscribers with their bounded queues, fed after each commit without
 * ever blocking the sequencer, resumable from a sequence number out of the event log.
 */
package org.pmargin.server.stream;
