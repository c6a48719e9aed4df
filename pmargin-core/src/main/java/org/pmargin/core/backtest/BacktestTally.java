package org.pmargin.core.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.stats.BacktestStatistics;

/**
 * Collects a backtest's days (margin, VaR, realised P&L) and turns them into a {@link BacktestResult}: exceptions
 * against VaR, breaches of the margin, the coverage and independence tests and the zone. Shared by every backtest so
 * they count alike. Not thread-safe: one tally per run.
 */
final class BacktestTally {

  private final List<LocalDate> dates = new ArrayList<>();
  private final double[] margin;
  private final double[] var;
  private final double[] realised;
  private final boolean[] exceptions;
  private int breaches;

  BacktestTally(int days) {
    margin = new double[days];
    var = new double[days];
    realised = new double[days];
    exceptions = new boolean[days];
  }

  /** Records the next day. */
  void add(LocalDate date, double dayMargin, double dayVar, double dayRealised) {
    int d = dates.size();
    dates.add(date);
    margin[d] = dayMargin;
    var[d] = dayVar;
    realised[d] = dayRealised;
    exceptions[d] = BacktestResult.isException(dayRealised, dayVar);
    if (-dayRealised > dayMargin) {
      breaches++;
    }
  }

  /** The result over the recorded days. */
  BacktestResult result(double varConfidence, double grossExposure) {
    int days = dates.size();
    int count = 0;
    double sum = 0;
    for (int d = 0; d < days; d++) {
      count += exceptions[d] ? 1 : 0;
      sum += margin[d];
    }
    return new BacktestResult(List.copyOf(dates), margin, var, realised, varConfidence, count, breaches,
        BacktestStatistics.kupiec(exceptions, varConfidence), BacktestStatistics.christoffersen(exceptions),
        BacktestStatistics.trafficLight(days, count, varConfidence), sum / days, grossExposure);
  }
}
