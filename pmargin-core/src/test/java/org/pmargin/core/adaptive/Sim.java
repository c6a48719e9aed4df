package org.pmargin.core.adaptive;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded simulated paths for the adaptive tests. */
final class Sim {

  private Sim() {
  }

  static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
  }

  /** A GJR-GARCH(1,1) path with Gaussian innovations, started at the long-run variance. */
  static double[] garchPath(GarchParameters p, int n, long seed) {
    RandomGenerator g = rng(seed);
    double[] r = new double[n];
    double v = p.longRunVariance();
    for (int t = 0; t < n; t++) {
      r[t] = Math.sqrt(v) * g.nextGaussian();
      v = p.next(r[t], v);
    }
    return r;
  }
}
