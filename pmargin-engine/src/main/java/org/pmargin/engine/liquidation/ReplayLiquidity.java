package org.pmargin.engine.liquidation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stats.Ewma;
import org.pmargin.data.history.DailyVolumes;
import org.pmargin.data.history.HistoryStore;

/**
 * The liquidity a replay's liquidations are costed with, calibrated from the data directory as known the day before
 * the window (no look-ahead): per coin, the 30-day average daily USD volume ({@link DailyVolumes}) and the
 * RiskMetrics EWMA vol (λ = 0.94) of the daily log returns of the year before; a coin without them keeps the
 * defaults of {@link EngineLiquidity#defaults()}. Shared by the command line's replays ({@code pmargin cascade},
 * {@code liquidate}, {@code adaptive}) and the service's cascade report.
 */
public final class ReplayLiquidity {

  private ReplayLiquidity() {
  }

  /**
   * The calibrated liquidity.
   *
   * @param dataDir  the data directory
   * @param store  its history
   * @param coins  the coins replayed
   * @param windowStart  the window's first day: only data up to the day before is used
   * @return the liquidity
   */
  public static EngineLiquidity calibrated(Path dataDir, HistoryStore store, Collection<Asset> coins,
      LocalDate windowStart) {
    LocalDate known = windowStart.minusDays(1);
    Map<Asset, Double> volumes = new TreeMap<>();
    DailyVolumes.average(dataDir, 30, null, known).forEach((a, v) -> {
      if (coins.contains(a)) {
        volumes.put(a, v);
      }
    });
    Map<Asset, Double> vols = new TreeMap<>();
    for (Asset coin : coins) {
      store.find(HistoryStore.Source.DAILY, coin).ifPresent(series -> {
        PriceSeries year = series.between(known.minusDays(365), known);
        double[] v = year.values();
        if (v.length < Ewma.DEFAULT_SEED_OBSERVATIONS + 2) {
          return;
        }
        double[] returns = new double[v.length - 1];
        for (int i = 1; i < v.length; i++) {
          returns[i - 1] = Math.log(v[i] / v[i - 1]);
        }
        double vol = Ewma.riskMetrics().volatility(returns);
        if (Double.isFinite(vol) && vol > 0) {
          vols.put(coin, vol);
        }
      });
    }
    return EngineLiquidity.defaults().withCalibration(volumes, vols);
  }
}
