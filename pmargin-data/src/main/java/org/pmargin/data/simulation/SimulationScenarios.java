package org.pmargin.data.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.history.ProxiedVolIndex;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.margin.simulation.SimulationAddOns;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.scenario.FilteredHistoricalScenarios;
import org.pmargin.core.scenario.HistoricalScenarios;
import org.pmargin.core.scenario.MonteCarloScenarios;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.stress.CrashReplay;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.history.DailyVolumes;
import org.pmargin.data.history.HistorySource;
import org.pmargin.data.history.StressEventsCsv;

/**
 * Builds the scenario set and the add-ons of the simulation model for an account from the data directory's
 * history, seen through a {@link HistoryWindow} (nothing after the snapshot's cut-off): one price factor per
 * underlying and per non-USD collateral asset, and a vol factor (the coin's DVOL, extended back with a realised-vol
 * proxy, {@link ProxiedVolIndex}) only for the underlyings the book holds options on, so that a book without options
 * keeps the longest price history. The one builder of `pmargin margin --model simulation`, the cascade and
 * backtest commands and the service's P&amp;L distribution, so the dashboard shows the command line's figures.
 */
public final class SimulationScenarios {

  private SimulationScenarios() {
  }

  /**
   * A scenario set and what it was built from.
   *
   * @param set  the scenarios
   * @param provenance  the window, horizon and vol factors, for the output
   */
  public record Built(ScenarioSet set, SimulationProvenance provenance) {
  }

  /**
   * The scenario set.
   *
   * @param account  the account, for its factors
   * @param history  the data directory's series
   * @param config  the simulation settings (scenario kind, horizon, EWMA, Monte Carlo)
   * @param window  the history the scenarios may use
   * @return the scenarios and their provenance
   * @throws InvalidInputException naming the window's flag when it holds too little history
   */
  public static Built build(Account account, HistorySource history, SimulationConfig config, HistoryWindow window) {
    SimulationProvenance provenance = new SimulationProvenance(window);
    Ewma ewma = new Ewma(config.ewmaLambda(), Ewma.riskMetrics().seedObservations());
    List<PriceSeries> prices = windowedPrices(factors(account), history, window);
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    Set<Asset> optionUnderlyings = optionUnderlyings(account);
    for (PriceSeries p : prices) {
      PriceSeries index = history.volIndices().get(p.asset());
      if (optionUnderlyings.contains(p.asset()) && index != null) {
        ProxiedVolIndex v = volFactor(p, index, window);
        vols.put(p.asset(), v.levels());
        provenance.volFactor(p.asset(), v);
      }
    }
    String kind = config.scenarios().toLowerCase(Locale.ROOT);
    ScenarioSet set = inWindow(window, () -> switch (kind) {
      case "historical" -> HistoricalScenarios.build(prices, vols, config.horizonDays());
      case "filtered" -> FilteredHistoricalScenarios.build(prices, vols, config.horizonDays(), ewma);
      case "filtered-garch", "filtered-gjr" -> org.pmargin.core.adaptive.GarchFilteredScenarios.build(prices, vols,
          config.horizonDays(), ewma, org.pmargin.core.adaptive.GarchFilteredScenarios.variantOf(kind));
      case "monte-carlo" -> monteCarlo(prices, history, config, ewma, window, !optionUnderlyings.isEmpty());
      default -> throw new InvalidInputException("scenarios",
          "must be one of " + SimulationConfig.KINDS + ", got '" + kind + "'");
    });
    // Less liquid assets are margined over their class's longer margin period of risk (√-time stretch).
    Map<Asset, Double> scales = new LinkedHashMap<>();
    Map<Asset, Integer> days = new LinkedHashMap<>();
    boolean any = false;
    for (Asset f : set.factors()) {
      String cls = config.margin().haircuts().classOf(f).name();
      double scale = config.mporScale(cls);
      scales.put(f, scale);
      days.put(f, config.horizonDays(cls));
      any |= scale != 1.0;
    }
    ScenarioSet out = any ? set.scaled(scales, set.name() + ", MPOR by class") : set;
    provenance.scenarioSet(out.name() + " (" + out.size() + " scenarios)");
    provenance.horizon(config.horizonDays(), config.mporDays().isEmpty(), days);
    return new Built(out, provenance);
  }

  /**
   * The add-ons of simulation margin, all inside the window: the hypothetical stresses and every day of every crash
   * window (skipped when it starts after the window's end, cut when it straddles it), a plain-historical floor over
   * the window's history of the account's coins (their crashes included), and liquidity from the average volume of
   * the last {@code volume_days} rows up to the window's end and each coin's EWMA vol there.
   */
  public static SimulationAddOns addOns(Account account, HistorySource history, Path dataDir, SimulationConfig config,
      HistoryWindow window, SimulationProvenance provenance) {
    Ewma ewma = new Ewma(config.ewmaLambda(), Ewma.riskMetrics().seedObservations());
    List<StressScenario> stresses = new ArrayList<>(StressLibrary.hypothetical());
    List<PriceSeries> allPrices = new ArrayList<>(window.apply(history.prices()).values());
    Map<Asset, PriceSeries> allVols = window.apply(history.volIndices());
    List<String> replayed = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (CrashWindow w : StressEventsCsv.read(dataDir)) {
      var clipped = w.clippedTo(window.from(), window.to());
      if (clipped.isEmpty()) {
        skipped.add(w.id());
        continue;
      }
      stresses.addAll(inWindow(window, () -> CrashReplay.path(clipped.get(), allPrices, allVols)));
      (clipped.get().equals(w) ? replayed : cut).add(clipped.get().equals(w) ? w.id()
          : w.id() + " to " + clipped.get().start() + ".." + clipped.get().end());
    }
    provenance.addOnNote("crash windows replayed: " + (replayed.isEmpty() ? "none" : String.join(", ", replayed))
        + (cut.isEmpty() ? "" : "; cut by the window: " + String.join(", ", cut))
        + (skipped.isEmpty() ? "" : "; outside the window, skipped: " + String.join(", ", skipped)));
    List<PriceSeries> prices = windowedPrices(factors(account), history, window);
    Map<Asset, Double> vols = new LinkedHashMap<>();
    for (PriceSeries s : prices) {
      double[] r = new double[Math.max(0, s.size() - 1)];
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.log(s.value(i + 1) / s.value(i));
      }
      vols.put(s.asset(), Math.max(inWindow(window, () -> ewma.volatility(r)), 1e-8));
    }
    ScenarioSet floor = inWindow(window, () -> HistoricalScenarios.build(prices, Map.of(), config.horizonDays()));
    provenance.addOnNote("floor: " + floor.name() + "; liquidity: average volume of the last " + config.volumeDays()
        + " daily rows up to " + window.to());
    return new SimulationAddOns(stresses, config.stressWeight(), floor,
        DailyVolumes.average(dataDir, config.volumeDays(), window.from(), window.to()), vols,
        config.impactCoefficient());
  }

  /** The factors' price series seen through the window, refused when one has no close in it. */
  private static List<PriceSeries> windowedPrices(Set<Asset> factors, HistorySource history, HistoryWindow window) {
    List<PriceSeries> prices = new ArrayList<>();
    for (Asset f : factors) {
      PriceSeries s = history.prices().get(f);
      if (s == null) {
        throw new InvalidInputException("history", "the data directory has no price history for " + f);
      }
      PriceSeries in = window.apply(s);
      if (in.size() < 2) {
        throw new InvalidInputException(window.field(), "the history window " + window.describe() + " holds "
            + in.size() + " close(s) of " + f + " (its data run " + s.date(0) + ".." + s.date(s.size() - 1)
            + "): too little history");
      }
      prices.add(in);
    }
    return prices;
  }

  /** A coin's vol factor inside the window: DVOL, extended back with the realised-vol proxy where prices are older. */
  private static ProxiedVolIndex volFactor(PriceSeries prices, PriceSeries index, HistoryWindow window) {
    PriceSeries in = window.apply(index);
    if (in.size() == 0) {
      throw new InvalidInputException(window.field(), "the book holds " + prices.asset() + " options but the history "
          + "window " + window.describe() + " holds no " + prices.asset() + " DVOL level (it starts " + index.date(0)
          + "; the proxy before it is scaled on at least " + ProxiedVolIndex.MIN_CALIBRATION_DAYS + " days of it)");
    }
    return inWindow(window, () -> ProxiedVolIndex.extend(prices, in, ProxiedVolIndex.DEFAULT_RV_DAYS));
  }

  /** Runs a computation on windowed history; a shortage of history is reported against the window's flag. */
  private static <T> T inWindow(HistoryWindow window, Supplier<T> computation) {
    try {
      return computation.get();
    } catch (InvalidInputException e) {
      if (e.field().equals("scenarios")) {
        throw e;
      }
      throw new InvalidInputException(window.field(), "the history window " + window.describe() + " is too short: "
          + e.field() + " " + e.reason(), e);
    }
  }

  private static Set<Asset> factors(Account account) {
    Set<Asset> factors = new LinkedHashSet<>();
    for (Position p : account.portfolio().positions()) {
      factors.add(p.instrument().underlying());
    }
    for (Asset a : account.collateral().keySet()) {
      if (!a.equals(Asset.USD)) {
        factors.add(a);
      }
    }
    if (factors.isEmpty()) {
      factors.add(Asset.BTC);
    }
    return factors;
  }

  /** The underlyings of the account's options: the only factors that need a vol factor. */
  public static Set<Asset> optionUnderlyings(Account account) {
    Set<Asset> out = new LinkedHashSet<>();
    for (Position p : account.portfolio().positions()) {
      if (p.instrument() instanceof EuropeanOption) {
        out.add(p.instrument().underlying());
      }
    }
    return out;
  }

  /**
   * Student-t scenarios with the window's last EWMA vols and correlations and, for a book holding options, vol
   * shocks correlated with the price shocks: vol of vol = the EWMA vol of BTC's vol factor's daily log changes
   * (DVOL, the proxy before it), spot-vol correlation = the sample correlation of BTC's daily log returns with those
   * changes over the window (negative for crypto).
   */
  private static ScenarioSet monteCarlo(List<PriceSeries> prices, HistorySource history, SimulationConfig config,
      Ewma ewma, HistoryWindow window, boolean options) {
    AlignedHistory aligned = AlignedHistory.of(prices);
    int k = aligned.assets().size();
    double[][] returns = new double[k][];
    double[] vols = new double[k];
    for (int i = 0; i < k; i++) {
      returns[i] = aligned.logReturns(i);
      vols[i] = ewma.volatility(returns[i]);
    }
    MonteCarloScenarios mc = MonteCarloScenarios.gaussian(aligned.assets(), vols, ewma.correlation(returns),
        config.horizonDays(), config.seed()).withStudentT(config.studentTDegrees())
        .withScenarios(config.monteCarloScenarios());
    PriceSeries btc = history.prices().get(Asset.BTC);
    PriceSeries dvol = history.volIndices().get(Asset.BTC);
    if (options && btc != null && dvol != null) {
      PriceSeries spotIn = window.apply(btc);
      PriceSeries level = volFactor(spotIn, dvol, window).levels();
      AlignedHistory pair = AlignedHistory.of(List.of(spotIn, new PriceSeries(Asset.of("BTCDVOL"), level.dates(),
          level.values())));
      double[] spot = pair.logReturns(0);
      double[] vol = pair.logReturns(1);
      double volOfVol = ewma.volatility(vol);
      double rho = org.pmargin.core.stats.SampleEstimators.correlation(new double[][] {spot, vol})[0][1];
      mc = mc.withVolShocks(volOfVol, Math.max(-1, Math.min(1, rho)));
    }
    return mc.generate();
  }
}
