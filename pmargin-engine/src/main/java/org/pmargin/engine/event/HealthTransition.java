package org.pmargin.engine.event;

import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;

/**
 * An account's health state changed (healthy, margin call, liquidatable, bankrupt), and the event that changed it
 * (a liquidation after the event adds its own transitions, from the state the event left to the one after the steps).
 *
 * @param sequence  the sequence number of the event that caused it
 * @param accountId  the account
 * @param from  the state before
 * @param to  the state after
 * @param health  the health after (the margin result that caused the change)
 * @param snapshotVersion  the version of the market snapshot it was margined on
 */
public record HealthTransition(long sequence, String accountId, HealthState from, HealthState to,
    AccountHealth health, long snapshotVersion) {

  /** A transition without its snapshot version (0). */
  public HealthTransition(long sequence, String accountId, HealthState from, HealthState to, AccountHealth health) {
    this(sequence, accountId, from, to, health, 0);
  }
}
