package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
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
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.simulation.ScalarScenarioKernel;
import org.pmargin.core.margin.simulation.ScenarioKernel;
import org.pmargin.core.margin.simulation.ScenarioKernels;
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
import org.pmargin.core.validation.InvalidInputException;

/**
 * The Vector API scenario kernel against the scalar reference, bit for bit: sums and kept candidates over seeded
 * random exposures (1 to 13 of them, ranges not a multiple of a vector, zeros of both signs), and the simulation
 * margin through it against the reference path; and that the service loader picks it when the module is present.
 */
class VectorScenarioKernelTest {

  private static final ScenarioKernel VECTOR = new VectorScenarioKernel();
  private static final ScenarioKernel SCALAR = ScalarScenarioKernel.INSTANCE;

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldSumAndKeepAsTheScalarKernelBitForBit(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1 + rnd.nextInt(700);
    int count = 1 + (int) (seed % 13);
    double[] w = new double[count];
    double[][] u = new double[count][n];
    for (int k = 0; k < count; k++) {
      w[k] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 2);
      for (int s = 0; s < n; s++) {
        int c = rnd.nextInt(12);
        u[k][s] = c == 0 ? 0.0 : c == 1 ? -0.0 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 3);
      }
    }
    int from = rnd.nextInt(n);
    int to = from + rnd.nextInt(n - from + 1);
    double[] want = new double[to - from + 3];
    double[] got = new double[to - from + 3];
    SCALAR.sum(w, u, count, from, to, want, 3 - 3);
    VECTOR.sum(w, u, count, from, to, got, 0);
    for (int i = 0; i < to - from; i++) {
      assertThat(Double.doubleToRawLongBits(got[i])).as("seed %d scenario %d", seed, from + i)
          .isEqualTo(Double.doubleToRawLongBits(want[i]));
    }
    for (double q : new double[] {-1e300, -1, 0, 1, 1e300}) {
      double threshold = q == -1 || q == 1 ? q * Math.abs(want.length > 0 ? want[0] : 1) : q;
      int room = to - from + ScenarioKernel.SLACK + 5;
      int[] wi = new int[room];
      double[] wv = new double[room];
      int[] gi = new int[room];
      double[] gv = new double[room];
      int wf = SCALAR.sumBelow(w, u, count, from, to, threshold, wi, wv, 5);
      int gf = VECTOR.sumBelow(w, u, count, from, to, threshold, gi, gv, 5);
      assertThat(gf).isEqualTo(wf);
      for (int i = 5; i < gf; i++) {
        assertThat(gi[i]).isEqualTo(wi[i]);
        assertThat(Double.doubleToRawLongBits(gv[i])).isEqualTo(Double.doubleToRawLongBits(wv[i]));
      }
      int bf = VECTOR.below(want, 0, to - from, from, threshold, gi, gv, 0);
      assertThat(bf).isEqualTo(wf - 5);
      for (int i = 0; i < bf; i++) {
        assertThat(gi[i]).isEqualTo(wi[i + 5]);
      }
    }
  }

  @Test
  void shouldBeTheKernelTheModelUsesWhenTheModuleIsPresent() {
    assertThat(ScenarioKernels.preferred()).isInstanceOf(VectorScenarioKernel.class);
    assertThat(ScenarioKernels.preferred().name()).startsWith("vector-");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldGiveTheReferenceMarginsThroughTheModel(long seed) {
    if (seed >= 6) {
      return; // six books of 10,000 scenarios are enough here; the core module tests the pass itself widely
    }
    SplittableRandom rnd = new SplittableRandom(seed + 100);
    Instant t = Instant.parse("2024-06-17T10:00:00Z");
    MarketSnapshot market = new MarketSnapshot(t, 1, 0.03, Map.of(
        Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(t, 60500), 60000, 0.0003,
            VolSurface.flat(t, 0.6)),
        Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(t, 3020), 3000, -0.0002,
            VolSurface.flat(t, 0.7))),
        Map.of(Asset.USDC, 1.0));
    int n = 10_000;
    double[][] r = new double[n][2];
    double[][] v = new double[n][2];
    for (int s = 0; s < n; s++) {
      for (int f = 0; f < 2; f++) {
        r[s][f] = 0.04 * rnd.nextGaussian();
        v[s][f] = 0.1 * rnd.nextGaussian();
      }
    }
    ScenarioSet set = new ScenarioSet("mc", List.of(Asset.BTC, Asset.ETH), r, v, null);
    SimulationMarginModel model = new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99,
        MarginView.UNIFIED_USD, 1.0, 0.8, SimulationParameters.standard().haircuts()));
    assertThat(model.kernel()).isInstanceOf(VectorScenarioKernel.class);
    List<Instrument> universe = new ArrayList<>();
    for (String symbol : List.of("BTC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC-27SEP24", "BTC-27SEP24-65000-C",
        "BTC_USDC-27SEP24-55000-P", "ETH-27SEP24-2800-P", "ETH-27SEP24-3400-C", "BTC-27SEP24-70000-P",
        "BTC-27SEP24-60000-C", "ETH-27SEP24-3000-P", "BTC-27SEP24-50000-P")) {
      universe.add(DeribitSymbols.parse(symbol));
    }
    List<Account> accounts = new ArrayList<>();
    for (int a = 0; a < 8; a++) {
      List<Position> positions = new ArrayList<>();
      for (Instrument inst : universe) {
        if (rnd.nextInt(5) > 0) {
          double qty = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(50));
          double entry = inst.symbol().endsWith("-C") || inst.symbol().endsWith("-P") ? 0.05 * rnd.nextDouble()
              : (inst.underlying().equals(Asset.BTC) ? 60000 : 3000) * (0.9 + 0.2 * rnd.nextDouble());
          positions.add(new Position(inst, qty, entry));
        }
      }
      if (positions.isEmpty()) {
        positions.add(new Position(universe.get(0), 10, 60000));
      }
      accounts.add(new Account("a" + a, new Portfolio(positions), Map.of(Asset.USDC, 1e6 * rnd.nextDouble())));
    }
    MarginResult[] got = new MarginResult[accounts.size()];
    MarginResult[] want = new MarginResult[accounts.size()];
    InvalidInputException[] errors = new InvalidInputException[accounts.size()];
    model.marginAll(accounts, market, VectorCache.NONE, got, errors);
    model.withKernel(null).marginAll(accounts, market, VectorCache.NONE, want, errors);
    for (int i = 0; i < accounts.size(); i++) {
      assertThat(errors[i]).isNull();
      assertThat(got[i]).as("seed %d account %d", seed, i).isEqualTo(want[i]);
      assertThat(got[i].health()).isEqualTo(model.margin(accounts.get(i), market).health());
    }
  }
}
