package org.pmargin.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.pmargin.core.margin.simulation.ScenarioKernel;

/**
 * The simulation margin's {@link ScenarioKernel} on the Vector API: a tile of four vectors of scenarios (32 on an
 * AVX-512 machine) is summed over all of a pool's exposures in registers, then stored, or compared with the tail's
 * threshold and the candidates compressed into the output arrays, without storing the tile. Multiplies and adds are
 * separate lanewise operations in the order {@link ScenarioKernel} defines, so the sums are {@link
 * org.pmargin.core.margin.simulation.ScalarScenarioKernel}'s bit for bit (tested).
 *
 * <p>Registered as a {@link java.util.ServiceLoader} service; it loads only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. Stateless and thread-safe.
 */
public final class VectorScenarioKernel implements ScenarioKernel {

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(
      VectorShape.forBitSize(L * Integer.SIZE));
  /** Scenarios summed before they are filtered (in the caller's slack and free room, so in L1). */
  private static final int RUN = 256;
  private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

  /** The kernel (public for {@link java.util.ServiceLoader}). */
  public VectorScenarioKernel() {
  }

  @Override
  public String name() {
    return "vector-" + L + "x64";
  }

  @Override
  public void sum(double[] weights, double[][] units, int count, int from, int to, double[] out, int offset) {
    int s = from;
    for (; s + 4 * L <= to; s += 4 * L) {
      tile4(weights, units, count, s, out, offset + s - from);
    }
    for (; s < to; s++) {
      out[offset + s - from] = scalar(weights, units, count, s);
    }
  }

  /** Four vectors of scenarios from s, summed over every exposure in registers, stored at o. */
  private static void tile4(double[] weights, double[][] units, int count, int s, double[] out, int o) {
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    DoubleVector a2 = DoubleVector.zero(D);
    DoubleVector a3 = DoubleVector.zero(D);
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
      a0 = a0.add(group(w0, u0, w1, u1, w2, u2, w3, u3, s));
      a1 = a1.add(group(w0, u0, w1, u1, w2, u2, w3, u3, s + L));
      a2 = a2.add(group(w0, u0, w1, u1, w2, u2, w3, u3, s + 2 * L));
      a3 = a3.add(group(w0, u0, w1, u1, w2, u2, w3, u3, s + 3 * L));
    }
    for (; k < count; k++) {
      double w = weights[k];
      double[] u = units[k];
      a0 = a0.add(DoubleVector.fromArray(D, u, s).mul(w));
      a1 = a1.add(DoubleVector.fromArray(D, u, s + L).mul(w));
      a2 = a2.add(DoubleVector.fromArray(D, u, s + 2 * L).mul(w));
      a3 = a3.add(DoubleVector.fromArray(D, u, s + 3 * L).mul(w));
    }
    a0.intoArray(out, o);
    a1.intoArray(out, o + L);
    a2.intoArray(out, o + 2 * L);
    a3.intoArray(out, o + 3 * L);
  }

  @Override
  public int sumBelow(double[] weights, double[][] units, int count, int from, int to, double threshold,
      int[] index, double[] value, int found) {
    // Each run of scenarios is summed into the candidates' own free room, then filtered in place: a kept value is
    // written at or before the slot it was read from, so nothing unread is overwritten.
    for (int a = from; a < to; a += RUN) {
      int b = Math.min(to, a + RUN);
      sum(weights, units, count, a, b, value, found);
      found = below(value, found, b - a, a, threshold, index, value, found);
    }
    return found;
  }

  @Override
  public int below(double[] values, int offset, int length, int first, double threshold, int[] index,
      double[] value, int found) {
    int i = 0;
    for (; i + L <= length; i += L) {
      DoubleVector v = DoubleVector.fromArray(D, values, offset + i);
      VectorMask<Double> m = v.compare(VectorOperators.LE, threshold);
      v.compress(m).intoArray(value, found);
      IOTA.add(first + i).compress(m.cast(I)).intoArray(index, found);
      found += m.trueCount();
    }
    for (; i < length; i++) {
      double v = values[offset + i];
      index[found] = first + i;
      value[found] = v;
      found += v <= threshold ? 1 : 0;
    }
    return found;
  }

  /** (((w0·u0 + w1·u1) + w2·u2) + w3·u3) over one vector of scenarios. */
  private static DoubleVector group(double w0, double[] u0, double w1, double[] u1, double w2, double[] u2,
      double w3, double[] u3, int s) {
    return DoubleVector.fromArray(D, u0, s).mul(w0)
        .add(DoubleVector.fromArray(D, u1, s).mul(w1))
        .add(DoubleVector.fromArray(D, u2, s).mul(w2))
        .add(DoubleVector.fromArray(D, u3, s).mul(w3));
  }

  /** One scenario's sum, in the defined order. */
  private static double scalar(double[] weights, double[][] units, int count, int s) {
    double t = 0.0;
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      t += weights[k] * units[k][s] + weights[k + 1] * units[k + 1][s] + weights[k + 2] * units[k + 2][s]
          + weights[k + 3] * units[k + 3][s];
    }
    for (; k < count; k++) {
      t += weights[k] * units[k][s];
    }
    return t;
  }
}
