package org.pmargin.engine.event;

import org.pmargin.core.margin.AccountHealth;

/**
 * An account's margin after an event: its health (USD equity, initial and maintenance margin, ratio, state),
 * the snapshot it was computed on, and whether a price it depends on was held by the oracle's circuit breaker.
 *
 * @param accountId  the account
 * @param health  its health
 * @param snapshotVersion  the version of the market snapshot used
 * @param degraded  whether the account is exposed to an underlying whose price is held (the margin then uses the
 *     last good price, never a suspect one)
 */
public record AccountMargin(String accountId, AccountHealth health, long snapshotVersion, boolean degraded) {
}
