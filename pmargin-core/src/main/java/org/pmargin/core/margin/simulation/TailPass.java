package org.pmargin.core.margin.simulation;

import org.pmargin.core.risk.TailRisk;

/**
 * The Expected Shortfall of many pools in one pass over the scenarios, figures only, with the tail found while the
 * P&L is summed: nothing of size n is stored per pool.
 *
 * <ol>
 *   <li><b>Sample.</b> Scenarios are taken in blocks of {@value #BLOCK}; the first {@value #TILE} of each block
 *       (an eighth of the set, spread over all of it) are summed for every pool, and a threshold is read off them a
 *       little past the sample's share of the tail.</li>
 *   <li><b>Candidates.</b> Block by block, every pool's remaining scenarios are summed and those at or below its
 *       threshold kept ({@link ScenarioKernel#sumBelow}); all pools sweep the same block before the next, so each
 *       per-unit vector's block is read from cache by every pool that holds it.</li>
 *   <li><b>Select.</b> If at least m = ⌈n(1 − α)⌉ scenarios qualified, the m worst are certainly among them: they
 *       are selected exactly among the few hundred candidates (lower P&L first, ties in scenario order, as
 *       {@link TailRisk} ranks) and summed in scenario order. Otherwise (a sample that misjudged the tail) the pool's
 *       whole vector is summed and {@link TailRisk} selects, as the reference does.</li>
 * </ol>
 *
 * <p>The candidates' P&L are the kernel's sums, which are the reference's bit for bit, and the tail is the same set
 * summed in the same order, so every ES equals {@code TailRisk.expectedShortfall(total, TailRisk.tailSet(total, α))}
 * of the pool's full vector bit for bit, whatever the threshold.
 *
 * <p>Not thread-safe by instance; instances are per thread ({@link #get()}) and reuse their arrays.
 */
final class TailPass {

  /** Scenarios of a sample tile. */
  static final int TILE = 32;

  /** Scenarios per block: one sample tile and seven others. */
  static final int BLOCK = 8 * TILE;

  private static final ThreadLocal<TailPass> PASSES = ThreadLocal.withInitial(TailPass::new);

  private double[][] samples = new double[0][];
  private int[][] index = new int[0][];
  private double[][] value = new double[0][];
  private int[] found = new int[0];
  private double[] threshold = new double[0];
  private double[] work = new double[0];
  private long[] keys = new long[0];

  /** The calling thread's pass. */
  static TailPass get() {
    return PASSES.get();
  }

  /** Whether the pass applies: large sets with a tail of at most an eighth (else the caller sums and selects). */
  static boolean applies(int n, double confidence) {
    return n >= 2 * BLOCK && TailRisk.tailSize(n, confidence) * 8 <= n;
  }

  /**
   * The ES of every pool.
   *
   * @param kernel  the arithmetic
   * @param weights  per pool, the exposures' weights
   * @param units  per pool, the exposures' per-unit vectors
   * @param counts  per pool, how many exposures (at least 1)
   * @param pools  how many pools
   * @param n  scenarios
   * @param confidence  α
   * @param es  receives each pool's ES (≥ 0)
   */
  void expectedShortfalls(ScenarioKernel kernel, double[][] weights, double[][][] units, int[] counts, int pools,
      int n, double confidence, double[] es) {
    int m = TailRisk.tailSize(n, confidence);
    int blocks = (n + BLOCK - 1) / BLOCK;
    int sampleSize = 0;
    for (int b = 0; b < blocks; b++) {
      sampleSize += Math.min(TILE, n - b * BLOCK);
    }
    ensure(pools, sampleSize, n);
    for (int b = 0; b < blocks; b++) {
      int from = b * BLOCK;
      int to = Math.min(n, from + TILE);
      for (int p = 0; p < pools; p++) {
        kernel.sum(weights[p], units[p], counts[p], from, to, samples[p], b * TILE);
      }
    }
    // The rank past the sample's share of the tail: the sample's expected count plus half, plus 8.
    long expected = ((long) m * sampleSize + n - 1) / n;
    int r = (int) Math.min(sampleSize - 1, expected + (expected + 1) / 2 + 8);
    for (int p = 0; p < pools; p++) {
      threshold[p] = value(kthKey(samples[p], sampleSize, r));
      found[p] = 0;
    }
    for (int b = 0; b < blocks; b++) {
      int from = b * BLOCK;
      int tile = Math.min(n, from + TILE);
      int to = Math.min(n, from + BLOCK);
      for (int p = 0; p < pools; p++) {
        int f = found[p];
        if (index[p].length < f + (to - from) + ScenarioKernel.SLACK) {
          grow(p, f + (to - from) + ScenarioKernel.SLACK);
        }
        f = kernel.below(samples[p], b * TILE, tile - from, from, threshold[p], index[p], value[p], f);
        if (tile < to) {
          f = kernel.sumBelow(weights[p], units[p], counts[p], tile, to, threshold[p], index[p], value[p], f);
        }
        found[p] = f;
      }
    }
    for (int p = 0; p < pools; p++) {
      if (found[p] >= m) {
        es[p] = select(index[p], value[p], found[p], m);
      } else {
        kernel.sum(weights[p], units[p], counts[p], 0, n, work, 0);
        double[] total = java.util.Arrays.copyOf(work, n);
        es[p] = TailRisk.expectedShortfall(total, TailRisk.tailSet(total, confidence));
      }
    }
  }

  /**
   * The ES of the m worst candidates: the m smallest by (P&L, scenario), summed in scenario order (the candidates
   * are in scenario order), exactly as {@link TailRisk} sums its tail.
   */
  private double select(int[] idx, double[] val, int count, int m) {
    long kth = kthKey(val, count, m - 1);
    int less = 0;
    for (int i = 0; i < count; i++) {
      less += key(val[i]) < kth ? 1 : 0;
    }
    int ties = m - less;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      long k = key(val[i]);
      if (k < kth) {
        sum += val[i];
      } else if (k == kth && ties > 0) {
        sum += val[i];
        ties--;
      }
    }
    return Math.max(0, -sum / m);
  }

  /**
   * The {@link #key} of the r-th smallest (0-based) of the first {@code count} values, not reordering them: the values' range is cut into
   * {@value #BUCKETS} equal buckets, only the bucket holding rank r is kept (a lower bucket's values are all
   * smaller), and so on until a few values are left, which a quickselect on their keys ranks.
   */
  private long kthKey(double[] val, int count, int r) {
    if (keys.length < count) {
      keys = new long[Math.max(count, 2 * keys.length)];
    }
    if (play.length < count) {
      play = new int[Math.max(count, 2 * play.length)];
      bucket = new int[play.length];
    }
    int[] in = play;
    for (int i = 0; i < count; i++) {
      in[i] = i;
    }
    int size = count;
    int[] counts = this.counts;
    while (size > 32) {
      double lo = val[in[0]];
      double hi = lo;
      for (int i = 1; i < size; i++) {
        double v = val[in[i]];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double scale = BUCKETS / (hi - lo);
      if (!(hi > lo) || !Double.isFinite(scale)) {
        break; // all equal (ties, or both zeros): the keys rank them
      }
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < size; i++) {
        int b = Math.min(BUCKETS - 1, (int) ((val[in[i]] - lo) * scale));
        bucket[i] = b;
        counts[b]++;
      }
      int b = 0;
      while (r >= counts[b]) {
        r -= counts[b++];
      }
      int kept = 0;
      for (int i = 0; i < size; i++) {
        in[kept] = in[i];
        kept += bucket[i] == b ? 1 : 0;
      }
      if (kept == size) {
        break; // no progress (a range too wide for doubles): the keys rank them
      }
      size = kept;
    }
    for (int i = 0; i < size; i++) {
      keys[i] = key(val[in[i]]);
    }
    return nthKey(keys, size, r);
  }

  private static final int BUCKETS = 64;
  private int[] play = new int[0];
  private int[] bucket = new int[0];
  private final int[] counts = new int[BUCKETS];

  /** The double of a {@link #key}. */
  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7fffffffffffffffL));
  }

  /** A long ordered as {@link Double#compare} orders finite doubles (−0.0 before 0.0). */
  static long key(double v) {
    long b = Double.doubleToRawLongBits(v);
    return b ^ ((b >> 63) & 0x7fffffffffffffffL);
  }

  private void ensure(int pools, int sampleSize, int n) {
    if (samples.length < pools) {
      int size = Math.max(pools, 2 * samples.length);
      samples = java.util.Arrays.copyOf(samples, size);
      index = java.util.Arrays.copyOf(index, size);
      value = java.util.Arrays.copyOf(value, size);
      found = new int[size];
      threshold = new double[size];
    }
    for (int p = 0; p < pools; p++) {
      if (samples[p] == null || samples[p].length < sampleSize) {
        samples[p] = new double[sampleSize];
      }
      if (index[p] == null) {
        index[p] = new int[1024];
        value[p] = new double[1024];
      }
    }
    if (work.length < n) {
      work = new double[n];
    }
  }

  private void grow(int p, int size) {
    int next = Math.max(size, 2 * index[p].length);
    index[p] = java.util.Arrays.copyOf(index[p], next);
    value[p] = java.util.Arrays.copyOf(value[p], next);
  }

  /** The r-th smallest key (0-based) of the first {@code length}, which it reorders. */
  private static long nthKey(long[] a, int length, int r) {
    int lo = 0;
    int hi = length - 1;
    while (lo < hi) {
      long pivot = a[(lo + hi) >>> 1];
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
          long t = a[i];
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
}
