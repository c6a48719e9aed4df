package org.pmargin.core.margin.simulation;

/**
 * The arithmetic of the simulation margin's hot loop: a pool's scenario P&L as the sum of weight × per-unit vector
 * over its exposures, for a range of scenarios, optionally keeping only the scenarios at or below a threshold (the
 * candidates of the Expected Shortfall's tail, found in the same pass). The engine margins every account on every
 * price tick through it; {@link ScenarioKernels#preferred()} picks the fastest available (the Vector API kernel of
 * {@code pmargin-simd} when the JVM runs with {@code --add-modules jdk.incubator.vector}), {@link
 * ScalarScenarioKernel} is the reference.
 *
 * <p><b>The sum, bit for bit.</b> For scenario s, every implementation computes exactly (IEEE doubles, no fused
 * multiply-add, in this order) t = 0.0, then for each group of four exposures k..k+3 (while k + 4 ≤ count)
 * t = t + (((w[k]·u[k][s] + w[k+1]·u[k+1][s]) + w[k+2]·u[k+2][s]) + w[k+3]·u[k+3][s]), then for each remaining
 * exposure t = t + w[k]·u[k][s]: the order of the model's stand-alone margin, so its figures do not depend on the
 * kernel.
 *
 * <p>Implementations are stateless and thread-safe and allocate nothing. Candidate arrays must have room for
 * {@code found + (to − from) + }{@link #SLACK} entries (a vector store may write a whole vector past the last one).
 */
public interface ScenarioKernel {

  /** Entries a caller must leave free past the last possible candidate. */
  int SLACK = 64;

  /** A short name for reports ({@code scalar}, {@code vector-8x64}). */
  String name();

  /**
   * The sums of scenarios [from, to): {@code out[offset + s − from]} receives scenario s's P&L.
   *
   * @param weights  the exposures' weights
   * @param units  the exposures' per-unit vectors, at least {@code to} long
   * @param count  how many exposures (a prefix of both arrays)
   * @param from  the first scenario
   * @param to  one past the last
   * @param out  receives the sums
   * @param offset  where scenario {@code from} goes in {@code out}
   */
  void sum(double[] weights, double[][] units, int count, int from, int to, double[] out, int offset);

  /**
   * The sums of scenarios [from, to) that are at most a threshold, appended in scenario order: for each such s,
   * {@code index[found] = s}, {@code value[found] = } its P&L, {@code found++}.
   *
   * @param threshold  the largest P&L kept
   * @param found  how many candidates the arrays already hold
   * @return the new number of candidates
   */
  int sumBelow(double[] weights, double[][] units, int count, int from, int to, double threshold, int[] index,
      double[] value, int found);

  /**
   * The values of an array at most a threshold, appended as candidates: for i in [offset, offset + length) with
   * {@code values[i] <= threshold}, {@code index[found] = first + i − offset}, {@code value[found] = values[i]}.
   *
   * @return the new number of candidates
   */
  int below(double[] values, int offset, int length, int first, double threshold, int[] index, double[] value,
      int found);
}
