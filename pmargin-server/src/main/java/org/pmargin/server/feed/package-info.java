/**
 * The engine's own oracle loop inside the service ({@code pmargin serve --feed FILE|synthetic}): price ticks
 * aggregated by the oracle, each update logged as a market event.
 */
package org.pmargin.server.feed;
