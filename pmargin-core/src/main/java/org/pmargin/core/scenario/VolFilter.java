package org.pmargin.core.scenario;

/**
 * The volatility filter of a filtered historical simulation: for n daily returns, n + 1 volatilities, element t known
 * at the start of day t (built from returns before t), the last one the forecast for the day after the history.
 * The EWMA ({@link org.pmargin.core.stats.Ewma#volatilities}) is the default; the adaptive package's GARCH and GJR
 * fits are others, each applied only to the factors where it won its backtest.
 */
@FunctionalInterface
public interface VolFilter {

  /**
   * The volatilities.
   *
   * @param factor  the factor whose returns these are
   * @param returns  the daily log returns
   * @return n + 1 volatilities, each finite and ≥ 0
   */
  double[] volatilities(org.pmargin.core.instrument.Asset factor, double[] returns);
}
