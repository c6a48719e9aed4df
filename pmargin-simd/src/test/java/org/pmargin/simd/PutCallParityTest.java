package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Put-call parity, call − put = D·(F − K), and the no-arbitrage bounds, for both kernels over a seeded random batch
 * with every option priced as a call and as a put.
 */
class PutCallParityTest {

  /** Parity holds to rounding: a few ulps of D·max(F, K). */
  private static final double PARITY_TOL = 1e-13;
  private static final int SIZE = 5001;

  static Stream<Black76Kernel> kernels() {
    return Stream.of(ScalarBlack76Kernel.INSTANCE, VectorBlack76Kernel.INSTANCE);
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void shouldSatisfyPutCallParityAndTheBounds(Black76Kernel kernel) {
    Black76Batch mixed = RandomBatches.batch(4242L, SIZE);
    double[] f = new double[SIZE];
    double[] k = new double[SIZE];
    double[] t = new double[SIZE];
    double[] v = new double[SIZE];
    double[] d = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      f[i] = mixed.forward(i);
      k[i] = mixed.strike(i);
      t[i] = mixed.expiryYears(i);
      v[i] = mixed.vol(i);
      d[i] = mixed.discount(i);
    }
    double[] ones = new double[SIZE];
    Arrays.fill(ones, 1.0);
    double[] minusOnes = new double[SIZE];
    Arrays.fill(minusOnes, -1.0);
    double[] call = new double[SIZE];
    double[] put = new double[SIZE];
    kernel.price(Black76Batch.of(f, k, t, v, d, ones), call);
    kernel.price(Black76Batch.of(f, k, t, v, d, minusOnes), put);
    for (int i = 0; i < SIZE; i++) {
      double scale = d[i] * Math.max(f[i], k[i]);
      assertThat(call[i] - put[i]).as("parity, option %d", i).isCloseTo(d[i] * (f[i] - k[i]),
          within(PARITY_TOL * scale));
      // D·max(F − K, 0) ≤ call ≤ D·F and D·max(K − F, 0) ≤ put ≤ D·K, to rounding: far out of the money the
      // formula cancels and a price of zero can come out as a tiny negative number (-6e-317 in this batch)
      assertThat(call[i]).isBetween(d[i] * Math.max(f[i] - k[i], 0) - PARITY_TOL * scale,
          d[i] * f[i] + PARITY_TOL * scale);
      assertThat(put[i]).isBetween(d[i] * Math.max(k[i] - f[i], 0) - PARITY_TOL * scale,
          d[i] * k[i] + PARITY_TOL * scale);
    }
  }
}
