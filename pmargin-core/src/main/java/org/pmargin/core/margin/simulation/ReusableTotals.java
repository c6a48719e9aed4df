package org.pmargin.core.margin.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Total P&L vectors of a batch, reused from batch to batch (zeroed before use): a tick would otherwise allocate
 * 80 KB per account for vectors that live a few microseconds. One per thread; not thread-safe.
 */
final class ReusableTotals {
  private final List<double[]> arrays = new ArrayList<>();
  private int used;

  /** Makes every array available again. */
  void reset() {
    used = 0;
  }

  /** The next zeroed array of length n. */
  double[] next(int n) {
    if (used == arrays.size() || arrays.get(used).length != n) {
      if (used == arrays.size()) {
        arrays.add(new double[n]);
      } else {
        arrays.set(used, new double[n]);
      }
    }
    double[] a = arrays.get(used++);
    Arrays.fill(a, 0.0);
    return a;
  }
}
