package org.pmargin.engine.book;

import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.Checks;

/**
 * One account of an {@link AccountShard} as its holder stores it (a Flink task keeps it in keyed state): positions
 * and balances, and the last margin with the version of the snapshot it was computed on.
 *
 * @param account  positions (with entry prices) and balances
 * @param health  the last margin, or null before the first margining
 * @param snapshotVersion  the version of the snapshot of that margin
 * @param degraded  whether that snapshot was degraded for an asset the account depends on
 */
public record ShardAccount(Account account, AccountHealth health, long snapshotVersion, boolean degraded) {

  /** Validates. */
  public ShardAccount {
    Checks.notNull(account, "account");
  }
}
