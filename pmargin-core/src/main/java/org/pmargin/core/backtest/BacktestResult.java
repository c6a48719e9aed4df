package org.pmargin.core.backtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.pmargin.core.stats.BacktestStatistics;
import org.pmargin.core.stats.RollingTrafficLight;

/**
 * What a backtest found: per day, the margin computed from data up to that day and the loss realised over the
 * horizon after it; the exceptions against VaR, with Kupiec's and Christoffersen's tests, the traffic-light zone of the
 * whole period and the Basel zone over rolling 250-day windows; and the cost side.
 *
 * @param dates  the margin dates
 * @param margin  the ES margin per date (USD)
 * @param var  the VaR per date (USD), the level exceptions are counted against
 * @param realisedPnl  the P&L realised over the horizon after each date (USD)
 * @param varConfidence  the VaR confidence of the exception count
 * @param exceptions  days whose realised loss exceeded that day's VaR
 * @param marginBreaches  days whose realised loss exceeded that day's ES margin
 * @param kupiec  Kupiec's unconditional coverage test
 * @param christoffersen  Christoffersen's independence test
 * @param zone  the traffic-light zone of the whole period's exception count (the binomial thresholds at its length;
 *     {@link #rollingZone()} is the Basel framework's 250-day one)
 * @param averageMargin  the mean margin (the cost side)
 * @param averageExposure  the gross USD exposure margin is compared with: the delta exposures of an exposure
 *     backtest; the notional of the book (options at their underlying's value) of a revaluation backtest
 */
public record BacktestResult(List<LocalDate> dates, double[] margin, double[] var, double[] realisedPnl,
    double varConfidence, int exceptions, int marginBreaches, BacktestStatistics.LikelihoodRatio kupiec,
    BacktestStatistics.LikelihoodRatio christoffersen, BacktestStatistics.Zone zone, double averageMargin,
    double averageExposure) {

  /** The number of backtested days. */
  public int observations() {
    return dates.size();
  }

  /** Whether a day is an exception: its realised loss exceeded its VaR (the rule every backtest counts by). */
  static boolean isException(double dayRealised, double dayVar) {
    return -dayRealised > dayVar;
  }

  /** The exception record, one flag per date (true = exception). */
  public boolean[] exceptionDays() {
    boolean[] out = new boolean[realisedPnl.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = isException(realisedPnl[d], var[d]);
    }
    return out;
  }

  /** Christoffersen's conditional coverage test (Kupiec's and the independence test together, χ² 2 df). */
  public BacktestStatistics.LikelihoodRatio conditionalCoverage() {
    return BacktestStatistics.conditionalCoverage(kupiec, christoffersen);
  }

  /**
   * The Basel traffic light over rolling 250-day windows of the exception record (BCBS 1996), its day indices those
   * of {@link #dates()}.
   *
   * @return the rolling zones, or empty when the backtest has fewer than 250 days
   */
  public Optional<RollingTrafficLight> rollingZone() {
    return observations() < RollingTrafficLight.BASEL_WINDOW ? Optional.empty()
        : Optional.of(RollingTrafficLight.basel(exceptionDays(), varConfidence));
  }
}
