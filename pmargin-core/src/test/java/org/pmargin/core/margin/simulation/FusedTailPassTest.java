package org.pmargin.core.margin.simulation;

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
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The fused tail pass (ES found while the P&L is summed, candidates selected exactly) against the reference path
 * (full vectors, then {@link TailRisk}) and the stand-alone margin: the same figures bit for bit, over seeded large
 * scenario sets with repeated scenarios (ties), zero-P&L scenarios (±0) and sets built so the sample misjudges the
 * tail (the fallback).
 */
class FusedTailPassTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0.03, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 60500), 60000, 0.0003,
          VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3020), 3000, -0.0002,
          VolSurface.flat(T, 0.7))),
      Map.of(Asset.USDC, 1.0));

  static Stream<Long> seeds() {
    return LongStream.range(0, 12).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldGiveTheReferenceFiguresBitForBit(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 4096 + rnd.nextInt(8000);
    ScenarioSet set = randomSet(rnd, n, seed % 3 == 2);
    double confidence = seed % 4 == 0 ? 0.99 : 0.975;
    for (MarginView view : MarginView.values()) {
      SimulationParameters base = SimulationParameters.standard();
      SimulationMarginModel fused = new SimulationMarginModel(set,
          new SimulationParameters(confidence, 0.99, view, 1.0, 0.8, base.haircuts()));
      SimulationMarginModel reference = fused.withKernel(null);
      assertThat(fused.kernel()).isNotNull();
      List<Account> accounts = new ArrayList<>();
      for (int a = 0; a < 12; a++) {
        accounts.add(randomAccount(rnd));
      }
      MarginResult[] got = new MarginResult[accounts.size()];
      MarginResult[] want = new MarginResult[accounts.size()];
      InvalidInputException[] errors = new InvalidInputException[accounts.size()];
      MapVectorCache cache = new MapVectorCache();
      fused.marginAll(accounts, MARKET, cache, got, errors);
      reference.marginAll(accounts, MARKET, cache, want, errors);
      for (int i = 0; i < accounts.size(); i++) {
        assertThat(errors[i]).isNull();
        assertThat(got[i]).as("seed %d %s account %d", seed, view, i).isEqualTo(want[i]);
        MarginResult alone = fused.margin(accounts.get(i), MARKET);
        assertThat(got[i].health()).as("seed %d %s account %d", seed, view, i).isEqualTo(alone.health());
        assertThat(fused.margin(accounts.get(i), MARKET, cache, false)).isEqualTo(want[i]);
        assertThat(got[i].initialMarginUsd()).isPositive();
      }
    }
  }

  @Test
  void shouldFallBackWhenTheSampleMisjudgesTheTail() {
    // The sampled tiles (the first 32 scenarios of every 256) hold all the big moves: the threshold read off them
    // lets fewer than m scenarios through, so every pool takes the fallback; the figures must not change.
    int n = 8192;
    double[][] r = new double[n][2];
    double[][] v = new double[n][2];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int s = 0; s < n; s++) {
      double size = s % TailPass.BLOCK < TailPass.TILE ? 0.2 : 0.001;
      r[s][0] = size * (rnd.nextDouble() * 2 - 1);
      r[s][1] = size * (rnd.nextDouble() * 2 - 1);
    }
    ScenarioSet set = new ScenarioSet("skewed", List.of(Asset.BTC, Asset.ETH), r, v, null);
    SimulationMarginModel fused = new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99,
        MarginView.UNIFIED_USD, 1.0, 0.8, SimulationParameters.standard().haircuts()));
    for (int a = 0; a < 10; a++) {
      Account account = randomAccount(rnd);
      assertThat(fused.margin(account, MARKET, new MapVectorCache(), false))
          .isEqualTo(fused.withKernel(null).margin(account, MARKET, new MapVectorCache(), false));
    }
  }

  @Test
  void shouldSelectTheTailAsTailRiskRanksIt() {
    // Direct: many exact ties and both zeros, the pass against TailRisk on the full vector.
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 6000;
    double[][] units = new double[3][n];
    for (double[] u : units) {
      for (int s = 0; s < n; s++) {
        int c = rnd.nextInt(10);
        u[s] = c == 0 ? 0.0 : c == 1 ? -0.0 : Math.rint(rnd.nextGaussian() * 4);
      }
    }
    double[] w = {1, -2, 0.5};
    double[] total = new double[n];
    ScalarScenarioKernel.INSTANCE.sum(w, units, 3, 0, n, total, 0);
    double[] es = new double[1];
    TailPass.get().expectedShortfalls(ScalarScenarioKernel.INSTANCE, new double[][] {w}, new double[][][] {units},
        new int[] {3}, 1, n, 0.975, es);
    assertThat(es[0]).isEqualTo(TailRisk.expectedShortfall(total, TailRisk.tailSet(total, 0.975)));
    assertThat(es[0]).isPositive();
  }

  @Test
  void shouldOrderKeysAsDoubleCompare() {
    double[] values = {-1e300, -3.5, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 2, 1e300};
    for (int i = 0; i + 1 < values.length; i++) {
      assertThat(TailPass.key(values[i])).isLessThan(TailPass.key(values[i + 1]));
      assertThat(Double.doubleToRawLongBits(TailPass.value(TailPass.key(values[i]))))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  /** Log returns with fat tails, some scenarios repeated (exact ties) and some with no move at all (zero P&L). */
  private static ScenarioSet randomSet(SplittableRandom rnd, int n, boolean fat) {
    double[][] r = new double[n][2];
    double[][] v = new double[n][2];
    for (int s = 0; s < n; s++) {
      int kind = rnd.nextInt(20);
      if (kind == 0 && s > 0) {
        int from = rnd.nextInt(s);
        r[s] = r[from].clone();
        v[s] = v[from].clone();
        continue;
      }
      if (kind == 1) {
        continue; // no move: every exposure's P&L is zero
      }
      for (int f = 0; f < 2; f++) {
        double g = rnd.nextGaussian();
        r[s][f] = 0.03 * (fat ? g * g * g : g);
        v[s][f] = 0.1 * (rnd.nextDouble() * 2 - 1);
      }
    }
    return new ScenarioSet("random", List.of(Asset.BTC, Asset.ETH), r, v, null);
  }

  private static Account randomAccount(SplittableRandom rnd) {
    List<Instrument> universe = new ArrayList<>();
    for (String symbol : List.of("BTC-PERPETUAL", "ETH_USDC-PERPETUAL", "BTC-27SEP24", "BTC-27SEP24-65000-C",
        "BTC_USDC-27SEP24-55000-P", "ETH-27SEP24-2800-P", "ETH-27SEP24-3400-C", "BTC-27SEP24-70000-P")) {
      universe.add(DeribitSymbols.parse(symbol));
    }
    List<Position> positions = new ArrayList<>();
    for (Instrument inst : universe) {
      if (rnd.nextInt(4) == 0) {
        continue;
      }
      double qty = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(100));
      double entry = inst instanceof EuropeanOption ? 0.05 * rnd.nextDouble()
          : (inst.underlying().equals(Asset.BTC) ? 60000 : 3000) * (0.8 + 0.4 * rnd.nextDouble());
      positions.add(new Position(inst, qty, entry));
    }
    if (positions.isEmpty()) {
      positions.add(new Position(universe.get(0), 100, 59000));
    }
    return new Account("r", new Portfolio(positions), Map.of(Asset.BTC, rnd.nextDouble(), Asset.USDC,
        100_000 * rnd.nextDouble()));
  }
}
