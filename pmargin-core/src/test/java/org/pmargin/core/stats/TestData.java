package org.pmargin.core.stats;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded generators shared by the statistics tests. */
final class TestData {

  private TestData() {
  }

  static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
  }

  /** k aligned Gaussian series of n returns with daily vol sigma, pairwise correlated through a common factor. */
  static double[][] correlatedReturns(long seed, int k, int n, double sigma) {
    RandomGenerator g = rng(seed);
    double[][] r = new double[k][n];
    for (int t = 0; t < n; t++) {
      double common = g.nextGaussian();
      for (int i = 0; i < k; i++) {
        r[i][t] = sigma * (0.6 * common + 0.8 * g.nextGaussian());
      }
    }
    return r;
  }
}
