package org.pmargin.core.adaptive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The heterogeneous autoregressive model of realised variance (Corsi 2009): tomorrow's realised variance regressed
 * on today's, the mean of the last 5 days' and the mean of the last 22 days',
 * RV_{d+1} = b0 + b_d·RV_d + b_w·RV_d^(5) + b_m·RV_d^(22) + ε, by ordinary least squares (Hipparchus'
 * {@link OLSMultipleLinearRegression}).
 *
 * <p>Why: traders at daily, weekly and monthly horizons make volatility a cascade of components; three averages
 * capture its long memory with four coefficients, and intraday bars measure the variance far better than one
 * squared daily return. Conventions: a row needs RV on the 22 consecutive calendar days d−21..d and on d+1 (crypto
 * trades every day); a forecast below the smallest fitted RV is floored there (OLS can extrapolate below zero).
 *
 * @param intercept  b0, variance per day
 * @param daily  b_d
 * @param weekly  b_w
 * @param monthly  b_m
 * @param rows  the observations fitted
 * @param floor  the smallest realised variance of the fit, the forecasts' floor
 */
public record HarModel(double intercept, double daily, double weekly, double monthly, int rows, double floor) {

  /** Days of the weekly average. */
  public static final int WEEK = 5;
  /** Days of the monthly average (and the history a forecast needs). */
  public static final int MONTH = 22;
  /** The least rows a fit accepts. */
  public static final int MIN_ROWS = 30;

  /** Validates the fields. */
  public HarModel {
    Checks.finite(intercept, "intercept");
    Checks.finite(daily, "daily");
    Checks.finite(weekly, "weekly");
    Checks.finite(monthly, "monthly");
    Checks.positive(floor, "floor");
  }

  /**
   * Fits on every row whose target day is before {@code before} (null: all rows).
   *
   * @param rv  realised variance by day (gaps allowed: rows that would straddle one are left out)
   * @param before  the first day a target may not be on, or null
   * @return the fit
   * @throws InvalidInputException naming {@code realised_variance} with fewer than {@value #MIN_ROWS} rows
   */
  public static HarModel fit(NavigableMap<LocalDate, Double> rv, LocalDate before) {
    Checks.notNull(rv, "realised_variance");
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double floor = Double.POSITIVE_INFINITY;
    for (var e : rv.entrySet()) {
      LocalDate target = e.getKey();
      if (before != null && !target.isBefore(before)) {
        break;
      }
      Checks.positive(e.getValue(), "realised_variance." + target);
      double[] row = regressors(rv, target.minusDays(1));
      if (row != null) {
        x.add(row);
        y.add(e.getValue());
        floor = Math.min(floor, Math.min(e.getValue(), row[0]));
      }
    }
    if (x.size() < MIN_ROWS) {
      throw new InvalidInputException("realised_variance", "a HAR fit needs at least " + MIN_ROWS + " days with "
          + MONTH + " consecutive days of realised variance before them, got " + x.size());
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
    try {
      ols.newSampleData(ys, x.toArray(double[][]::new));
      double[] b = ols.estimateRegressionParameters();
      return new HarModel(b[0], b[1], b[2], b[3], ys.length, floor);
    } catch (MathIllegalArgumentException e) {
      throw new InvalidInputException("realised_variance", "the HAR regression is singular: " + e.getMessage(), e);
    }
  }

  /**
   * The forecast of the next day's realised variance after {@code day}, or empty without RV on the 22 days to it.
   *
   * @param rv  realised variance by day (only days up to {@code day} are read)
   * @param day  the last day known
   */
  public java.util.OptionalDouble forecast(NavigableMap<LocalDate, Double> rv, LocalDate day) {
    double[] row = regressors(rv, day);
    if (row == null) {
      return java.util.OptionalDouble.empty();
    }
    double f = intercept + daily * row[0] + weekly * row[1] + monthly * row[2];
    return java.util.OptionalDouble.of(Math.max(floor, f));
  }

  /** (RV_d, RV_d^(5), RV_d^(22)), or null when a day of d−21..d has no RV. */
  static double[] regressors(NavigableMap<LocalDate, Double> rv, LocalDate d) {
    double week = 0;
    double month = 0;
    double today = 0;
    for (int k = 0; k < MONTH; k++) {
      Double v = rv.get(d.minusDays(k));
      if (v == null) {
        return null;
      }
      if (k == 0) {
        today = v;
      }
      if (k < WEEK) {
        week += v;
      }
      month += v;
    }
    return new double[] {today, week / WEEK, month / MONTH};
  }
}
