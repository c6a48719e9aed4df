package org.pmargin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.scenario.FilteredHistoricalScenarios;
import org.pmargin.core.scenario.HistoricalScenarios;
import org.pmargin.core.scenario.MonteCarloScenarios;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Builds the scenario set of the simulation model for an account from the data directory's history: one factor per
 * underlying and per non-USD collateral asset, with the coin's DVOL as its vol factor where one exists.
 */
final class SimulationScenarios {

  private SimulationScenarios() {
  }

  /**
   * The scenario set.
   *
   * @param account  the account, for its factors
   * @param history  the data directory's series
   * @param config  the simulation settings (scenario kind, horizon, EWMA, Monte Carlo)
   * @return the scenarios
   */
  static ScenarioSet build(Account account, HistorySource history,
      org.pmargin.core.margin.simulation.SimulationConfig config) {
    String kind = config.scenarios();
    int horizonDays = config.horizonDays();
    Ewma ewma = new Ewma(config.ewmaLambda(), Ewma.riskMetrics().seedObservations());
    Set<Asset> factors = factors(account);
    List<PriceSeries> prices = new ArrayList<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset f : factors) {
      PriceSeries s = history.prices().get(f);
      if (s == null) {
        throw new InvalidInputException("history", "the data directory has no price history for " + f);
      }
      prices.add(s);
      if (history.volIndices().containsKey(f)) {
        vols.put(f, history.volIndices().get(f));
      }
    }
    ScenarioSet set = switch (kind.toLowerCase(Locale.ROOT)) {
      case "historical" -> HistoricalScenarios.build(prices, vols, horizonDays);
      case "filtered" -> FilteredHistoricalScenarios.build(prices, vols, horizonDays, ewma);
      case "monte-carlo" -> monteCarlo(prices, history, config, ewma);
      default -> throw new InvalidInputException("scenarios",
          "must be historical, filtered or monte-carlo, got '" + kind + "'");
    };
    // Less liquid assets are margined over their class's longer margin period of risk (√-time stretch).
    Map<Asset, Double> scales = new LinkedHashMap<>();
    boolean any = false;
    for (Asset f : set.factors()) {
      double scale = config.mporScale(config.margin().haircuts().classOf(f).name());
      scales.put(f, scale);
      any |= scale != 1.0;
    }
    return any ? set.scaled(scales, set.name() + ", MPOR by class") : set;
  }

  /**
   * The add-ons of simulation margin from the data directory: the hypothetical stresses and every day of every crash
   * window, a plain-historical floor over the whole history of the account's coins (their crashes included), and
   * liquidity from the last 30 days' average volume and each coin's EWMA vol.
   */
  static org.pmargin.core.margin.simulation.SimulationAddOns addOns(Account account, HistorySource history,
      java.nio.file.Path dataDir, org.pmargin.core.margin.simulation.SimulationConfig config) {
    int horizonDays = config.horizonDays();
    Ewma ewma = new Ewma(config.ewmaLambda(), Ewma.riskMetrics().seedObservations());
    List<org.pmargin.core.stress.StressScenario> stresses = new ArrayList<>(
        org.pmargin.core.stress.StressLibrary.hypothetical());
    for (org.pmargin.core.stress.CrashWindow w : org.pmargin.data.history.StressEventsCsv.read(dataDir)) {
      stresses.addAll(org.pmargin.core.stress.CrashReplay.path(w, new ArrayList<>(history.prices().values()),
          history.volIndices()));
    }
    List<PriceSeries> prices = new ArrayList<>();
    Map<Asset, Double> vols = new LinkedHashMap<>();
    for (Asset f : factors(account)) {
      PriceSeries s = history.prices().get(f);
      if (s == null) {
        throw new InvalidInputException("history", "the data directory has no price history for " + f);
      }
      prices.add(s);
      double[] r = new double[s.size() - 1];
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.log(s.value(i + 1) / s.value(i));
      }
      vols.put(f, Math.max(ewma.volatility(r), 1e-8));
    }
    ScenarioSet floor = HistoricalScenarios.build(prices, Map.of(), horizonDays);
    return new org.pmargin.core.margin.simulation.SimulationAddOns(stresses, config.stressWeight(), floor,
        org.pmargin.data.history.DailyVolumes.average(dataDir, config.volumeDays()), vols,
        config.impactCoefficient());
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

  /**
   * Student-t scenarios with today's EWMA vols and correlations, and vol shocks correlated with the price shocks:
   * vol of vol = today's EWMA vol of BTC DVOL's daily log changes, spot-vol correlation = the sample correlation of
   * BTC's daily log returns with those changes over their common history (negative for crypto).
   */
  private static ScenarioSet monteCarlo(List<PriceSeries> prices, HistorySource history,
      org.pmargin.core.margin.simulation.SimulationConfig config, Ewma ewma) {
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
    if (btc != null && dvol != null) {
      AlignedHistory pair = AlignedHistory.of(List.of(btc, new PriceSeries(Asset.of("BTCDVOL"), dvol.dates(),
          dvol.values())));
      double[] spot = pair.logReturns(0);
      double[] vol = pair.logReturns(1);
      double volOfVol = ewma.volatility(vol);
      double rho = org.pmargin.core.stats.SampleEstimators.correlation(new double[][] {spot, vol})[0][1];
      mc = mc.withVolShocks(volOfVol, Math.max(-1, Math.min(1, rho)));
    }
    return mc.generate();
  }
}
