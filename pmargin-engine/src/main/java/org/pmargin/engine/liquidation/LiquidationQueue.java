package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The engine's liquidation candidates, ordered worst first: by margin ratio (maintenance margin / equity, the
 * largest first; a bankrupt account's is the largest double), ties by account index. Only candidates are held (an
 * account liquidatable or bankrupt and not parked), so after a tick that liquidates nobody the check is
 * {@link #isEmpty()}, O(1), and keeping the queue costs one hash look-up per account re-margined.
 *
 * <p>Not thread-safe: the engine updates it under its write lock, when it commits an account's new margin.
 */
public final class LiquidationQueue {

  private record Entry(double ratio, int index) {
  }

  private static final Comparator<Entry> WORST_FIRST = Comparator.comparingDouble(Entry::ratio).reversed()
      .thenComparingInt(Entry::index);

  private final TreeSet<Entry> ordered = new TreeSet<>(WORST_FIRST);
  private final Map<Integer, Entry> byIndex = new HashMap<>();

  /**
   * Records an account's new margin.
   *
   * @param index  the account's index in the engine
   * @param ratio  its margin ratio
   * @param candidate  whether it is to be liquidated (liquidatable or bankrupt, and not parked)
   */
  public void update(int index, double ratio, boolean candidate) {
    Entry old = byIndex.get(index);
    if (!candidate) {
      if (old != null) {
        ordered.remove(old);
        byIndex.remove(index);
      }
      return;
    }
    if (old != null) {
      if (old.ratio() == ratio) {
        return;
      }
      ordered.remove(old);
    }
    Entry e = new Entry(ratio, index);
    ordered.add(e);
    byIndex.put(index, e);
  }

  /** Whether no account is to be liquidated. */
  public boolean isEmpty() {
    return byIndex.isEmpty();
  }

  /** How many accounts are to be liquidated. */
  public int size() {
    return byIndex.size();
  }

  /** Whether the account at this index is a candidate. */
  public boolean contains(int index) {
    return byIndex.containsKey(index);
  }

  /** The margin ratio a candidate is queued with. */
  public double ratio(int index) {
    Entry e = byIndex.get(index);
    if (e == null) {
      throw new IllegalArgumentException("account index " + index + " is not a candidate");
    }
    return e.ratio();
  }

  /** The candidates' indices, worst first. */
  public List<Integer> candidates() {
    List<Integer> out = new ArrayList<>(ordered.size());
    for (Entry e : ordered) {
      out.add(e.index());
    }
    return out;
  }
}
