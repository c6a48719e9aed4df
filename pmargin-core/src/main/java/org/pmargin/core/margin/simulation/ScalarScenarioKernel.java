package org.pmargin.core.margin.simulation;

/**
 * The reference {@link ScenarioKernel}: plain Java loops (the JIT vectorises the four-exposure pass), the order of
 * operations the interface defines. Used when the Vector API is not available, and by the tests as the figures every
 * other kernel must reproduce bit for bit.
 *
 * <p>Immutable and thread-safe; per-thread work arrays of {@value #BLOCK} scenarios are reused.
 */
public final class ScalarScenarioKernel implements ScenarioKernel {

  /** The instance. */
  public static final ScalarScenarioKernel INSTANCE = new ScalarScenarioKernel();

  private static final int BLOCK = 256;
  private static final ThreadLocal<double[]> WORK = ThreadLocal.withInitial(() -> new double[BLOCK]);

  private ScalarScenarioKernel() {
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void sum(double[] weights, double[][] units, int count, int from, int to, double[] out, int offset) {
    java.util.Arrays.fill(out, offset, offset + (to - from), 0.0);
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      double w0 = weights[k];
      double w1 = weights[k + 1];
      double w2 = weights[k + 2];
      double w3 = weights[k + 3];
      double[] u0 = units[k];
      double[] u1 = units[k + 1];
      double[] u2 = units[k + 2];
      double[] u3 = units[k + 3];
      for (int s = from; s < to; s++) {
        out[offset + s - from] += w0 * u0[s] + w1 * u1[s] + w2 * u2[s] + w3 * u3[s];
      }
    }
    for (; k < count; k++) {
      double w = weights[k];
      double[] u = units[k];
      for (int s = from; s < to; s++) {
        out[offset + s - from] += w * u[s];
      }
    }
  }

  @Override
  public int sumBelow(double[] weights, double[][] units, int count, int from, int to, double threshold,
      int[] index, double[] value, int found) {
    double[] work = WORK.get();
    for (int a = from; a < to; a += BLOCK) {
      int b = Math.min(to, a + BLOCK);
      sum(weights, units, count, a, b, work, 0);
      found = below(work, 0, b - a, a, threshold, index, value, found);
    }
    return found;
  }

  @Override
  public int below(double[] values, int offset, int length, int first, double threshold, int[] index,
      double[] value, int found) {
    for (int i = 0; i < length; i++) {
      double v = values[offset + i];
      index[found] = first + i;
      value[found] = v;
      found += v <= threshold ? 1 : 0; // branch-free: most scenarios are not candidates
    }
    return found;
  }
}
