package org.pmargin.engine.guard;

import java.util.Locale;
import java.util.Optional;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;

/**
 * The margin-call rule on trades (issue 14's lifecycle): an account below initial margin (margin call, liquidatable
 * or bankrupt) may only reduce its risk. A trade is acceptable when the account is healthy after it, or when it does
 * not raise the initial margin; otherwise it is refused with the figures. The what-if answer applies it
 * ({@link org.pmargin.engine.event.WhatIf#acceptable}), and so should the booking of a fill that the matching engine
 * let through against a stale answer.
 */
public final class MarginCallGuard {

  private MarginCallGuard() {
  }

  /** Whether a trade taking the account from one health to another is acceptable (see the class doc). */
  public static boolean allows(AccountHealth before, AccountHealth after) {
    return after.state() == HealthState.HEALTHY || after.initialMarginUsd() <= before.initialMarginUsd();
  }

  /**
   * Why a trade is refused, or empty when it is acceptable.
   *
   * @param accountId  the account
   * @param before  its health before the trade
   * @param after  its health after it
   * @return the reason, naming the state and the initial margin before and after
   */
  public static Optional<String> refusal(String accountId, AccountHealth before, AccountHealth after) {
    if (allows(before, after)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "account %s is in %s (equity %,.2f USD < IM %,.2f USD after the "
        + "trade): only risk-reducing trades are accepted, and this one raises IM from %,.2f to %,.2f USD",
        accountId, after.state(), after.equityUsd(), after.initialMarginUsd(), before.initialMarginUsd(),
        after.initialMarginUsd()));
  }
}
