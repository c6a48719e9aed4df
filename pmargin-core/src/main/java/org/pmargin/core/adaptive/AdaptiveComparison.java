package org.pmargin.core.adaptive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.backtest.ExposureBacktest;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.stats.BacktestStatistics;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Judges adaptive risk parameters against the static ones on one underlying's real history, side by side on the
 * same days: the static model is the project's filtered historical simulation with the RiskMetrics EWMA vol (the
 * margin of {@code pmargin backtest --scenarios filtered}, a long USD 1 exposure, 1-day horizon); each adaptive vol
 * model (GARCH, GJR, HAR) replaces the vol the scenarios are rescaled to; the liquidity-aware horizon stretches the
 * static margin by √H with H from the volume, judged against the loss over H days. Every forecast is out of sample.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class AdaptiveComparison {

  private AdaptiveComparison() {
  }

  /**
   * The comparison's settings.
   *
   * @param lookback  historical scenarios per margin date (500 as pmargin backtest)
   * @param esConfidence  the margin's ES confidence (0.975)
   * @param varConfidence  the VaR confidence of the exceptions (0.99)
   * @param minFit  returns of the first GARCH fit
   * @param refitEvery  days between GARCH and HAR refits
   * @param liquidity  the liquidity-aware horizon
   * @param volumeDays  days of volume averaged (rows dated up to the margin date)
   */
  public record Settings(int lookback, double esConfidence, double varConfidence, int minFit, int refitEvery,
      LiquidityHorizon liquidity, int volumeDays) {

    /** Validates the settings. */
    public Settings {
      Checks.require(lookback >= 20, "lookback", "must be at least 20, got " + lookback);
      Checks.notNull(liquidity, "liquidity");
      Checks.require(volumeDays >= 1, "volume_days", "must be at least 1, got " + volumeDays);
    }
  }

  /**
   * One model's backtest on a set of days and its procyclicality.
   *
   * @param model  the model's name
   * @param result  the backtest
   * @param procyclicality  the margin record's procyclicality
   */
  public record Judged(String model, BacktestResult result, Procyclicality procyclicality) {

    static Judged of(String model, BacktestResult r) {
      return new Judged(model, r, Procyclicality.of(r.dates(), r.margin()));
    }
  }

  /**
   * An adaptive model beside the static one on the same days and losses.
   *
   * @param model  the adaptive model's name (garch, gjr, har, liquidity)
   * @param basis  what the pair is judged on (the days, the loss horizon)
   * @param statik  the static model
   * @param adaptive  the adaptive model
   */
  public record Comparison(String model, String basis, Judged statik, Judged adaptive) {
  }

  /**
   * What the comparison found for one underlying.
   *
   * @param asset  the underlying
   * @param dates  the price dates (return t from dates[t] to dates[t+1])
   * @param ewmaVol  the static model's vol per return index
   * @param forecasts  the adaptive vol forecasts by model, each per return index (out of sample from its first)
   * @param comparisons  the side-by-side results, in the order garch, gjr, har, liquidity (those that could run)
   * @param missing  why a model could not run, by model
   */
  public record Outcome(Asset asset, LocalDate[] dates, double[] ewmaVol, Map<String, double[]> forecasts,
      List<Comparison> comparisons, Map<String, String> missing) {

    /**
     * The ratio of a model's vol forecast to the EWMA's for the return starting at the last date before
     * {@code start} (the vol a filtered scenario set built the day before {@code start} is rescaled to).
     *
     * @return the ratio, or 1 when the model has no forecast there
     */
    public double volRatio(String model, LocalDate start) {
      double[] f = forecasts.get(model);
      int t = -1;
      for (int i = 0; i < dates.length && dates[i].isBefore(start); i++) {
        t = i;
      }
      if (f == null || t < 0 || t >= f.length || !(f[t] > 0) || !(ewmaVol[t] > 0)) {
        return 1;
      }
      return f[t] / ewmaVol[t];
    }
  }

  /**
   * Runs the comparison.
   *
   * @param prices  the underlying's daily USD closes
   * @param rv  realised variance by day from hourly bars (may be empty: no HAR)
   * @param volumes  daily USD volume by date (null: no liquidity-aware row)
   * @param s  the settings
   * @return the outcome
   */
  public static Outcome run(PriceSeries prices, NavigableMap<LocalDate, Double> rv, PriceSeries volumes,
      Settings s) {
    Checks.notNull(prices, "prices");
    Checks.notNull(s, "settings");
    Asset asset = prices.asset();
    AlignedHistory history = AlignedHistory.of(List.of(prices));
    double[] r = history.logReturns(0);
    int m = r.length;
    int first = Math.max(s.lookback() + Ewma.DEFAULT_SEED_OBSERVATIONS, s.minFit());
    if (m - first < 250) {
      throw new InvalidInputException("prices", asset + ": " + m + " daily returns leave fewer than 250 margin "
          + "days after a lookback of " + s.lookback() + " and a first fit of " + s.minFit());
    }
    int[] days = range(first, m - 1);
    double[] ewma = Ewma.riskMetrics().volatilities(r);
    Map<Asset, Double> exposure = Map.of(asset, 1.0);
    Map<String, double[]> forecasts = new LinkedHashMap<>();
    List<Comparison> out = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    BacktestResult statik = backtest(history, exposure, s, ewma, ewma, days);
    Judged staticJudged = Judged.of("static", statik);
    String allDays = "all days";
    for (GarchFit.Variant v : GarchFit.Variant.values()) {
      VolForecast f = new GarchForecaster(v, false, s.minFit(), s.refitEvery()).forecast(r);
      double[] vol = f.volatilities();
      String name = v.name().toLowerCase(java.util.Locale.ROOT);
      forecasts.put(name, vol);
      out.add(new Comparison(name, allDays, staticJudged, Judged.of(name,
          backtest(history, exposure, s, vol, vol, days))));
    }
    TreeMap<Integer, Double> har = rv == null || rv.isEmpty() ? new TreeMap<>()
        : new HarForecaster(s.refitEvery()).forecast(history.dates(), rv);
    int[] harDays = Arrays.stream(days).filter(har::containsKey).toArray();
    if (harDays.length >= 6) {
      double[] now = ewma.clone();
      double[] vol = new double[ewma.length];
      for (Map.Entry<Integer, Double> e : har.entrySet()) {
        now[e.getKey()] = Math.sqrt(e.getValue());
        vol[e.getKey()] = now[e.getKey()];
      }
      forecasts.put("har", vol);
      String basis = harDays.length + " days with 22 days of hourly RV before them";
      out.add(new Comparison("har", basis, Judged.of("static", backtest(history, exposure, s, ewma, ewma, harDays)),
          Judged.of("har", backtest(history, exposure, s, now, ewma, harDays))));
    } else {
      missing.put("har", har.isEmpty() && (rv == null || rv.isEmpty()) ? "no hourly bars"
          : "fewer than 6 days with 22 consecutive days of hourly realised variance before them");
    }
    if (volumes != null) {
      Comparison liq = liquidity(history, r, statik, volumes, s);
      if (liq != null) {
        out.add(liq);
      } else {
        missing.put("liquidity", "no volume on the margin days");
      }
    } else {
      missing.put("liquidity", "no daily volume");
    }
    return new Outcome(asset, history.dates(), ewma, forecasts, out, missing);
  }

  private static BacktestResult backtest(AlignedHistory h, Map<Asset, Double> exposure, Settings s, double[] now,
      double[] then, int[] days) {
    Asset a = h.assets().get(0);
    return ExposureBacktest.runWithVols(h, exposure, s.lookback(), 1, s.esConfidence(), s.varConfidence(),
        Map.of(a, now), Map.of(a, then), days, null);
  }

  /** The static 1-day margin and the liquidity-aware one against the loss over each day's horizon H. */
  private static Comparison liquidity(AlignedHistory history, double[] r, BacktestResult statik,
      PriceSeries volumes, Settings s) {
    LiquidityHorizon lh = s.liquidity();
    int m = r.length;
    LocalDate[] dates = history.dates();
    List<LocalDate> kept = new ArrayList<>();
    List<double[]> rows = new ArrayList<>(); // static margin, static var, scale, realised
    int v = -1;
    double[] window = new double[s.volumeDays()];
    int filled = 0;
    int next = 0;
    double sum = 0;
    int maxH = 0;
    for (int d = 0; d < statik.observations(); d++) {
      LocalDate date = statik.dates().get(d);
      while (v + 1 < volumes.size() && !volumes.date(v + 1).isAfter(date)) {
        v++;
        double x = volumes.value(v);
        if (filled == window.length) {
          sum -= window[next];
        } else {
          filled++;
        }
        window[next] = x;
        sum += x;
        next = (next + 1) % window.length;
      }
      int t = history.dates().length > 0 ? indexOf(dates, date) : -1;
      if (filled == 0 || t < 0 || t + lh.maxDays() > m) {
        continue;
      }
      int h = lh.days(sum / filled);
      maxH = Math.max(maxH, h);
      double cum = 0;
      for (int j = t; j < t + h; j++) {
        cum += r[j];
      }
      kept.add(date);
      rows.add(new double[] {statik.margin()[d], statik.var()[d], Math.sqrt(h), Math.expm1(cum)});
    }
    if (rows.size() < 6) {
      return null;
    }
    int n = rows.size();
    double[] ms = new double[n];
    double[] vs = new double[n];
    double[] ma = new double[n];
    double[] va = new double[n];
    double[] pnl = new double[n];
    for (int i = 0; i < n; i++) {
      double[] x = rows.get(i);
      ms[i] = x[0];
      vs[i] = x[1];
      ma[i] = x[0] * x[2];
      va[i] = x[1] * x[2];
      pnl[i] = x[3];
    }
    String basis = String.format(java.util.Locale.ROOT, "loss over H = ceil(N/(p*ADV%d)) days, N = %.0f USD, "
        + "p = %.0f%%, H at most %d (largest seen %d)", s.volumeDays(), lh.positionUsd(), 100 * lh.participation(),
        lh.maxDays(), maxH);
    return new Comparison("liquidity", basis,
        Judged.of("static", result(kept, ms, vs, pnl, s.varConfidence())),
        Judged.of("liquidity", result(kept, ma, va, pnl, s.varConfidence())));
  }

  private static BacktestResult result(List<LocalDate> dates, double[] margin, double[] var, double[] pnl,
      double confidence) {
    int n = pnl.length;
    boolean[] ex = new boolean[n];
    int count = 0;
    int breaches = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      ex[i] = -pnl[i] > var[i];
      count += ex[i] ? 1 : 0;
      breaches += -pnl[i] > margin[i] ? 1 : 0;
      sum += margin[i];
    }
    return new BacktestResult(List.copyOf(dates), margin, var, pnl, confidence, count, breaches,
        BacktestStatistics.kupiec(ex, confidence), BacktestStatistics.christoffersen(ex),
        BacktestStatistics.trafficLight(n, count, confidence), sum / n, 1);
  }

  private static int indexOf(LocalDate[] dates, LocalDate d) {
    int i = Arrays.binarySearch(dates, d);
    return i >= 0 ? i : -1;
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }
}
