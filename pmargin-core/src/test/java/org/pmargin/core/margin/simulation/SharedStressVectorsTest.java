package org.pmargin.core.margin.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.stress.StressTest;

/**
 * The stress add-on from shared per-unit stress vectors against {@link StressTest}, which revalues every position
 * of the account itself: the same P&L in every stress, for random books with random entry prices (inverse
 * contracts' entry goes into the weight, a linear contract's into the depeg term), including a USDC depeg.
 */
class SharedStressVectorsTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0.02, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 60500), 60000, 0, VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3020), 3000, 0, VolSurface.flat(T, 0.7))),
      Map.of(Asset.USDC, 1.0, Asset.USDT, 1.0));

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldGiveTheStressTestsPnlInEveryStress(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<StressScenario> stresses = new ArrayList<>(StressLibrary.hypothetical());
    stresses.add(new StressScenario("usdc depeg", "USDC to 0.87, BTC -10%", Map.of(Asset.USDC, Math.log(0.87),
        Asset.BTC, Math.log(0.9)), Map.of(Asset.BTC, 0.3), -0.05, 0.1));
    ScenarioSet set = new ScenarioSet("two", List.of(Asset.BTC, Asset.ETH), new double[][] {{0.01, 0.02},
        {-0.03, -0.01}}, null, null);
    SimulationParameters base = SimulationParameters.standard();
    SimulationMarginModel model = new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99,
        MarginView.UNIFIED_USD, 1.0, 0.8, base.haircuts()), new SimulationAddOns(stresses, 0.5, null, Map.of(),
        Map.of(), 0));
    MapVectorCache cache = new MapVectorCache();
    for (int a = 0; a < 5; a++) {
      Account account = account(rnd);
      double[] shared = model.stressPnl(account, MARKET, cache);
      List<StressResult> direct = StressTest.run(account, MARKET, stresses, base.haircuts());
      for (int k = 0; k < stresses.size(); k++) {
        double expected = direct.get(k).pnlUsd();
        assertThat(shared[k]).as("seed %d account %d stress %s", seed, a, stresses.get(k).name())
            .isCloseTo(expected, within(1e-9 * (1 + Math.abs(expected) + 1e6)));
      }
    }
  }

  private static Account account(SplittableRandom rnd) {
    List<Position> positions = new ArrayList<>();
    for (String symbol : List.of("BTC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC_USDC-PERPETUAL", "BTC-27SEP24",
        "BTC-27SEP24-65000-C", "BTC_USDC-27SEP24-55000-P", "ETH-27SEP24-2800-P", "ETH_USDC-27SEP24")) {
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      Instrument inst = DeribitSymbols.parse(symbol);
      double qty = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(100));
      double entry = inst instanceof EuropeanOption ? 0.05 * rnd.nextDouble()
          : (inst.underlying().equals(Asset.BTC) ? 60000 : 3000) * (0.7 + 0.6 * rnd.nextDouble());
      positions.add(new Position(inst, qty, entry));
    }
    return new Account("s", new Portfolio(positions), Map.of(Asset.BTC, rnd.nextDouble(), Asset.USDC,
        100_000 * rnd.nextDouble(), Asset.USDT, 5_000 * rnd.nextDouble()));
  }
}
