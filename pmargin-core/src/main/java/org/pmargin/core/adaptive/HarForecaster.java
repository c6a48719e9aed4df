package org.pmargin.core.adaptive;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Out-of-sample HAR forecasts of the variance of each daily return of a price series: return t runs from the close
 * of {@code dates[t]} to that of {@code dates[t+1]}, and its variance is forecast as the HAR forecast of the realised
 * variance of day {@code dates[t] + 1}, from a model fitted (every {@code refitEvery} days) on rows whose target is
 * on or before {@code dates[t]} and from RV up to {@code dates[t]} only. Returns over a gap of dates, or without 22
 * days of RV before them, or before {@value HarModel#MIN_ROWS} fit rows exist, get no forecast.
 *
 * @param refitEvery  days between refits, ≥ 1
 */
public record HarForecaster(int refitEvery) {

  /** Validates the setting. */
  public HarForecaster {
    Checks.require(refitEvery >= 1, "refit_every", "must be at least 1, got " + refitEvery);
  }

  /**
   * The forecasts.
   *
   * @param dates  the price series' dates (return t from dates[t] to dates[t+1])
   * @param rv  realised variance by day
   * @return variance forecast by return index t, only where one can be made
   */
  public TreeMap<Integer, Double> forecast(LocalDate[] dates, NavigableMap<LocalDate, Double> rv) {
    Checks.notNull(dates, "dates");
    Checks.notNull(rv, "realised_variance");
    TreeMap<Integer, Double> out = new TreeMap<>();
    HarModel model = null;
    LocalDate fitted = null;
    for (int t = 0; t + 1 < dates.length; t++) {
      LocalDate day = dates[t];
      if (!dates[t + 1].equals(day.plusDays(1)) || HarModel.regressors(rv, day) == null) {
        continue;
      }
      if (fitted == null || !day.isBefore(fitted.plusDays(refitEvery))) {
        try {
          model = HarModel.fit(rv, day.plusDays(1));
          fitted = day;
        } catch (InvalidInputException e) {
          continue; // too few rows yet: no forecast until there are
        }
      }
      OptionalDouble f = model.forecast(rv, day);
      if (f.isPresent()) {
        out.put(t, f.getAsDouble());
      }
    }
    return out;
  }
}
