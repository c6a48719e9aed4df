package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernel against the scalar reference, option by option, over seeded random batches (see
 * {@link RandomBatches}): 10 seeds × about 10,000 options, batch sizes chosen so the masked last vector has every
 * possible length.
 *
 * <p>The tolerance is {@code 1e-12·|reference| + 1e-15·scale}, the scale being F·D for price (ten ulps of the
 * discounted forward: far out of the money the Black-76 formula subtracts two numbers much larger than the price, so
 * the reference itself is no more accurate than that) and each Greek's natural size for the Greeks (D for delta,
 * D/(F·σ√T) for gamma, D·F·√T for vega).
 */
class VectorKernelAccuracyTest {

  private static final double REL_TOL = 1e-12;
  private static final double SCALE_TOL = 1e-15;
  private static final int SEEDS = 10;
  private static final int BASE_SIZE = 10_000;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, SEEDS).map(i -> 2026_1206L * i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldMatchTheScalarReference(long seed) {
    int size = BASE_SIZE + (int) (seed % 13); // 10,000 to 10,012: every tail length for 8 (and 4) lanes
    Black76Batch batch = RandomBatches.batch(seed, size);
    assertAgrees(batch, "seed " + seed);
  }

  @Test
  void shouldMatchTheScalarReferenceForEveryBatchSizeUpToFourVectors() {
    int lanes = VectorBlack76Kernel.lanes();
    IntStream.rangeClosed(0, 4 * lanes + 1)
        .forEach(size -> assertAgrees(RandomBatches.batch(77L + size, size), "size " + size));
  }

  @Test
  void shouldMatchTheScalarReferenceAtTheEdgesOfTheValidatedRange() {
    double m = Math.exp(50);
    double[][] forwardStrike = {{1e100, 1e-100}, {1e-100, 1e100}, {1e-100, 1e-100}, {1e100, 1e100},
        {100, 100 / m}, {100, 100 * m}, {100, 100 * (1 + 1e-9)}, {100, 100}, {100, 100 * (1 - 1e-9)}};
    double[] totalVol = {1.0001e-12, 1e-6, 0.2, 5, 30.3, 99.99};
    double[] expiry = {1.0 / 365 / 24 / 60, 1, 30};
    int n = forwardStrike.length * totalVol.length * expiry.length * 2;
    double[] f = new double[n];
    double[] k = new double[n];
    double[] t = new double[n];
    double[] v = new double[n];
    double[] d = new double[n];
    double[] s = new double[n];
    int i = 0;
    for (double[] fk : forwardStrike) {
      for (double sd : totalVol) {
        for (double years : expiry) {
          for (double sign : new double[] {1, -1}) {
            f[i] = fk[0];
            k[i] = fk[1];
            t[i] = years;
            v[i] = sd / Math.sqrt(years);
            d[i] = 0.97;
            s[i] = sign;
            i++;
          }
        }
      }
    }
    assertAgrees(Black76Batch.of(f, k, t, v, d, s), "edge cases");
  }

  @Test
  void shouldGiveTheSamePriceWithAndWithoutGreeks() {
    Black76Batch batch = RandomBatches.batch(99L, 1003);
    double[] alone = new double[1003];
    double[] withGreeks = new double[1003];
    VectorBlack76Kernel.INSTANCE.price(batch, alone);
    VectorBlack76Kernel.INSTANCE.priceGreeks(batch, withGreeks, new double[1003], new double[1003], new double[1003]);
    assertThat(withGreeks).isEqualTo(alone);
  }

  @Test
  void shouldLeaveOutputEntriesPastTheBatchAlone() {
    Black76Batch batch = RandomBatches.batch(5L, 11);
    double[] price = new double[20];
    Arrays.fill(price, -7.0);
    VectorBlack76Kernel.INSTANCE.price(batch, price);
    assertThat(Arrays.copyOfRange(price, 11, 20)).containsOnly(-7.0);
    assertThat(Arrays.copyOfRange(price, 0, 11)).doesNotContain(-7.0);
  }

  //-------------------------------------------------------------------------
  private static void assertAgrees(Black76Batch batch, String what) {
    int n = batch.size();
    double[][] scalar = new double[4][n];
    double[][] vector = new double[4][n];
    ScalarBlack76Kernel.INSTANCE.priceGreeks(batch, scalar[0], scalar[1], scalar[2], scalar[3]);
    VectorBlack76Kernel.INSTANCE.priceGreeks(batch, vector[0], vector[1], vector[2], vector[3]);
    double[] priceOnly = new double[n];
    ScalarBlack76Kernel.INSTANCE.price(batch, priceOnly);
    assertThat(priceOnly).as("%s: scalar price alone and with Greeks", what).isEqualTo(scalar[0]);
    String[] names = {"price", "delta", "gamma", "vega"};
    for (int i = 0; i < n; i++) {
      double f = batch.forward(i);
      double d = batch.discount(i);
      double sqrtT = Math.sqrt(batch.expiryYears(i));
      double[] scale = {f * d, d, d / (f * batch.vol(i) * sqrtT), d * f * sqrtT};
      for (int g = 0; g < 4; g++) {
        double ref = scalar[g][i];
        double tol = REL_TOL * Math.abs(ref) + SCALE_TOL * scale[g];
        assertThat(vector[g][i]).as("%s, option %d (F=%s K=%s T=%s vol=%s D=%s sign=%s): %s", what, i, f,
            batch.strike(i), batch.expiryYears(i), batch.vol(i), d, batch.sign(i), names[g])
            .isFinite()
            .isBetween(ref - tol, ref + tol);
      }
    }
  }
}
