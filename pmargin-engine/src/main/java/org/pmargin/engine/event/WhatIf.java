package org.pmargin.engine.event;

import org.pmargin.core.margin.AccountHealth;

/**
 * The margin impact of proposed orders, computed without booking them: the account's health now and as if the
 * orders had filled at their prices.
 *
 * @param accountId  the account
 * @param before  its health now
 * @param after  its health with the orders filled
 */
public record WhatIf(String accountId, AccountHealth before, AccountHealth after) {

  /** The change in initial margin, USD (negative when the orders reduce risk). */
  public double initialMarginChangeUsd() {
    return after.initialMarginUsd() - before.initialMarginUsd();
  }

  /**
   * The usual pre-trade check: the account would still cover its initial margin in every pool, or the orders do not
   * raise its initial margin. This is the margin-call rule: an account below initial margin (margin call,
   * liquidatable or bankrupt) may only reduce its risk, so a risk-increasing order is not acceptable.
   */
  public boolean acceptable() {
    return org.pmargin.engine.guard.MarginCallGuard.allows(before, after);
  }
}
