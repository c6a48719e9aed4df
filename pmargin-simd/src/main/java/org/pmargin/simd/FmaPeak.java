package org.pmargin.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A loop of independent fused multiply-adds on the widest double vectors, to measure this machine's FMA peak in the
 * same run as a kernel, so a kernel's rate can be stated as a fraction of it. Sixteen accumulators cover the FMA
 * latency on current x86 and ARM cores; the inputs keep the values bounded (a·0.999… + c).
 */
public final class FmaPeak {

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  /** Multiply-adds per round: sixteen vectors of {@link #lanes()} doubles. */
  public static final int PER_ROUND = 16;

  private FmaPeak() {
  }

  /** Doubles per vector. */
  public static int lanes() {
    return D.length();
  }

  /**
   * Runs {@code rounds} rounds of {@value #PER_ROUND} vector FMAs ({@code rounds · PER_ROUND · lanes()}
   * multiply-adds).
   *
   * @return a value depending on every lane (for the benchmark to consume)
   */
  public static double run(long rounds, double b, double c) {
    DoubleVector vb = DoubleVector.broadcast(D, b);
    DoubleVector vc = DoubleVector.broadcast(D, c);
    DoubleVector a0 = DoubleVector.broadcast(D, 1.0);
    DoubleVector a1 = a0.add(1);
    DoubleVector a2 = a0.add(2);
    DoubleVector a3 = a0.add(3);
    DoubleVector a4 = a0.add(4);
    DoubleVector a5 = a0.add(5);
    DoubleVector a6 = a0.add(6);
    DoubleVector a7 = a0.add(7);
    DoubleVector a8 = a0.add(8);
    DoubleVector a9 = a0.add(9);
    DoubleVector a10 = a0.add(10);
    DoubleVector a11 = a0.add(11);
    DoubleVector a12 = a0.add(12);
    DoubleVector a13 = a0.add(13);
    DoubleVector a14 = a0.add(14);
    DoubleVector a15 = a0.add(15);
    for (long r = 0; r < rounds; r++) {
      a0 = a0.fma(vb, vc);
      a1 = a1.fma(vb, vc);
      a2 = a2.fma(vb, vc);
      a3 = a3.fma(vb, vc);
      a4 = a4.fma(vb, vc);
      a5 = a5.fma(vb, vc);
      a6 = a6.fma(vb, vc);
      a7 = a7.fma(vb, vc);
      a8 = a8.fma(vb, vc);
      a9 = a9.fma(vb, vc);
      a10 = a10.fma(vb, vc);
      a11 = a11.fma(vb, vc);
      a12 = a12.fma(vb, vc);
      a13 = a13.fma(vb, vc);
      a14 = a14.fma(vb, vc);
      a15 = a15.fma(vb, vc);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
        .add(a12).add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
