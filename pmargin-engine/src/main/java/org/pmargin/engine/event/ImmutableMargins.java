package org.pmargin.engine.event;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.pmargin.core.margin.AccountHealth;

/**
 * The accounts an event re-margined, kept as arrays and made into {@link AccountMargin}s only when read: a tick
 * re-margins 100,000 accounts, and most callers read a few of them or none. Immutable: the engine hands over arrays
 * it never writes again, so {@link EventOutcome} keeps this list as it is instead of copying it.
 */
public final class ImmutableMargins extends AbstractList<AccountMargin> implements RandomAccess {

  private final String[] ids;
  private final AccountHealth[] health;
  private final long snapshotVersion;
  private final boolean[] degraded;
  private final int size;

  private ImmutableMargins(String[] ids, AccountHealth[] health, long snapshotVersion, boolean[] degraded,
      int size) {
    this.ids = ids;
    this.health = health;
    this.snapshotVersion = snapshotVersion;
    this.degraded = degraded;
    this.size = size;
  }

  /**
   * The margins of accounts margined on one snapshot. The arrays are taken over, not copied: the caller must never
   * write them again.
   *
   * @param ids  the accounts' ids, in order
   * @param health  their health, non-null
   * @param snapshotVersion  the snapshot's version
   * @param degraded  whether each is exposed to a degraded price
   * @return the list
   */
  public static List<AccountMargin> of(String[] ids, AccountHealth[] health, long snapshotVersion,
      boolean[] degraded) {
    if (ids.length != health.length || ids.length != degraded.length) {
      throw new IllegalArgumentException("arrays of different lengths");
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null || health[i] == null) {
        throw new NullPointerException("margins[" + i + "]");
      }
    }
    return new ImmutableMargins(ids, health, snapshotVersion, degraded, ids.length);
  }

  @Override
  public AccountMargin get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return new AccountMargin(ids[index], health[index], snapshotVersion, degraded[index]);
  }

  @Override
  public int size() {
    return size;
  }
}
