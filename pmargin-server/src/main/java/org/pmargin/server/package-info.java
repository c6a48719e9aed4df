/** The margin service: the durable event log, recovery, and the HTTP API around the real-time engine. */
package org.pmargin.server;
