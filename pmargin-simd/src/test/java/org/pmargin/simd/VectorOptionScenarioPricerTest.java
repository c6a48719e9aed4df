package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.simulation.OptionScenarioPricer;
import org.pmargin.core.margin.simulation.OptionScenarioPricers;
import org.pmargin.core.margin.simulation.ScalarOptionScenarioPricer;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;

/**
 * The Vector API option pricer against the scalar reference: within the kernel's accuracy contract
 * (1e-12·|price| + 1e-15·F·D) over seeded random options and scenario moves, the scalar fallback bit for bit outside
 * the kernel's bounds, a simulation margin built on it within 1e-10 relative of the reference path's; and that the
 * service loader picks it when the module is present.
 */
class VectorOptionScenarioPricerTest {

  private static final OptionScenarioPricer VECTOR = new VectorOptionScenarioPricer();
  private static final OptionScenarioPricer SCALAR = ScalarOptionScenarioPricer.INSTANCE;

  static Stream<Long> seeds() {
    return LongStream.range(0, 30).boxed();
  }

  @Test
  void shouldBeThePreferredPricerWithTheVectorModule() {
    assertThat(OptionScenarioPricers.preferred().name()).startsWith("vector-");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldPriceEveryScenarioWithinTheKernelsContract(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1 + rnd.nextInt(1500);
    boolean call = rnd.nextBoolean();
    double f0 = Math.exp(rnd.nextDouble(Math.log(0.01), Math.log(1e6)));
    double strike = f0 * Math.exp(rnd.nextDouble(-3, 3));
    double t = Math.exp(rnd.nextDouble(Math.log(1.0 / 365 / 24), Math.log(5)));
    double discount = Math.exp(-0.05 * t);
    double vol0 = Math.exp(rnd.nextDouble(Math.log(0.05), Math.log(3)));
    double[] forwards = new double[n];
    double[] vols = new double[n];
    for (int s = 0; s < n; s++) {
      forwards[s] = f0 * Math.exp(0.2 * rnd.nextGaussian());
      vols[s] = vol0 * Math.exp(0.3 * rnd.nextGaussian());
    }
    double[] want = new double[n];
    double[] got = new double[n + 3];
    got[n] = 42;
    SCALAR.price(call, strike, t, discount, forwards, vols, n, want);
    VECTOR.price(call, strike, t, discount, forwards, vols, n, got);
    for (int s = 0; s < n; s++) {
      double tolerance = 1e-12 * Math.abs(want[s]) + 1e-15 * forwards[s] * discount;
      assertThat(got[s]).as("seed %d scenario %d", seed, s).isCloseTo(want[s],
          org.assertj.core.data.Offset.offset(tolerance));
      assertThat(Double.isFinite(got[s])).isTrue();
    }
    assertThat(got[n]).as("past n untouched").isEqualTo(42);
  }

  @Test
  void shouldFallBackToTheReferenceOutsideTheKernelsBounds() {
    double[] forwards = {60000, 61000, 59000, 60500};
    double[] vols = {0.6, 0.7, 200.0, 0.5}; // σ√T = 100 at T = 0.25 exceeds the kernel's bound in one scenario
    double[] want = new double[4];
    double[] got = new double[4];
    SCALAR.price(true, 65000, 0.25, 0.99, forwards, vols, 4, want);
    VECTOR.price(true, 65000, 0.25, 0.99, forwards, vols, 4, got);
    assertThat(got).containsExactly(want);
  }

  @Test
  void shouldMarginWithinTenDigitsOfTheReferencePricer() {
    SplittableRandom rnd = new SplittableRandom(7);
    Instant t = Instant.parse("2024-06-17T10:00:00Z");
    MarketSnapshot market = new MarketSnapshot(t, 1, 0.03, Map.of(
        Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(t, 60500), 60000, 0.0003,
            VolSurface.flat(t, 0.6))), Map.of(Asset.USDC, 1.0));
    int n = 5_003;
    double[][] r = new double[n][1];
    double[][] v = new double[n][1];
    for (int s = 0; s < n; s++) {
      r[s][0] = 0.05 * rnd.nextGaussian();
      v[s][0] = 0.15 * rnd.nextGaussian();
    }
    ScenarioSet set = new ScenarioSet("mc", List.of(Asset.BTC), r, v, null);
    SimulationMarginModel model = new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99,
        MarginView.UNIFIED_USD, 1.0, 0.8, SimulationParameters.standard().haircuts()));
    assertThat(model.optionPricer().name()).startsWith("vector-");
    Account account = new Account("a", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC-27SEP24-65000-C"), -40, 0.03),
        new Position(DeribitSymbols.parse("BTC_USDC-27SEP24-55000-P"), -25, 900),
        new Position(DeribitSymbols.parse("BTC-27SEP24-80000-C"), 60, 0.004),
        new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 100_000, 60000))), Map.of(Asset.USDC, 2e6));
    MarginResult vector = model.margin(account, market);
    MarginResult scalar = model.withOptionPricer(SCALAR).margin(account, market);
    assertThat(vector.initialMarginUsd()).isCloseTo(scalar.initialMarginUsd(),
        org.assertj.core.data.Percentage.withPercentage(1e-8));
    assertThat(vector.initialMarginUsd()).isNotEqualTo(0.0);
    Position call = account.portfolio().positions().get(0);
    double[] unitVector = model.unitVector(ExposureKey.of(call, Asset.USD), market);
    double[] unitScalar = model.withOptionPricer(SCALAR).unitVector(ExposureKey.of(call, Asset.USD), market);
    for (int s = 0; s < n; s++) {
      assertThat(unitVector[s]).isCloseTo(unitScalar[s], org.assertj.core.data.Offset.offset(
          1e-11 * Math.abs(unitScalar[s]) + 1e-10));
    }
  }
}
