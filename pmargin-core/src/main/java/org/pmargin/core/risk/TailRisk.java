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
    int[] out = select(pnl, tailSize(pnl.length, confidence));
    sort(pnl, out);
    return out;
  }

  /**
   * The indices of the tail scenarios in scenario order: the same set as {@link #tailIndices}, without ranking it
   * (ES needs the set, not its order).
   *
   * @param pnl  P&L per scenario
   * @param confidence  α
   * @return the m worst scenarios' indices, ascending
   */
  public static int[] tailSet(double[] pnl, double confidence) {
    int[] out = select(pnl, tailSize(pnl.length, confidence));
    Arrays.sort(out);
    return out;
  }

  /** The m worst scenarios, in no particular order. */
  private static int[] select(double[] pnl, int m) {
    int[] candidates = pnl.length >= 4096 && m * 8 <= pnl.length ? candidates(pnl, m) : null;
    int[] order;
    int size;
    if (candidates != null) {
      order = candidates;
      size = candidates.length;
    } else {
      order = new int[pnl.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      size = order.length;
    }
    // Quickselect the m worst to the front (O(n)): a full sort of 10,000 scenarios per account would cost more
    // than building its P&L vector.
    int lo = 0;
    int hi = size - 1;
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
    return Arrays.copyOf(order, m);
  }

  /**
   * The scenarios whose P&L is at most a threshold read off a sample of every 8th scenario, set a little past the
   * sample's share of the tail: if at least m scenarios qualify, the m worst are certainly among them (the m-th
   * worst P&L is then at most the threshold), and selecting among a few hundred is much cheaper than among all.
   * Returns null when fewer than m qualify (the caller then selects among all; the answer is the same).
   */
  private static int[] candidates(double[] pnl, int m) {
    Scratch scratch = SCRATCH.get();
    int samples = pnl.length / 8;
    double[] sample = scratch.sample(samples);
    for (int i = 0; i < samples; i++) {
      sample[i] = pnl[i * 8];
    }
    int r = Math.min(samples - 1, (m + 7) / 8 + (m + 7) / 16 + 8);
    double threshold = nth(sample, samples, r);
    int[] found = scratch.indices(pnl.length);
    int count = 0;
    for (int i = 0; i < pnl.length; i++) {
      found[count] = i;
      count += pnl[i] <= threshold ? 1 : 0; // branch-free: most scenarios are not in the tail
    }
    return count < m ? null : Arrays.copyOf(found, count);
  }

  /** Per-thread work arrays of the candidate search, reused: ES runs once per account on every price tick. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    private double[] sample = new double[0];
    private int[] indices = new int[0];

    double[] sample(int n) {
      if (sample.length < n) {
        sample = new double[n];
      }
      return sample;
    }

    int[] indices(int n) {
      if (indices.length < n) {
        indices = new int[n];
      }
      return indices;
    }
  }

  /** The r-th smallest value (0-based) of the first {@code length} values of an array, which it reorders. */
  private static double nth(double[] a, int length, int r) {
    int lo = 0;
    int hi = length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
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
    return sum(pnl, tailSet(pnl, confidence));
  }

  /**
   * ES over tail indices already selected by {@link #tailIndices} or {@link #tailSet}, ≥ 0. The tail is summed in
   * scenario order whichever order it is given in, so every way of computing an ES gives the same number.
   */
  public static double expectedShortfall(double[] pnl, int[] tail) {
    for (int i = 1; i < tail.length; i++) {
      if (tail[i] < tail[i - 1]) {
        int[] ascending = tail.clone();
        Arrays.sort(ascending);
        return sum(pnl, ascending);
      }
    }
    return sum(pnl, tail); // already in scenario order (tailSet): the engine's path
  }

  private static double sum(double[] pnl, int[] tail) {
    double sum = 0;
    for (int i : tail) {
      sum += pnl[i];
    }
    return Math.max(0, -sum / tail.length);
  }
}
