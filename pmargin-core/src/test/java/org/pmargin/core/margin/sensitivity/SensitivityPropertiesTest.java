package org.pmargin.core.margin.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.BASIS;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.FLAT;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.PEPE;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.SOL;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.XRP;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.account;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.linearPerp;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.option;
import static org.pmargin.core.margin.sensitivity.SensitivityFixtures.position;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Bucket;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Charge;
import org.pmargin.core.margin.sensitivity.SensitivityFixtures.Book;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.UnderlyingGreeks;

/**
 * Invariants of the sensitivity model on seeded random books (the seed is in each test's name): homogeneity below
 * the concentration thresholds, zero margin for an offset book, subadditivity of delta + vega where SIMM's
 * aggregation guarantees it, and the named mechanisms that break it (concentration, curvature's λ, the clamp of
 * bucket sums); monotonicity in the size of a naked position; Euler shares adding up to the margin; independence
 * of the position order; no NaN or infinity.
 */
class SensitivityPropertiesTest {

  private static final SensitivityModel MODEL = new SensitivityModel();
  private static final SensitivityParameters PARAMS = MODEL.parameters();

  static LongStream seeds() {
    return LongStream.range(0, 40).map(i -> 0x5E45_0000L + i);
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  private static SensitivityBreakdown breakdown(Book book) {
    return MODEL.breakdown(book.account(), BASIS);
  }

  private static double deltaVega(SensitivityBreakdown b) {
    return b.delta().margin() + b.vega().margin();
  }

  private static double maxConcentration(SensitivityBreakdown b) {
    double max = 1;
    for (Charge c : List.of(b.delta(), b.vega())) {
      for (SensitivityBreakdown.Factor f : c.factors()) {
        max = Math.max(max, f.concentration());
      }
    }
    return max;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldScaleWithTheBookBelowTheConcentrationThresholds(long seed) {
    RandomGenerator rng = rng(seed);
    Book book = SensitivityFixtures.randomBook(rng, "a", BASIS);
    double k = 0.1 + 2.9 * rng.nextDouble();
    SensitivityBreakdown base = breakdown(book);
    SensitivityBreakdown scaled = breakdown(book.scaled(k));
    SensitivityBreakdown negated = breakdown(book.scaled(-k));
    assertThat(maxConcentration(scaled)).as("seed %d: the premise, no concentration", seed).isEqualTo(1);
    double tol = 1e-9 * (1 + base.initialMargin());
    // delta + vega are homogeneous of degree 1 in |k| (M(−x) = M(x)); curvature (revaluation, linear in the
    // quantities) for k > 0 only: a negated book swaps short and long gamma
    assertThat(deltaVega(scaled)).as("seed %d", seed).isCloseTo(k * deltaVega(base), within(k * tol));
    assertThat(deltaVega(negated)).as("seed %d", seed).isCloseTo(k * deltaVega(base), within(k * tol));
    assertThat(scaled.initialMargin()).as("seed %d", seed).isCloseTo(k * base.initialMargin(), within(k * tol));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldChargeNothingForAFullyOffsetBook(long seed) {
    // the same random book twice (the generator is deterministic, only the symbols differ), once negated
    Book a = SensitivityFixtures.randomBook(rng(seed), "a", BASIS);
    Book b = SensitivityFixtures.randomBook(rng(seed), "b", BASIS).scaled(-1);
    SensitivityBreakdown offset = breakdown(a.plus(b));
    double scale = 1 + breakdown(a).initialMargin();
    assertThat(offset.initialMargin()).as("seed %d", seed).isLessThan(1e-9 * scale);
  }

  @Test
  void shouldChargeExactlyNothingForALongAndAShortOfTheSameOption() {
    Position longCall = position(option(Asset.BTC, OptionType.CALL, 62_000, 45, Settlement.INVERSE, "-A"), 7, BASIS);
    Position shortCall = position(option(Asset.BTC, OptionType.CALL, 62_000, 45, Settlement.INVERSE, "-B"), -7,
        BASIS);
    MarginResult r = MODEL.margin(account(List.of(longCall, shortCall), Map.of()), BASIS);
    assertThat(r.initialMarginUsd()).isZero();
    assertThat(r.pools().get(0).contributions()).allSatisfy(c -> assertThat(c.initialMargin()).isZero());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldBeSubadditiveForDeltaAndVegaWhereNoClampCanBind(long seed) {
    // Books on BTC, ETH (one bucket), stablecoins (γ = 0 with the others) and residual coins (added in full): no
    // two named buckets with γ ≠ 0 meet, so the clamp of S_b never enters and delta + vega are seminorms of the
    // weighted sensitivities (K_b with a positive semi-definite ρ), hence subadditive
    RandomGenerator rng = rng(seed);
    Asset[] coins = {Asset.BTC, Asset.ETH};
    Asset[] balances = {Asset.BTC, Asset.ETH, Asset.USDC, Asset.USDT, PEPE, Asset.of("WIF")};
    Book a = SensitivityFixtures.randomBook(rng, "a", BASIS, coins, balances);
    Book b = SensitivityFixtures.randomBook(rng, "b", BASIS, coins, balances);
    SensitivityBreakdown ma = breakdown(a);
    SensitivityBreakdown mb = breakdown(b);
    SensitivityBreakdown mab = breakdown(a.plus(b));
    assertThat(maxConcentration(mab)).as("seed %d: the premise, no concentration", seed).isEqualTo(1);
    assertThat(deltaVega(mab)).as("seed %d", seed)
        .isLessThanOrEqualTo(deltaVega(ma) + deltaVega(mb) + 1e-9 * (1 + deltaVega(ma) + deltaVega(mb)));
  }

  static LongStream manySeeds() {
    return LongStream.range(0, 200).map(i -> 0xADD1_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("manySeeds")
  void shouldBeSubadditiveForDeltaAndVegaAcrossBucketsUnlessTheClampBinds(long seed) {
    // Always: every bucket's K_b is a seminorm (ρ positive semi-definite), so K_b(A ∪ B) ≤ K_b(A) + K_b(B); and,
    // as |S_b| ≤ K_b and γ ≥ 0, M ≤ N(K) = sqrt(Σ_bc γ_bc K_b K_c) (+ K_residual), a norm of the bucket K's that
    // grows with each of them, so M(A ∪ B) ≤ N(K_A + K_B) ≤ N(K_A) + N(K_B).
    // When no bucket sum is clamped where another bucket with γ ≠ 0 is present, M is the seminorm
    // sqrt(WSᵀ·C·WS) of the underlying-level matrix C (positive semi-definite by validation): then
    // M(A ∪ B) ≤ M(A) + M(B) exactly. When a clamp binds it may not hold: see
    // shouldLetTheClampOfBucketSumsBreakSubadditivity.
    RandomGenerator rng = rng(seed);
    Book a = SensitivityFixtures.randomBook(rng, "a", BASIS);
    Book b = SensitivityFixtures.randomBook(rng, "b", BASIS);
    SensitivityBreakdown ma = breakdown(a);
    SensitivityBreakdown mb = breakdown(b);
    SensitivityBreakdown mab = breakdown(a.plus(b));
    assertThat(maxConcentration(mab)).as("seed %d: the premise, no concentration", seed).isEqualTo(1);
    for (int c = 0; c < 2; c++) {
      Charge union = c == 0 ? mab.delta() : mab.vega();
      Charge ca = c == 0 ? ma.delta() : ma.vega();
      Charge cb = c == 0 ? mb.delta() : mb.vega();
      for (Bucket k : union.buckets()) {
        double ka = bucketK(ca, k.bucket());
        double kb = bucketK(cb, k.bucket());
        assertThat(k.k()).as("seed %d, %s K of %s", seed, union.name(), k.bucket())
            .isLessThanOrEqualTo(ka + kb + 1e-9 * (1 + ka + kb));
      }
      assertThat(union.margin()).as("seed %d, %s", seed, union.name())
          .isLessThanOrEqualTo(bucketNorm(ca) + bucketNorm(cb) + 1e-9 * (1 + bucketNorm(ca) + bucketNorm(cb)));
    }
    if (!clamped(ma) && !clamped(mb) && !clamped(mab)) {
      assertThat(deltaVega(mab)).as("seed %d", seed)
          .isLessThanOrEqualTo(deltaVega(ma) + deltaVega(mb) + 1e-9 * (1 + deltaVega(ma) + deltaVega(mb)));
    }
  }

  private static double bucketK(Charge c, String bucket) {
    return c.buckets().stream().filter(b -> b.bucket().equals(bucket)).mapToDouble(Bucket::k).findFirst().orElse(0);
  }

  private static int namedIndex(String bucket) {
    for (int i = 0; i < PARAMS.buckets().size(); i++) {
      if (PARAMS.buckets().get(i).name().equals(bucket)) {
        return i;
      }
    }
    return -1;
  }

  /** N(K) = sqrt(Σ_bc γ_bc K_b K_c) over the named buckets, plus the residual K. */
  private static double bucketNorm(Charge c) {
    double q = 0;
    double residual = 0;
    for (Bucket b : c.buckets()) {
      if (b.residual()) {
        residual = b.k();
        continue;
      }
      for (Bucket d : c.buckets()) {
        if (!d.residual()) {
          q += PARAMS.interBucketCorrelation(namedIndex(b.bucket()), namedIndex(d.bucket())) * b.k() * d.k();
        }
      }
    }
    return Math.sqrt(q) + residual;
  }

  /**
   * Whether, in the delta or vega charge, a named bucket's sum exceeds its K (S_b clamped) while another named
   * bucket with γ ≠ 0 is present (without such a partner the clamp does not enter the margin).
   */
  private static boolean clamped(SensitivityBreakdown b) {
    for (Charge c : List.of(b.delta(), b.vega())) {
      for (Bucket k : c.buckets()) {
        if (k.residual() || Math.abs(k.sumWeighted()) <= k.k() * (1 + 1e-12)) {
          continue;
        }
        for (Bucket other : c.buckets()) {
          if (!other.residual() && other != k
              && PARAMS.interBucketCorrelation(namedIndex(k.bucket()), namedIndex(other.bucket())) != 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void shouldLetTheClampOfBucketSumsBreakSubadditivity() {
    // SIMM's clamp S_b = clamp(Σ WS, −K_b, K_b), with balances (cash delta = amount × price):
    // A: −0.625 BTC (WS −6,000), 400 SOL (WS 10,000), 72,000 XRP (WS 9,000) → 14,870.82
    // B: −12.5 ETH (WS −6,000), the same SOL and XRP → 14,870.82
    // A ∪ B: BTC and ETH diversify inside crypto-large, their sum −12,000 is clamped to K = −11,160.65, and the
    // alts' hedge shrinks: 30,012.16 > 29,741.63 (worked in SimmAggregationTest)
    Account a = account(List.of(), Map.of(Asset.BTC, -0.625, SOL, 400.0, XRP, 72_000.0));
    Account b = account(List.of(), Map.of(Asset.ETH, -12.5, SOL, 400.0, XRP, 72_000.0));
    Account ab = account(List.of(), Map.of(Asset.BTC, -0.625, Asset.ETH, -12.5, SOL, 800.0, XRP, 144_000.0));
    double ma = MODEL.breakdown(a, FLAT).initialMargin();
    double mb = MODEL.breakdown(b, FLAT).initialMargin();
    double mab = MODEL.breakdown(ab, FLAT).initialMargin();
    assertThat(ma).isCloseTo(14_870.815232903487, within(1e-6));
    assertThat(mb).isCloseTo(14_870.815232903487, within(1e-6));
    assertThat(mab).isCloseTo(30_012.159123704478, within(1e-6));
    assertThat(mab).isGreaterThan(ma + mb);
  }

  @Test
  void shouldLetConcentrationBreakSubadditivity() {
    // two books of 20,000,000 USD of BTC each sit at the threshold (CR = 1): 0.16·20 M = 3.2 M each;
    // together 40 M: CR = sqrt(2), margin 0.16·40 M·1.4142 = 9,050,966.8 > 6.4 M. Large positions cost more
    // than their parts on purpose (liquidation cost grows with size).
    Perpetual perp = linearPerp(Asset.BTC);
    Perpetual perp2 = new Perpetual("BTC-LIN-PERP-2", Asset.BTC, Asset.USDC, Settlement.LINEAR, 1.0, 0.01);
    double q = 20e6 / SensitivityFixtures.BTC;
    double ma = MODEL.breakdown(account(List.of(position(perp, q, FLAT)), Map.of()), FLAT).initialMargin();
    double mab = MODEL.breakdown(account(List.of(position(perp, q, FLAT), position(perp2, q, FLAT)), Map.of()), FLAT)
        .initialMargin();
    assertThat(ma).isCloseTo(3_200_000, within(1e-3));
    assertThat(mab).isCloseTo(0.16 * 40e6 * Math.sqrt(2), within(1e-3));
    assertThat(mab).isGreaterThan(2 * ma);
  }

  @Test
  void shouldLetCurvaturesLambdaBreakSubadditivity() {
    // A: a short BTC call, CVR c > 0: curvature margin c (θ = 0, λ = z² − 1).
    // B: long SOL calls with CVR −2c: curvature margin 0 (θ = −1).
    // A ∪ B, in units of c/z²: Σ CVR = −1, θ = −1/3, λ = (z² − 1)·2/3 + 1/3 = 4.0899; crypto-large and crypto-alts
    // have γ = 0.6, so γ² = 0.36: sqrt(1 + 4 − 2·0.36·2) = 1.8868; margin (−1 + 4.0899·1.8868)·c/z² = 1.01236·c.
    // SIMM's λ credits long gamma less when it sits in another bucket: the union costs 1.2% more than A.
    Position shortBtc = position(option(Asset.BTC, OptionType.CALL, 60_000, 30, Settlement.LINEAR, ""), -1, FLAT);
    Position oneSol = position(option(SOL, OptionType.CALL, 100, 30, Settlement.LINEAR, ""), 1, FLAT);
    double c = MODEL.breakdown(account(List.of(shortBtc), Map.of()), FLAT).curvature().risks().get(0).cvrUsd();
    double unit = MODEL.breakdown(account(List.of(oneSol), Map.of()), FLAT).curvature().risks().get(0).cvrUsd();
    assertThat(unit).isNegative();
    Position longSol = oneSol.withQuantity(2 * c / -unit);
    double ma = MODEL.breakdown(account(List.of(shortBtc), Map.of()), FLAT).curvature().charge().margin();
    double mb = MODEL.breakdown(account(List.of(longSol), Map.of()), FLAT).curvature().charge().margin();
    double mab = MODEL.breakdown(account(List.of(shortBtc, longSol), Map.of()), FLAT).curvature().charge().margin();
    assertThat(ma).isCloseTo(c, within(1e-9 * c));
    assertThat(mb).isZero();
    assertThat(mab).isCloseTo(c * 6.716866504153643 / 6.634896601021214, within(1e-9 * c));
    assertThat(mab).isGreaterThan(ma + mb);
  }

  static Stream<Arguments> nakedPositions() {
    return Stream.<Arguments>of(
        Arguments.of("linear BTC perp", (DoubleFunction<Account>) q -> account(
            List.of(position(linearPerp(Asset.BTC), q, BASIS)), Map.of())),
        Arguments.of("inverse BTC perp", (DoubleFunction<Account>) q -> account(List.of(position(
            new Perpetual("BTC-PERPETUAL", Asset.BTC, Asset.USD, Settlement.INVERSE, 10, 0.5), q * 6_000, BASIS)),
            Map.of())),
        Arguments.of("BTC call", (DoubleFunction<Account>) q -> account(List.of(position(
            option(Asset.BTC, OptionType.CALL, 66_000, 45, Settlement.INVERSE, ""), q, BASIS)), Map.of())),
        Arguments.of("ETH put", (DoubleFunction<Account>) q -> account(List.of(position(
            option(Asset.ETH, OptionType.PUT, 2_700, 10, Settlement.LINEAR, ""), 20 * q, BASIS)), Map.of())),
        Arguments.of("SOL put", (DoubleFunction<Account>) q -> account(List.of(position(
            option(SOL, OptionType.PUT, 95, 200, Settlement.LINEAR, ""), 600 * q, BASIS)), Map.of())),
        Arguments.of("USDC balance", (DoubleFunction<Account>) q -> account(List.of(), Map.of(Asset.USDC, 60_000 * q))),
        Arguments.of("PEPE balance", (DoubleFunction<Account>) q -> account(List.of(), Map.of(PEPE, 6e9 * q))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nakedPositions")
  void shouldGrowWithTheSizeOfANakedPosition(String name, DoubleFunction<Account> book) {
    // sizes from 0.001 to 10,000 units (60 USD to 600 M of notional), long and short: beyond the thresholds the
    // concentration factor makes the growth faster than linear, never slower
    for (double sign : new double[] {1, -1}) {
      double previous = 0;
      for (double q = 1e-3; q <= 1e4; q *= 1.7) {
        double im = MODEL.margin(book.apply(sign * q), BASIS).initialMarginUsd();
        assertThat(im).as("%s, size %s", name, sign * q).isFinite().isGreaterThan(previous);
        previous = im;
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldAllocateTheMarginByEulerWithoutNanEvenForHugeBooks(long seed) {
    RandomGenerator rng = rng(seed);
    double size = Math.pow(10, rng.nextInt(7)); // up to a million times the base book: far beyond the thresholds
    Book book = SensitivityFixtures.randomBook(rng, "a", BASIS).scaled(size);
    MarginResult r = MODEL.margin(book.account(), BASIS);
    double im = r.initialMarginUsd();
    assertThat(im).as("seed %d", seed).isFinite().isGreaterThanOrEqualTo(0);
    assertThat(r.maintenanceMarginUsd()).as("seed %d", seed).isCloseTo(0.8 * im, within(1e-9 * (1 + im)));
    double sum = 0;
    for (PositionContribution c : r.pools().get(0).contributions()) {
      assertThat(c.initialMargin()).as("seed %d, %s", seed, c.symbol()).isFinite();
      sum += c.initialMargin();
    }
    assertThat(sum).as("seed %d: Σ contributions", seed).isCloseTo(im, within(1e-9 * (1 + im)));
    assertThat(r.pools().get(0).equity()).as("seed %d", seed).isFinite();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldTakeTheDeltaOfEachUnderlyingFromThePortfolioGreeks(long seed) {
    // the delta sensitivity of BTC, ETH and SOL is the portfolio's cash delta (positions plus the coin balance) that
    // PortfolioGreeks reports, coin-settled options and inverse contracts included
    Book book = SensitivityFixtures.randomBook(rng(seed), "a", BASIS);
    SensitivityBreakdown b = breakdown(book);
    for (UnderlyingGreeks g : PortfolioGreeks.of(book.account(), BASIS).byUnderlying()) {
      double s = b.delta().factors().stream().filter(f -> f.underlying().equals(g.underlying()))
          .mapToDouble(SensitivityBreakdown.Factor::sensitivityUsd).sum();
      assertThat(s).as("seed %d, %s", seed, g.underlying())
          .isCloseTo(g.cashDelta(), within(1e-9 * (1 + Math.abs(g.cashDelta()))));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldNotDependOnTheOrderOfThePositions(long seed) {
    RandomGenerator rng = rng(seed);
    Book book = SensitivityFixtures.randomBook(rng, "a", BASIS);
    List<Position> shuffled = new ArrayList<>(book.positions());
    Collections.shuffle(shuffled, rng);
    double im = MODEL.margin(book.account(), BASIS).initialMarginUsd();
    double im2 = MODEL.margin(account(shuffled, book.balances()), BASIS).initialMarginUsd();
    assertThat(im2).as("seed %d", seed).isCloseTo(im, within(1e-9 * (1 + im)));
  }
}
