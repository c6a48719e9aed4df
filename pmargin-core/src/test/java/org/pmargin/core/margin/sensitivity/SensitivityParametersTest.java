package org.pmargin.core.margin.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Checks the default parameters (values, and that every correlation matrix they imply is positive definite by
 * Cholesky), the vega allocation and tenor correlations, and that bad parameters fail naming the field.
 */
class SensitivityParametersTest {

  private static final SensitivityParameters STD = SensitivityParameters.standard();

  /** Cholesky succeeds only on a symmetric positive definite matrix (a stricter test than PSD). */
  private static void assertCholesky(double[][] m) {
    assertThatCode(() -> new CholeskyDecomposition(MatrixUtils.createRealMatrix(m))).doesNotThrowAnyException();
  }

  private static double[][] matrix(List<List<Double>> rows) {
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      m[i] = rows.get(i).stream().mapToDouble(Double::doubleValue).toArray();
    }
    return m;
  }

  @Test
  void shouldShipTheDocumentedDefaults() {
    assertThat(STD.buckets()).extracting(RiskBucket::name).containsExactly("crypto-large", "crypto-alts",
        "stablecoins");
    assertThat(STD.residual().name()).isEqualTo("other");
    assertThat(STD.buckets()).extracting(RiskBucket::deltaRiskWeight).containsExactly(0.16, 0.25, 0.02);
    assertThat(STD.residual().deltaRiskWeight()).isEqualTo(0.50);
    assertThat(STD.buckets()).extracting(RiskBucket::intraCorrelation).containsExactly(0.73, 0.73, 0.20);
    assertThat(STD.buckets()).extracting(RiskBucket::deltaThresholdUsd).containsExactly(20e6, 5e6, 20e6);
    assertThat(STD.bucket(STD.bucketIndex(Asset.BTC)).name()).isEqualTo("crypto-large");
    assertThat(STD.bucket(STD.bucketIndex(Asset.of("SOL"))).name()).isEqualTo("crypto-alts");
    assertThat(STD.bucket(STD.bucketIndex(Asset.USDT)).name()).isEqualTo("stablecoins");
    assertThat(STD.bucket(STD.bucketIndex(Asset.of("PEPE"))).name()).isEqualTo("other");
    assertThat(STD.interBucketCorrelation(0, 1)).isEqualTo(0.6);
    assertThat(STD.interBucketCorrelation(0, 2)).isZero();
    assertThat(STD.maintenanceFactor()).isEqualTo(0.8);
    // Φ⁻¹(0.995) = 2.5758293035489 (Abramowitz-Stegun table 26.5), squared 6.634896601
    assertThat(STD.curvatureZSquared()).isCloseTo(6.634896601021214, within(1e-9));
    // Deribit's vol-up shock 0.5·(30/DTE)^p at the vertices: 0.774, 0.5, 0.434, 0.396, 0.361
    assertThat(STD.vega().riskWeights()).containsExactly(0.77, 0.50, 0.43, 0.40, 0.36);
    assertThat(STD.vega().tenorDays()).containsExactly(7.0, 30.0, 90.0, 180.0, 365.0);
  }

  @Test
  void shouldHavePositiveDefiniteDefaultCorrelationMatrices() {
    assertCholesky(matrix(STD.interBucketCorrelations()));
    assertCholesky(matrix(STD.vega().tenorCorrelations()));
    // each bucket's own matrix: 1 on the diagonal, ρ_b elsewhere, at its size (and the residual at 50 assets)
    List<RiskBucket> all = new ArrayList<>(STD.buckets());
    for (RiskBucket b : all) {
      assertCholesky(equicorrelation(b.members().size(), b.intraCorrelation()));
    }
    assertCholesky(equicorrelation(50, STD.residual().intraCorrelation()));
    // the underlying-level matrix of all named members together (ρ_b within, γ_bc across): what the aggregation
    // reduces to when no bucket sum is clamped
    List<Asset> members = new ArrayList<>();
    STD.buckets().forEach(b -> members.addAll(b.members()));
    double[][] c = new double[members.size()][members.size()];
    for (int i = 0; i < members.size(); i++) {
      for (int j = 0; j < members.size(); j++) {
        c[i][j] = STD.underlyingCorrelation(members.get(i), members.get(j));
      }
    }
    assertThat(members).hasSize(15);
    assertCholesky(c);
    // and the vega matrix over (underlying, vertex) pairs: Kronecker product of the two, positive definite too
    List<List<Double>> t = STD.vega().tenorCorrelations();
    int nv = t.size();
    double[][] v = new double[members.size() * nv][members.size() * nv];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        v[i][j] = c[i / nv][j / nv] * t.get(i % nv).get(j % nv);
      }
    }
    assertCholesky(v);
  }

  private static double[][] equicorrelation(int n, double rho) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = i == j ? 1 : rho;
      }
    }
    return m;
  }

  @Test
  void shouldCorrelateVegaVerticesByTheRatioOfTheirExpiries() {
    List<List<Double>> t = STD.vega().tenorCorrelations();
    // exp(−0.2·ln(30/7)) = exp(−0.2·1.455287) = 0.747473; exp(−0.2·ln 3) = exp(−0.2·1.098612) = 0.802742;
    // exp(−0.2·ln(365/7)) = exp(−0.2·3.953987) = 0.453483
    assertThat(t.get(0).get(1)).isCloseTo(0.7474727, within(1e-6));
    assertThat(t.get(1).get(2)).isCloseTo(0.8027416, within(1e-6));
    assertThat(t.get(0).get(4)).isCloseTo(0.4534830, within(1e-6));
    assertThat(t.get(4).get(0)).isEqualTo(t.get(0).get(4));
  }

  @Test
  void shouldSplitAnOptionsVegaBetweenTheVerticesAroundItsExpiry() {
    VegaParameters v = STD.vega();
    // 60 days is halfway between 30 and 90: half to each
    assertThat(v.allocation(60)).containsExactly(0, 0.5, 0.5, 0, 0);
    // 45 days: (90 − 45)/60 = 0.75 to 30 d, 0.25 to 90 d
    assertThat(v.allocation(45)).containsExactly(0, 0.75, 0.25, 0, 0);
    assertThat(v.allocation(30)).containsExactly(0, 1, 0, 0, 0);
    assertThat(v.allocation(0.5)).containsExactly(1, 0, 0, 0, 0);
    assertThat(v.allocation(900)).containsExactly(0, 0, 0, 0, 1);
    assertThat(v.label(1)).isEqualTo("30d");
  }

  static LongStream seeds() {
    return LongStream.range(0, 25).map(i -> 0xC0FFEEL + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldBuildAPositiveSemiDefiniteTenorMatrixForAnyVerticesAndDecay(long seed) {
    // exp(−α|ln t_i − ln t_j|) is the exponential kernel in log-expiry: positive definite for every α
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int n = 1 + rng.nextInt(12);
    List<Double> days = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double d = 0;
    for (int i = 0; i < n; i++) {
      d += 0.5 + rng.nextDouble() * 100;
      days.add(d);
      weights.add(rng.nextDouble());
    }
    double alpha = rng.nextDouble() * 3;
    VegaParameters v = VegaParameters.withDecay(days, weights, alpha);
    assertThat(Correlations.smallestEigenvalue(matrix(v.tenorCorrelations()))).as("seed %d", seed)
        .isGreaterThan(-1e-12);
  }

  // ------------------------------------------------------------------ bad input

  private static RiskBucket bucket(String name, Set<Asset> members, double rw, double rho) {
    return new RiskBucket(name, members, rw, rho, 1e6, 1e6, 0.1);
  }

  private static final RiskBucket LARGE = bucket("large", Set.of(Asset.BTC, Asset.ETH), 0.16, 0.73);
  private static final RiskBucket ALTS = bucket("alts", Set.of(Asset.of("SOL"), Asset.of("XRP")), 0.25, 0.73);
  private static final RiskBucket STABLES = bucket("stables", Set.of(Asset.USDC, Asset.USDT), 0.02, 0.2);
  private static final RiskBucket OTHER = bucket("other", Set.of(), 0.5, 0.5);
  private static final List<List<Double>> GAMMA = List.of(List.of(1.0, 0.6, 0.0), List.of(0.6, 1.0, 0.0),
      List.of(0.0, 0.0, 1.0));

  private static SensitivityParameters params(List<RiskBucket> buckets, RiskBucket residual,
      List<List<Double>> gamma) {
    return new SensitivityParameters(buckets, residual, gamma, VegaParameters.standard(), 0.995, 0.8);
  }

  private static Arguments bad(String field, Supplier<Object> build) {
    return Arguments.of(field, build);
  }

  static Stream<Arguments> badParameters() {
    List<RiskBucket> three = List.of(LARGE, ALTS, STABLES);
    List<Double> days = List.of(7.0, 30.0, 90.0);
    return Stream.of(
        bad("intra_correlation", () -> bucket("x", Set.of(Asset.BTC), 0.1, 1.2)),
        bad("intra_correlation", () -> bucket("x", Set.of(Asset.BTC), 0.1, -1.01)),
        bad("intra_correlation", () -> bucket("x", Set.of(Asset.BTC), 0.1, Double.NaN)),
        // three members at ρ = −0.6 < −1/2: the 3×3 matrix has eigenvalue 1 − 2·0.6 < 0
        bad("intra_correlation", () -> bucket("x", Set.of(Asset.BTC, Asset.ETH, Asset.USDC), 0.1, -0.6)),
        bad("delta_risk_weight", () -> bucket("x", Set.of(Asset.BTC), -0.16, 0.5)),
        bad("delta_risk_weight", () -> bucket("x", Set.of(Asset.BTC), Double.POSITIVE_INFINITY, 0.5)),
        bad("delta_threshold", () -> new RiskBucket("x", Set.of(Asset.BTC), 0.1, 0.5, 0, 1e6, 0.1)),
        bad("vega_threshold", () -> new RiskBucket("x", Set.of(Asset.BTC), 0.1, 0.5, 1e6, -1, 0.1)),
        bad("curvature_shock", () -> new RiskBucket("x", Set.of(Asset.BTC), 0.1, 0.5, 1e6, 1e6, 1.0)),
        bad("curvature_shock", () -> new RiskBucket("x", Set.of(Asset.BTC), 0.1, 0.5, 1e6, 1e6, -0.1)),
        bad("members", () -> bucket("x", Set.of(Asset.USD), 0.1, 0.5)),
        bad("name", () -> bucket(" ", Set.of(Asset.BTC), 0.1, 0.5)),
        bad("vega.risk_weights[2]", () -> new VegaParameters(days, List.of(0.5, 0.4, -0.3),
            List.of(List.of(1.0, 0.8, 0.6), List.of(0.8, 1.0, 0.8), List.of(0.6, 0.8, 1.0)))),
        bad("vega.risk_weights", () -> VegaParameters.withDecay(days, List.of(0.5), 0.2)),
        bad("vega.tenor_days[1]", () -> VegaParameters.withDecay(List.of(30.0, 7.0), List.of(0.5, 0.5), 0.2)),
        bad("vega.tenor_days[0]", () -> VegaParameters.withDecay(List.of(0.0, 7.0), List.of(0.5, 0.5), 0.2)),
        bad("vega.tenor_correlation_decay", () -> VegaParameters.withDecay(days, List.of(0.5, 0.4, 0.3), -0.1)),
        // entries in range but not PSD: corr(7,30) = corr(30,90) = 0.9 while corr(7,90) = −0.9
        bad("vega.tenor_correlations", () -> new VegaParameters(days, List.of(0.5, 0.4, 0.3),
            List.of(List.of(1.0, 0.9, -0.9), List.of(0.9, 1.0, 0.9), List.of(-0.9, 0.9, 1.0)))),
        bad("vega.tenor_correlations[0][1]", () -> new VegaParameters(days, List.of(0.5, 0.4, 0.3),
            List.of(List.of(1.0, 1.5, 0.6), List.of(1.5, 1.0, 0.8), List.of(0.6, 0.8, 1.0)))),
        bad("inter_bucket_correlations", () -> params(three, OTHER,
            List.of(List.of(1.0, 0.9, -0.9), List.of(0.9, 1.0, 0.9), List.of(-0.9, 0.9, 1.0)))),
        // γ alone is fine, but ρ = 0.2 inside two buckets with γ = 0.9 between them is not: members of different
        // buckets cannot be more alike than members of the same one
        bad("inter_bucket_correlations", () -> params(List.of(bucket("a", Set.of(Asset.BTC, Asset.ETH), 0.1, 0.2),
            bucket("b", Set.of(Asset.of("SOL"), Asset.of("XRP")), 0.1, 0.2)), OTHER,
            List.of(List.of(1.0, 0.9), List.of(0.9, 1.0)))),
        bad("inter_bucket_correlations[0][1]", () -> params(three, OTHER,
            List.of(List.of(1.0, -1.5, 0.0), List.of(-1.5, 1.0, 0.0), List.of(0.0, 0.0, 1.0)))),
        bad("inter_bucket_correlations[1][0]", () -> params(three, OTHER,
            List.of(List.of(1.0, 0.6, 0.0), List.of(0.5, 1.0, 0.0), List.of(0.0, 0.0, 1.0)))),
        bad("inter_bucket_correlations[1][1]", () -> params(three, OTHER,
            List.of(List.of(1.0, 0.6, 0.0), List.of(0.6, 0.9, 0.0), List.of(0.0, 0.0, 1.0)))),
        bad("inter_bucket_correlations", () -> params(three, OTHER, List.of(List.of(1.0)))),
        bad("buckets[1].members", () -> params(List.of(LARGE, bucket("dup", Set.of(Asset.ETH), 0.1, 0.5), STABLES),
            OTHER, GAMMA)),
        bad("buckets[2].name", () -> params(List.of(LARGE, ALTS, bucket("large", Set.of(Asset.USDC), 0.1, 0.5)),
            OTHER, GAMMA)),
        bad("residual.members", () -> params(three, bucket("other", Set.of(Asset.of("PEPE")), 0.5, 0.5), GAMMA)),
        bad("residual.intra_correlation", () -> params(three, bucket("other", Set.of(), 0.5, -0.1), GAMMA)),
        bad("residual.name", () -> params(three, bucket("alts", Set.of(), 0.5, 0.5), GAMMA)),
        bad("curvature_confidence", () -> new SensitivityParameters(three, OTHER, GAMMA, VegaParameters.standard(),
            1.0, 0.8)),
        bad("curvature_confidence", () -> new SensitivityParameters(three, OTHER, GAMMA, VegaParameters.standard(),
            0.4, 0.8)),
        bad("maintenance_factor", () -> new SensitivityParameters(three, OTHER, GAMMA, VegaParameters.standard(),
            0.995, 0)),
        bad("maintenance_factor", () -> new SensitivityParameters(three, OTHER, GAMMA, VegaParameters.standard(),
            0.995, 1.2)),
        bad("vega", () -> new SensitivityParameters(three, OTHER, GAMMA, null, 0.995, 0.8)),
        bad("residual", () -> params(three, null, GAMMA)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void shouldRejectBadParametersNamingTheField(String field, Supplier<Object> build) {
    // the vega record names its own fields; the test prefixes them as a file reader would
    String expected = field.startsWith("vega.") ? field.substring("vega.".length()) : field;
    assertThatThrownBy(build::get).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(expected));
  }

  @Test
  void shouldAcceptTheEdgesOfTheValidRanges() {
    assertThatCode(() -> bucket("x", Set.of(Asset.BTC, Asset.ETH, Asset.USDC), 0, -0.5))
        .doesNotThrowAnyException(); // ρ = −1/(n − 1) is singular but PSD
    assertThatCode(() -> bucket("x", Set.of(Asset.BTC), 0.1, -1)).doesNotThrowAnyException(); // one member
    assertThatCode(() -> params(List.of(), OTHER, List.of())).doesNotThrowAnyException(); // everything residual
    assertThatCode(() -> new SensitivityParameters(List.of(LARGE, ALTS, STABLES), OTHER,
        List.of(List.of(1.0, 0.73, 0.0), List.of(0.73, 1.0, 0.0), List.of(0.0, 0.0, 1.0)), VegaParameters.standard(),
        0.99, 1.0)).doesNotThrowAnyException();
  }
}
