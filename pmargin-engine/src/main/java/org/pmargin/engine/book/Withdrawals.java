package org.pmargin.engine.book;

import java.util.Locale;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.engine.event.Withdrawal;

/** The engine's rules for a withdrawal: not more than the balance, and the account healthy (IM covered) after. */
final class Withdrawals {

  private Withdrawals() {
  }

  /** Why the balance does not hold the amount, or null when it does. */
  static String overdraft(AccountState before, Withdrawal w) {
    double held = before.balance(w.asset());
    return held < w.amount() ? "withdrawal of " + w.amount() + " " + w.asset() + " exceeds the balance " + held
        : null;
  }

  /** Why the health after breaches initial margin, or null when it does not. */
  static String breach(AccountHealth health) {
    return health.state() == HealthState.HEALTHY ? null : String.format(Locale.ROOT,
        "withdrawal would breach initial margin: equity %.2f USD against IM %.2f USD afterwards",
        health.equityUsd(), health.initialMarginUsd());
  }
}
