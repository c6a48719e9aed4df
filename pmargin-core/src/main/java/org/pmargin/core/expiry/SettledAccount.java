package org.pmargin.core.expiry;

import java.util.List;
import org.pmargin.core.portfolio.Account;

/**
 * An account after {@link ExpirySettlement}: its expired positions removed and their cash booked, and what was settled.
 *
 * @param account  the account with only live positions
 * @param settlements  the positions settled, in the account's order; empty when nothing had expired
 */
public record SettledAccount(Account account, List<SettledPosition> settlements) {

  /** Copies the list. */
  public SettledAccount {
    settlements = List.copyOf(settlements);
  }
}
