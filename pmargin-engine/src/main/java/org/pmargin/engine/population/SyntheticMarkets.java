package org.pmargin.engine.population;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.Checks;

/**
 * Fixed synthetic markets and scenario sets for benchmarks and load tests, where the figures must not depend on a
 * data directory: BTC, ETH and SOL at mid-2024 levels with forwards at three Deribit expiries (a 5%-a-year basis) and
 * flat vols, and a seeded one-day Monte Carlo scenario set over the three coins (correlated normal log returns, vol
 * log changes that move against price).
 */
public final class SyntheticMarkets {

  /** The coins, their index levels and implied vols. */
  private static final Object[][] COINS = {{Asset.BTC, 66_000.0, 0.55}, {Asset.ETH, 3_500.0, 0.65},
      {Asset.of("SOL"), 150.0, 0.80}};

  private SyntheticMarkets() {
  }

  /** The three-coin market as of 2024-06-17 08:00 UTC, version 1. */
  public static MarketSnapshot threeCoins() {
    Instant asOf = Instant.parse("2024-06-17T08:00:00Z");
    List<Instant> expiries = List.of(Instant.parse("2024-06-28T08:00:00Z"), Instant.parse("2024-09-27T08:00:00Z"),
        Instant.parse("2024-12-27T08:00:00Z"));
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    for (Object[] c : COINS) {
      Asset coin = (Asset) c[0];
      double index = (Double) c[1];
      List<ForwardCurve.ForwardPoint> points = new ArrayList<>();
      for (Instant e : expiries) {
        double years = Duration.between(asOf, e).toSeconds() / (365.0 * 86_400);
        points.add(new ForwardCurve.ForwardPoint(e, index * Math.exp(0.05 * years)));
      }
      markets.put(coin, new UnderlyingMarket(coin, new ForwardCurve(asOf, index, points), index * 1.0003, 0.0001,
          VolSurface.flat(asOf, (Double) c[2])));
    }
    return new MarketSnapshot(asOf, 1, 0.0, markets, Map.of(Asset.USDC, 1.0));
  }

  /**
   * A seeded one-day Monte Carlo scenario set over BTC, ETH and SOL: daily vols 3.5%, 4.5%, 6%, correlations 0.8
   * (BTC–ETH), 0.7 (BTC–SOL), 0.75 (ETH–SOL); vol log change = −1.5 × return + 5% noise.
   *
   * @param scenarios  how many, ≥ 1
   * @param seed  the seed
   * @return the set
   */
  public static ScenarioSet monteCarlo(int scenarios, long seed) {
    Checks.require(scenarios >= 1, "scenarios", "must be >= 1, got " + scenarios);
    double[] vol = {0.035, 0.045, 0.06};
    // Cholesky factor of [[1, .8, .7], [.8, 1, .75], [.7, .75, 1]].
    double l21 = 0.8;
    double l22 = Math.sqrt(1 - l21 * l21);
    double l31 = 0.7;
    double l32 = (0.75 - l31 * l21) / l22;
    double l33 = Math.sqrt(1 - l31 * l31 - l32 * l32);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] returns = new double[scenarios][3];
    double[][] vols = new double[scenarios][3];
    for (int s = 0; s < scenarios; s++) {
      double z1 = rnd.nextGaussian();
      double z2 = rnd.nextGaussian();
      double z3 = rnd.nextGaussian();
      double[] z = {z1, l21 * z1 + l22 * z2, l31 * z1 + l32 * z2 + l33 * z3};
      for (int f = 0; f < 3; f++) {
        returns[s][f] = vol[f] * z[f];
        vols[s][f] = -1.5 * returns[s][f] + 0.05 * rnd.nextGaussian();
      }
    }
    return new ScenarioSet("synthetic-mc-" + scenarios, List.of(Asset.BTC, Asset.ETH, Asset.of("SOL")), returns,
        vols, null);
  }
}
