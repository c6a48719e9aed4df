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
    Integer[] order = new Integer[pnl.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(pnl[a], pnl[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** VaR at confidence α, ≥ 0. */
  public static double valueAtRisk(double[] pnl, double confidence) {
    int[] tail = tailIndices(pnl, confidence);
    return Math.max(0, -pnl[tail[tail.length - 1]]);
  }

  /** ES at confidence α, ≥ 0. */
  public static double expectedShortfall(double[] pnl, double confidence) {
    int[] tail = tailIndices(pnl, confidence);
    double sum = 0;
    for (int i : tail) {
      sum += pnl[i];
    }
    return Math.max(0, -sum / tail.length);
  }
}
