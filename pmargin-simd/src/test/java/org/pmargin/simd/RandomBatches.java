package org.pmargin.simd;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded random option batches for the kernel tests, spread wide on purpose: forwards from 0.01 to 10^6, strikes from
 * near the money to e^±8 away from it (deep in and out of the money), expiries from one hour to 30 years, vols from
 * 1 % to 500 %, rates from −5 % to 20 %, calls and puts at random. Every normal-distribution branch and both tails
 * are hit many times in every batch.
 */
final class RandomBatches {

  private RandomBatches() {
  }

  /**
   * A batch of random options.
   *
   * @param seed  the generator seed: the same seed gives the same batch
   * @param size  the number of options
   * @return the batch
   */
  static Black76Batch batch(long seed, int size) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] f = new double[size];
    double[] k = new double[size];
    double[] t = new double[size];
    double[] v = new double[size];
    double[] r = new double[size];
    double[] s = new double[size];
    for (int i = 0; i < size; i++) {
      f[i] = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(1e6)));
      double u = rng.nextDouble();
      double logMoneyness = u < 0.5 ? rng.nextDouble(-0.3, 0.3) : u < 0.8 ? rng.nextDouble(-3, 3)
          : rng.nextDouble(-8, 8);
      k[i] = f[i] * Math.exp(logMoneyness);
      t[i] = Math.exp(rng.nextDouble(Math.log(1.0 / 365 / 24), Math.log(30)));
      v[i] = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(5)));
      r[i] = rng.nextDouble(-0.05, 0.20);
      s[i] = rng.nextBoolean() ? 1 : -1;
    }
    return Black76Batch.ofRates(f, k, t, v, r, s);
  }
}
