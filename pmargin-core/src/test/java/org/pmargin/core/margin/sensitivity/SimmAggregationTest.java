package org.pmargin.core.margin.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks SIMM's aggregation on hand-worked numbers: two correlated factors, the inter-bucket step with its clamp,
 * the residual bucket added in full, curvature's λ and θ; and, on seeded random inputs, Euler's identity and the
 * gradient against finite differences.
 */
class SimmAggregationTest {

  private static final double[][] GAMMA = {{1, 0.6, 0}, {0.6, 1, 0}, {0, 0, 1}};
  private static final double Z2 = 2.5758293035489004 * 2.5758293035489004; // Φ⁻¹(0.995)² = 6.634896601021...

  private static SimmAggregation.IntraCorrelation constant(double rho) {
    return (k, l) -> rho;
  }

  @Test
  void shouldCombineTwoCorrelatedFactorsOfOneBucket() {
    // WS = 9,600 and 4,800, ρ = 0.73:
    // K² = 9,600² + 4,800² + 2·0.73·9,600·4,800 = 92,160,000 + 23,040,000 + 67,276,800 = 182,476,800
    // K = 13,508.3974; the sum 14,400 exceeds K, so S is clamped to K (no other bucket, no effect)
    SimmAggregation.Result r = SimmAggregation.linear(new int[] {0, 0}, new double[] {9_600, 4_800}, 3,
        constant(0.73), GAMMA);
    assertThat(r.bucketK()[0]).isCloseTo(13_508.397388291478, within(1e-8));
    assertThat(r.bucketSum()[0]).isEqualTo(14_400);
    assertThat(r.bucketS()[0]).isCloseTo(13_508.397388291478, within(1e-8));
    assertThat(r.margin()).isCloseTo(13_508.397388291478, within(1e-8));
    // Euler: ∂M/∂WS_1 = (WS_1 + ρ·WS_2)/K = 13,104/13,508.40 = 0.970063; share 9,600·0.970063 = 9,312.61
    assertThat(r.gradient()[0] * 9_600).isCloseTo(9_312.607290413063, within(1e-8));
    assertThat(r.gradient()[1] * 4_800).isCloseTo(4_195.790097878413, within(1e-8));
  }

  @Test
  void shouldGiveAHedgeBetweenTwoCorrelatedFactorsOnlyTheCorrelatedPart() {
    // WS = +9,600 and −9,600 at ρ = 0.73: K² = 2·9,600²·(1 − 0.73) = 49,766,400, K = 9,600·sqrt(0.54) = 7,054.53;
    // a perfect hedge (ρ = 1) would cost 0, an uncorrelated pair (ρ = 0) 9,600·√2 = 13,576.45
    SimmAggregation.Result r = SimmAggregation.linear(new int[] {0, 0}, new double[] {9_600, -9_600}, 3,
        constant(0.73), GAMMA);
    assertThat(r.margin()).isCloseTo(7_054.5304592155535, within(1e-8));
    assertThat(SimmAggregation.linear(new int[] {0, 0}, new double[] {9_600, -9_600}, 3, constant(1), GAMMA)
        .margin()).isZero();
  }

  @Test
  void shouldCorrelateBucketsThroughTheirClampedSums() {
    // bucket 0: WS 9,600 (K = S = 9,600); bucket 1: WS 7,500 (K = S = 7,500); γ = 0.6:
    // M² = 9,600² + 7,500² + 2·0.6·9,600·7,500 = 92,160,000 + 56,250,000 + 86,400,000 = 234,810,000
    // M = 15,323.51
    SimmAggregation.Result r = SimmAggregation.linear(new int[] {0, 1}, new double[] {9_600, 7_500}, 3,
        constant(0.73), GAMMA);
    assertThat(r.margin()).isCloseTo(15_323.511346946561, within(1e-8));
    // γ = 0 between buckets 0 and 2: M = sqrt(9,600² + 7,500²) = 12,182.36
    SimmAggregation.Result r2 = SimmAggregation.linear(new int[] {0, 2}, new double[] {9_600, 7_500}, 3,
        constant(0.73), GAMMA);
    assertThat(r2.margin()).isCloseTo(Math.hypot(9_600, 7_500), within(1e-8));
  }

  @Test
  void shouldAddTheResidualBucketInFull() {
    // bucket 3 is the residual one: 9,600 (bucket 0) + 5,000 (residual) = 14,600, not sqrt(9,600² + 5,000²)
    SimmAggregation.Result r = SimmAggregation.linear(new int[] {0, 3}, new double[] {9_600, 5_000}, 3,
        constant(0.5), GAMMA);
    assertThat(r.margin()).isCloseTo(14_600, within(1e-9));
    assertThat(r.bucketK()[3]).isCloseTo(5_000, within(1e-9));
    // two residual factors at ρ = 0.5: K = sqrt(5,000² + 3,000² + 2·0.5·5,000·3,000) = sqrt(49,000,000) = 7,000
    SimmAggregation.Result r2 = SimmAggregation.linear(new int[] {3, 3}, new double[] {5_000, 3_000}, 3,
        constant(0.5), GAMMA);
    assertThat(r2.margin()).isCloseTo(7_000, within(1e-9));
  }

  @Test
  void shouldShowThatTheClampOfBucketSumsBreaksSubadditivity() {
    // SIMM's clamp S_b = clamp(Σ WS, −K_b, K_b) makes the aggregation non-convex. Factors: 0 = BTC, 1 = ETH
    // (bucket 0), 2 = SOL, 3 = XRP (bucket 1), ρ = 0.73 in both, γ = 0.6.
    // Book A: BTC −6,000, SOL 10,000, XRP 9,000.
    //   K_0 = 6,000, S_0 = −6,000; K_1² = 10,000² + 9,000² + 2·0.73·10,000·9,000 = 312,400,000, K_1 = 17,674.84,
    //   Σ = 19,000 > K_1 so S_1 = 17,674.84;
    //   M² = 36,000,000 + 312,400,000 + 2·0.6·(−6,000)·17,674.84 = 221,141,146.5, M(A) = 14,870.82.
    // Book B: ETH −6,000, SOL 10,000, XRP 9,000: M(B) = 14,870.82 by symmetry.
    // A ∪ B: BTC −6,000, ETH −6,000 → K_0 = sqrt(2·36,000,000·1.73) = 11,160.65, Σ = −12,000 clamped to −11,160.65
    //   (the diversification of BTC against ETH shrinks the bucket's hedge of the alts); K_1 = 35,349.68 = S_1;
    //   M² = 124,560,000 + 1,249,600,000 − 2·0.6·11,160.65·35,349.68 = 900,729,684, M = 30,012.16
    //   > M(A) + M(B) = 29,741.63: the union costs 270.53 (0.9%) more than the two books apart.
    int[] buckets = {0, 0, 1, 1};
    double[] a = {-6_000, 0, 10_000, 9_000};
    double[] b = {0, -6_000, 10_000, 9_000};
    double[] ab = {-6_000, -6_000, 20_000, 18_000};
    double ma = SimmAggregation.linear(buckets, a, 3, constant(0.73), GAMMA).margin();
    double mb = SimmAggregation.linear(buckets, b, 3, constant(0.73), GAMMA).margin();
    double mab = SimmAggregation.linear(buckets, ab, 3, constant(0.73), GAMMA).margin();
    assertThat(ma).isCloseTo(14_870.815232903487, within(1e-8));
    assertThat(mb).isCloseTo(ma, within(1e-9));
    assertThat(mab).isCloseTo(30_012.159123704478, within(1e-8));
    assertThat(mab - ma - mb).isCloseTo(270.52865789750285, within(1e-7));
  }

  @Test
  void shouldChargeOneShortGammaFactorItsQuantileAndALongGammaFactorNothing() {
    // one factor c > 0: θ = 0, λ = z² − 1, M = c + (z² − 1)·c = z²·c
    SimmAggregation.Result r = SimmAggregation.curvature(new int[] {0}, new double[] {100}, 3, constant(0.5329),
        GAMMA, Z2);
    assertThat(r.theta()).isZero();
    assertThat(r.lambda()).isCloseTo(Z2 - 1, within(1e-12));
    assertThat(r.margin()).isCloseTo(100 * Z2, within(1e-9));
    // one factor c < 0: θ = −1, λ = 1, M = max(c + |c|, 0) = 0
    SimmAggregation.Result l = SimmAggregation.curvature(new int[] {0}, new double[] {-100}, 3, constant(0.5329),
        GAMMA, Z2);
    assertThat(l.theta()).isEqualTo(-1);
    assertThat(l.lambda()).isEqualTo(1);
    assertThat(l.margin()).isZero();
  }

  @Test
  void shouldApplyCurvatureLambdaAndSquaredCorrelations() {
    // c = (+1, −2) in buckets 0 and 1 (γ = 0.6, so γ² = 0.36):
    //   θ = min((1 − 2)/3, 0) = −1/3, λ = (z² − 1)·(2/3) + 1/3 = 5.634897·0.666667 + 0.333333 = 4.089931
    //   Q = 1 + 4 + 2·0.36·(1)·(−2) = 3.56, sqrt = 1.886796
    //   M = max(−1 + 4.089931·1.886796, 0) = 6.716867
    SimmAggregation.Result r = SimmAggregation.curvature(new int[] {0, 1}, new double[] {1, -2}, 3,
        constant(0.5329), GAMMA, Z2);
    assertThat(r.theta()).isCloseTo(-1.0 / 3, within(1e-15));
    assertThat(r.lambda()).isCloseTo((Z2 - 1) * 2 / 3 + 1.0 / 3, within(1e-12));
    assertThat(r.margin()).isCloseTo(-1 + ((Z2 - 1) * 2 / 3 + 1.0 / 3) * Math.sqrt(3.56), within(1e-12));
    assertThat(r.margin()).isCloseTo(6.716866504153643, within(1e-9));
    // in one bucket the correlation enters squared: c = (1, 1), ρ² = 0.5329: K = sqrt(2 + 2·0.5329) = 1.750943,
    // M = 2 + 5.634897·1.750943
    SimmAggregation.Result same = SimmAggregation.curvature(new int[] {0, 0}, new double[] {1, 1}, 3,
        constant(0.5329), GAMMA, Z2);
    assertThat(same.margin()).isCloseTo(2 + (Z2 - 1) * Math.sqrt(2 + 2 * 0.5329), within(1e-12));
  }

  @Test
  void shouldNeitherOverflowNorReturnNanForExtremeOrZeroInputs() {
    SimmAggregation.Result big = SimmAggregation.linear(new int[] {0, 1, 3}, new double[] {1e300, -1e300, 1e300},
        3, constant(0.73), GAMMA);
    assertThat(big.margin()).isFinite().isGreaterThan(1e300);
    SimmAggregation.Result zero = SimmAggregation.linear(new int[] {0, 1}, new double[] {0, 0}, 3, constant(0.73),
        GAMMA);
    assertThat(zero.margin()).isZero();
    assertThat(zero.gradient()).containsExactly(0, 0);
    SimmAggregation.Result none = SimmAggregation.curvature(new int[0], new double[0], 3, constant(0.5), GAMMA, Z2);
    assertThat(none.margin()).isZero();
  }

  static LongStream seeds() {
    return LongStream.range(0, 60).map(i -> 0x51AA_0000L + i);
  }

  private static int[] randomBuckets(RandomGenerator rng, int n) {
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      b[i] = rng.nextInt(4);
    }
    return b;
  }

  private static double[] randomWs(RandomGenerator rng, int n) {
    double[] ws = new double[n];
    for (int i = 0; i < n; i++) {
      ws[i] = rng.nextDouble() < 0.2 ? 0 : rng.nextGaussian() * 10_000;
    }
    return ws;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldSatisfyEulersIdentityAndMatchFiniteDifferences(long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int n = 1 + rng.nextInt(9);
    int[] buckets = randomBuckets(rng, n);
    double[] ws = randomWs(rng, n);
    boolean curvature = rng.nextBoolean();
    SimmAggregation.IntraCorrelation rho = constant(curvature ? 0.5329 : 0.73);
    SimmAggregation.Result r = curvature ? SimmAggregation.curvature(buckets, ws, 3, rho, GAMMA, Z2)
        : SimmAggregation.linear(buckets, ws, 3, rho, GAMMA);
    double euler = 0;
    for (int i = 0; i < n; i++) {
      euler += ws[i] * r.gradient()[i];
    }
    assertThat(euler).as("seed %d: Σ WS·∂M/∂WS", seed).isCloseTo(r.margin(), within(1e-9 * (1 + r.margin())));
    if (!curvature) {
      // the gradient is the derivative (λ varies in curvature, whose gradient holds it fixed by design)
      for (int i = 0; i < n; i++) {
        if (ws[i] == 0) {
          // a zero factor beside a single non-zero one sits on the clamp's kink (Σ = ±K exactly): moving it up
          // clamps the sum, moving it down does not, so there is no two-sided derivative to compare with
          continue;
        }
        double h = 1e-4 * (1 + Math.abs(ws[i]));
        double[] up = ws.clone();
        double[] down = ws.clone();
        up[i] += h;
        down[i] -= h;
        double fd = (SimmAggregation.linear(buckets, up, 3, rho, GAMMA).margin()
            - SimmAggregation.linear(buckets, down, 3, rho, GAMMA).margin()) / (2 * h);
        // a clamp switching inside [ws − h, ws + h] would make the difference one-sided; that needs a sum within
        // h of ±K_b, which these seeds do not produce
        assertThat(r.gradient()[i]).as("seed %d, factor %d", seed, i).isCloseTo(fd, within(1e-5));
      }
    }
  }
}
