package org.pmargin.core.backtest;

import java.time.LocalDate;
import java.util.List;
import org.pmargin.core.stats.BacktestStatistics;

/**
 * What a backtest found: per day, the margin computed from data up to that day and the loss realised over the
 * horizon after it; the exceptions against VaR, with Kupiec's and Christoffersen's tests and the Basel zone; and the
 * cost side.
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
 * @param zone  the Basel traffic-light zone of the exception count
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
}
