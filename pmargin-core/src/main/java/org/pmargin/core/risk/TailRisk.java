package org.pmargin.core.risk;

import java.util.Arrays;
import org.pmargin.core.validation.Checks;

/**
 * Value at Risk and Expected Shortfall of a P&L vector (one P&L per equally likely scenario), as positive losses.
 *
 * <p>Discrete definitions, with n scenarios and confidence α: the tail is the m = ⌈n·(1 − α)⌉ worst scenarios;
 * VaR is minus the largest P&L inside the tail (the m-th worst), ES is minus the mean P&L of the tail. Both are
 * floored at zero (a book that gains in every tail scenario needs no margin from them). ES ≥ VaR always.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class TailRisk {

  private TailRisk() {
  }

  /** The number of tail scenarios, ⌈n·(1 − α)⌉, at least 1. */
  public static int tailSize(int n, double confidence) {
    Checks.require(confidence > 0 && confidence < 1, "confidence", "must be in (0, 1), got " + confidence);
    Checks.require(n >= 1, "scenarios", "must be at least 1, got " + n);
    return Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
  }

  /**
   * The indices of the tail scenarios, worst first (ties in scenario order).
   *
   * @param pnl  P&L per scenario
   * @param confidence  α
   * @return the m worst scenarios' indices
   */
  public static int[] tailIndices(double[] pnl, double confidence) {
    int m = tailSize(pnl.length, confidence);
    int[] order = new int[pnl.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Quickselect the m worst to the front (O(n)), then sort only those: a full sort of 10,000 scenarios per
    // account would cost more than building its P&L vector.
    int lo = 0;
    int hi = order.length - 1;
    while (lo < hi) {
      int p = partition(pnl, order, lo, hi);
      if (p == m - 1) {
        break;
      } else if (p < m - 1) {
        lo = p + 1;
      } else {
        hi = p - 1;
      }
    }
    int[] out = Arrays.copyOf(order, m);
    sort(pnl, out);
    return out;
  }

  /** Whether scenario a ranks before b: lower P&L first, ties in scenario order (a strict total order). */
  private static boolean before(double[] pnl, int a, int b) {
    int c = Double.compare(pnl[a], pnl[b]);
    return c < 0 || (c == 0 && a < b);
  }

  /** Lomuto partition around the median of three, deterministic. */
  private static int partition(double[] pnl, int[] order, int lo, int hi) {
    int mid = (lo + hi) >>> 1;
    if (before(pnl, order[mid], order[lo])) {
      swap(order, mid, lo);
    }
    if (before(pnl, order[hi], order[lo])) {
      swap(order, hi, lo);
    }
    if (before(pnl, order[mid], order[hi])) {
      swap(order, mid, hi);
    }
    int pivot = order[hi];
    int store = lo;
    for (int i = lo; i < hi; i++) {
      if (before(pnl, order[i], pivot)) {
        swap(order, i, store++);
      }
    }
    swap(order, store, hi);
    return store;
  }

  /** Stable bottom-up merge sort of scenario indices by rank, O(m log m). */
  private static void sort(double[] pnl, int[] idx) {
    int[] src = idx;
    int[] dst = new int[idx.length];
    for (int width = 1; width < idx.length; width *= 2) {
      for (int lo = 0; lo < idx.length; lo += 2 * width) {
        int mid = Math.min(lo + width, idx.length);
        int hi = Math.min(lo + 2 * width, idx.length);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          dst[k] = i < mid && (j >= hi || !before(pnl, src[j], src[i])) ? src[i++] : src[j++];
        }
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != idx) {
      System.arraycopy(src, 0, idx, 0, idx.length);
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** VaR at confidence α, ≥ 0. */
  public static double valueAtRisk(double[] pnl, double confidence) {
    int[] tail = tailIndices(pnl, confidence);
    return Math.max(0, -pnl[tail[tail.length - 1]]);
  }

  /** ES at confidence α, ≥ 0. */
  public static double expectedShortfall(double[] pnl, double confidence) {
    return expectedShortfall(pnl, tailIndices(pnl, confidence));
  }

  /** ES over tail indices already selected by {@link #tailIndices}, ≥ 0. */
  public static double expectedShortfall(double[] pnl, int[] tail) {
    double sum = 0;
    for (int i : tail) {
      sum += pnl[i];
    }
    return Math.max(0, -sum / tail.length);
  }
}
