/**
 * The service's state machine: requests become commands, a single sequencer applies them to the engine and writes
 * them to the event log in batches (group commit), and answers each after its commit; idempotency by client id.
 */
package org.pmargin.server.service;
