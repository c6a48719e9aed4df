package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmargin.engine.oracle.OracleFixtures.BTC;
import static org.pmargin.engine.oracle.OracleFixtures.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;

/**
 * Invariants of the oracle on seeded random feeds (the seed is in each test's name): no NaN or infinity anywhere in
 * a snapshot; an OK price lies within [min, max] of the fresh non-outlier sources it used; a DEGRADED price is the
 * last good one; versions strictly increase.
 */
class OraclePropertiesTest {

  static LongStream seeds() {
    return LongStream.range(0, 60).map(i -> 0x0AC1_E000L + i);
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomFeedsNeverGiveNanAndAcceptedPricesLieWithinTheSources(long seed) {
    System.out.println("OraclePropertiesTest seed " + seed);
    RandomGenerator r = rng(seed);
    int sources = 1 + r.nextInt(6);
    SyntheticRandomWalkFeed.Spec spec = SyntheticRandomWalkFeed.Spec.clean(BTC, sources, T0,
        Duration.ofSeconds(1 + r.nextInt(5)), 100, r.nextDouble() < 0.3 ? 0.08 : r.nextDouble(0.01),
        r.nextDouble(0.03));
    if (r.nextBoolean()) {
      spec = spec.withOutlier(r.nextInt(sources), r.nextBoolean() ? 1.5 : 0.5);
    }
    if (r.nextBoolean()) {
      spec = spec.withStale(r.nextInt(sources), T0.plusSeconds(r.nextInt(120)));
    }
    SyntheticRandomWalkFeed feed = new SyntheticRandomWalkFeed(spec, rng(seed ^ 0x5EEDL));
    OracleConfig cfg = OracleConfig.defaults().withMinSources(1 + r.nextInt(3))
        .withBasisSmoothing(0.01 + r.nextDouble(0.99));
    Oracle oracle = new Oracle(OracleFixtures.market(), cfg);
    Instant t = T0;
    long version = 0;
    double lastGood = oracle.snapshot().underlying(BTC).index();
    for (int step = 0; step < 200; step++) {
      t = t.plusSeconds(r.nextInt(20));
      List<PriceTick> ticks = new ArrayList<>(feed.poll(t));
      // Some ticks get lost on the way; a few perpetual quotes come in with a random basis.
      ticks.removeIf(x -> r.nextDouble() < 0.2);
      if (r.nextDouble() < 0.5) {
        ticks.add(PriceTick.perpetual("perp", BTC, feed.level() * Math.exp(r.nextGaussian() * 0.05), t));
      }
      oracle.acceptAll(ticks);
      OracleUpdate u = oracle.update(t);
      MarketSnapshot s = u.snapshot();
      assertThat(s.version()).isGreaterThan(version);
      version = s.version();
      UnderlyingMarket m = s.underlying(BTC);
      assertFinitePositive(m.index());
      assertFinitePositive(m.perpetualMark());
      assertFinitePositive(m.forwards().forward(OracleFixtures.EXPIRY));
      assertThat(Double.isFinite(oracle.basis(BTC))).isTrue();
      AggregatedPrice p = u.prices().get(BTC);
      if (p.degraded()) {
        assertThat(m.index()).isEqualTo(lastGood);
        assertThat(p.price()).isEqualTo(lastGood);
      } else {
        assertThat(p.used()).hasSizeGreaterThanOrEqualTo(cfg.minSources());
        double min = p.used().stream().mapToDouble(PriceTick::price).min().orElseThrow();
        double max = p.used().stream().mapToDouble(PriceTick::price).max().orElseThrow();
        assertThat(m.index()).isBetween(min, max);
        for (PriceTick used : p.used()) {
          assertThat(Duration.between(used.timestamp(), t)).isLessThanOrEqualTo(cfg.staleness());
        }
        lastGood = m.index();
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aggregatorOnWildPricesNeverGivesNanOrInfinity(long seed) {
    System.out.println("OraclePropertiesTest wild seed " + seed);
    RandomGenerator r = rng(seed);
    PriceAggregator aggregator = new PriceAggregator(OracleConfig.defaults().withMinSources(1 + r.nextInt(3)));
    Instant asOf = T0.plusSeconds(100);
    for (int round = 0; round < 50; round++) {
      List<PriceTick> ticks = new ArrayList<>();
      int n = r.nextInt(7);
      for (int i = 0; i < n; i++) {
        double price = switch (r.nextInt(4)) {
          case 0 -> Double.MIN_VALUE * (1 + r.nextInt(1000));
          case 1 -> Double.MAX_VALUE * r.nextDouble(0.001, 1);
          default -> Math.exp(r.nextGaussian() * 3) * 100;
        };
        ticks.add(PriceTick.index("s" + i, BTC, price, asOf.minusSeconds(r.nextInt(60))));
      }
      double lastGood = Math.exp(r.nextGaussian() * 3) * 100;
      AggregatedPrice p = aggregator.aggregate(BTC, ticks, asOf, lastGood);
      assertFinitePositive(p.price());
      p.candidate().ifPresent(OraclePropertiesTest::assertFinitePositive);
      if (!p.degraded()) {
        double min = p.used().stream().mapToDouble(PriceTick::price).min().orElseThrow();
        double max = p.used().stream().mapToDouble(PriceTick::price).max().orElseThrow();
        assertThat(p.price()).isBetween(min, max);
      } else {
        assertThat(p.price()).isEqualTo(lastGood);
      }
      assertThat(p.used().size() + p.dropped().size()).isEqualTo(n);
    }
  }

  private static void assertFinitePositive(double x) {
    assertThat(Double.isFinite(x)).as("finite: %s", x).isTrue();
    assertThat(x).isPositive();
  }
}
