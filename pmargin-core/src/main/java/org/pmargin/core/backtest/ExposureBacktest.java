package org.pmargin.core.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Backtests simulation margin on real history for a book of constant USD exposures per asset (rebalanced daily:
 * the delta of a delta-one or spot book): on each day t, the margin is the ES of the exposures over scenarios built
 * only from data before t (the last {@code lookback} h-day returns, plain or filtered by EWMA vol), and the realised
 * P&L is the exposures' P&L over the h days after t. Windows are overlapping; there is no look-ahead.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ExposureBacktest {

  private ExposureBacktest() {
  }

  /**
   * Runs the backtest.
   *
   * @param history  aligned USD price history of the exposed assets
   * @param exposureUsd  constant USD exposure per asset (negative: short)
   * @param lookback  scenarios per margin date (daily returns), ≥ 20
   * @param horizonDays  the margin period of risk h ≥ 1
   * @param esConfidence  the margin's ES confidence (0.975)
   * @param varConfidence  the VaR confidence exceptions are counted against (0.99)
   * @param filtered  whether to rescale historical returns by today's EWMA vol (filtered historical simulation)
   * @param progress  told the number of days done, for a progress bar
   * @return the result
   */
  public static BacktestResult run(AlignedHistory history, Map<Asset, Double> exposureUsd, int lookback,
      int horizonDays, double esConfidence, double varConfidence, boolean filtered, IntConsumer progress) {
    Checks.notNull(history, "history");
    Checks.notNull(exposureUsd, "exposures");
    Checks.require(lookback >= 20, "lookback", "must be at least 20 days, got " + lookback);
    Checks.require(horizonDays >= 1, "horizon_days", "must be at least 1, got " + horizonDays);
    List<Asset> assets = new ArrayList<>(exposureUsd.keySet());
    int k = assets.size();
    Checks.require(k > 0, "exposures", "a backtest needs at least one exposure");
    double[][] daily = new double[k][];
    double[] exposure = new double[k];
    double gross = 0;
    for (int i = 0; i < k; i++) {
      int idx = history.indexOf(assets.get(i));
      if (idx < 0) {
        throw new InvalidInputException("history", "no price history for " + assets.get(i));
      }
      daily[i] = history.logReturns(idx);
      exposure[i] = Checks.finite(exposureUsd.get(assets.get(i)), "exposures." + assets.get(i));
      gross += Math.abs(exposure[i]);
    }
    int m = daily[0].length; // daily returns; return j is from date j to date j+1
    // With filtering, the EWMA's seed observations are burn-in: no scenario uses a vol estimated from its own data.
    int first = lookback + horizonDays - 1 + (filtered ? Ewma.riskMetrics().seedObservations() : 0);
    int days = m - horizonDays - first + 1;
    Checks.require(days >= 1, "lookback", "history too short: " + m + " daily returns for a lookback of " + lookback
        + " and a horizon of " + horizonDays);
    double[][] vols = new double[k][];
    if (filtered) {
      for (int i = 0; i < k; i++) {
        vols[i] = Ewma.riskMetrics().volatilities(daily[i]);
      }
    }
    BacktestTally tally = new BacktestTally(days);
    double[] pnl = new double[lookback];
    for (int d = 0; d < days; d++) {
      int t = first + d; // the margin date's index: returns before t are known
      for (int s = 0; s < lookback; s++) {
        int end = t - lookback + s; // a window of h daily returns ending before t
        double total = 0;
        for (int i = 0; i < k; i++) {
          double r = 0;
          for (int j = end - horizonDays + 1; j <= end; j++) {
            double x = daily[i][j];
            if (filtered) {
              double then = vols[i][j];
              x = then > 0 ? x * vols[i][t] / then : x;
            }
            r += x;
          }
          total += exposure[i] * Math.expm1(r);
        }
        pnl[s] = total;
      }
      double margin = TailRisk.expectedShortfall(pnl, esConfidence);
      double var = TailRisk.valueAtRisk(pnl, varConfidence);
      double outcome = 0;
      for (int i = 0; i < k; i++) {
        double r = 0;
        for (int j = t; j < t + horizonDays; j++) {
          r += daily[i][j];
        }
        outcome += exposure[i] * Math.expm1(r);
      }
      tally.add(history.date(t), margin, var, outcome);
      if (progress != null) {
        progress.accept(d + 1);
      }
    }
    return tally.result(varConfidence, gross);
  }
}
