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
    int[] marginDays = new int[days];
    for (int d = 0; d < days; d++) {
      marginDays[d] = first + d;
    }
    return tally(history, daily, exposure, gross, lookback, horizonDays, esConfidence, varConfidence,
        filtered ? vols : null, filtered ? vols : null, marginDays, progress);
  }

  /**
   * Runs a filtered historical backtest with vols supplied by the caller (an adaptive vol forecast instead of the
   * EWMA): on margin date t, scenario return j is x_j·σ_now[t]/σ_then[j], the history's return standardised by the
   * vol it was drawn under and rescaled to the vol forecast for t.
   *
   * @param history  aligned USD price history of the exposed assets
   * @param exposureUsd  constant USD exposure per asset
   * @param lookback  scenarios per margin date, ≥ 20
   * @param horizonDays  the margin period of risk h ≥ 1
   * @param esConfidence  the margin's ES confidence
   * @param varConfidence  the VaR confidence of the exceptions
   * @param volNow  per asset, the vol forecast applied on date index t (daily-return indexing, length ≥ returns)
   * @param volThen  per asset, the vol standardising return j (same indexing)
   * @param marginDays  the margin dates' indices t, ascending, each with lookback + h − 1 returns before it and h
   *     after it; every vol read must be a known-at-t value (the caller's no-look-ahead)
   * @param progress  told the number of days done, or null
   * @return the result over the given days
   */
  public static BacktestResult runWithVols(AlignedHistory history, Map<Asset, Double> exposureUsd, int lookback,
      int horizonDays, double esConfidence, double varConfidence, Map<Asset, double[]> volNow,
      Map<Asset, double[]> volThen, int[] marginDays, IntConsumer progress) {
    Checks.notNull(history, "history");
    Checks.notNull(exposureUsd, "exposures");
    Checks.notNull(marginDays, "margin_days");
    Checks.require(marginDays.length > 0, "margin_days", "needs at least one margin date");
    List<Asset> assets = new ArrayList<>(exposureUsd.keySet());
    int k = assets.size();
    double[][] daily = new double[k][];
    double[] exposure = new double[k];
    double[][] now = new double[k][];
    double[][] then = new double[k][];
    double gross = 0;
    for (int i = 0; i < k; i++) {
      Asset a = assets.get(i);
      int idx = history.indexOf(a);
      if (idx < 0) {
        throw new InvalidInputException("history", "no price history for " + a);
      }
      daily[i] = history.logReturns(idx);
      exposure[i] = Checks.finite(exposureUsd.get(a), "exposures." + a);
      gross += Math.abs(exposure[i]);
      now[i] = Checks.notNull(volNow.get(a), "vol_now." + a);
      then[i] = Checks.notNull(volThen.get(a), "vol_then." + a);
      Checks.require(now[i].length >= daily[i].length && then[i].length >= daily[i].length, "vol_now." + a,
          "needs a vol per daily return");
    }
    int m = daily[0].length;
    for (int d = 0; d < marginDays.length; d++) {
      int t = marginDays[d];
      Checks.require(t >= lookback + horizonDays - 1 && t + horizonDays <= m && (d == 0 || t > marginDays[d - 1]),
          "margin_days[" + d + "]", "must be ascending and in [" + (lookback + horizonDays - 1) + ", "
          + (m - horizonDays) + "], got " + t);
      for (int i = 0; i < k; i++) {
        Checks.positive(now[i][t], "vol_now." + assets.get(i) + "[" + t + "]");
      }
    }
    return tally(history, daily, exposure, gross, lookback, horizonDays, esConfidence, varConfidence, now, then,
        marginDays, progress);
  }

  private static BacktestResult tally(AlignedHistory history, double[][] daily, double[] exposure, double gross,
      int lookback, int horizonDays, double esConfidence, double varConfidence, double[][] volNow,
      double[][] volThen, int[] marginDays, IntConsumer progress) {
    int k = daily.length;
    BacktestTally tally = new BacktestTally(marginDays.length);
    double[] pnl = new double[lookback];
    for (int d = 0; d < marginDays.length; d++) {
      int t = marginDays[d]; // the margin date's index: returns before t are known
      for (int s = 0; s < lookback; s++) {
        int end = t - lookback + s; // a window of h daily returns ending before t
        double total = 0;
        for (int i = 0; i < k; i++) {
          double r = 0;
          for (int j = end - horizonDays + 1; j <= end; j++) {
            double x = daily[i][j];
            if (volNow != null) {
              double was = volThen[i][j];
              x = was > 0 ? x * volNow[i][t] / was : x;
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
