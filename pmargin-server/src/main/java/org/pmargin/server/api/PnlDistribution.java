package org.pmargin.server.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.history.ProxiedVolIndex;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.scenario.FilteredHistoricalScenarios;
import org.pmargin.core.scenario.HistoricalScenarios;
import org.pmargin.core.scenario.MonteCarloScenarios;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.history.HistoryStore;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated P&amp;L distribution of one account for the dashboard ({@code GET /v1/accounts/{id}/pnl-distribution}):
 * the simulation model's scenarios (as {@code pmargin margin --model simulation} builds them from the data
 * directory's daily history up to the snapshot's cut-off: one price factor per underlying and non-USD collateral
 * asset, a DVOL vol factor for the underlyings the account holds options on, the class margin periods of risk),
 * the account's USD P&amp;L in each (unified pool, every position fully revalued), bucketed, with VaR and ES at the
 * configured confidence. The service's five models do not need history, so this one is built on request; the
 * history is read once and the scenario sets of the last few factor sets kept, so a request costs one account's
 * revaluation over the scenarios (computed one at a time: the cost is bounded by one CPU).
 */
final class PnlDistribution {

  /** Scenario sets kept (by cut-off day, kind and factors). */
  private static final int CACHED_SETS = 8;

  private final Supplier<Path> dataDir;
  private HistoryStore history;
  private final Map<String, ScenarioSet> sets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ScenarioSet> eldest) {
      return size() > CACHED_SETS;
    }
  };

  /** @param dataDir  where the history is, asked on the first request */
  PnlDistribution(Supplier<Path> dataDir) {
    this.dataDir = dataDir;
  }

  /** The data directory of the service: {@code $PMARGIN_DATA_DIR}, else the copy shipped in the checkout. */
  static Path defaultDataDir() {
    return DataDirectory.find(null).orElseThrow(() -> new InvalidInputException("data_dir",
        "the simulation model needs the history of a data directory: " + DataDirectory.notFoundMessage()));
  }

  /**
   * The distribution.
   *
   * @param account  the account
   * @param market  the current snapshot
   * @param risk  the risk parameters in force (the simulation's confidence, scenario kind, horizon, seed)
   * @param kind  historical, filtered or monte-carlo, or null for the configured one
   * @param buckets  the histogram's bucket count
   * @return the JSON answer
   */
  synchronized ObjectNode of(Account account, MarketSnapshot market, RiskParameters risk, String kind, int buckets) {
    if (buckets < 5 || buckets > 200) {
      throw new InvalidInputException("buckets", "must be in [5, 200], got " + buckets);
    }
    SimulationConfig config = risk.simulation().with(kind == null ? risk.simulation().scenarios() : kind,
        risk.simulation().horizonDays(), false);
    SimulationParameters p = config.margin();
    SimulationParameters unified = new SimulationParameters(p.confidence(), p.varConfidence(), MarginView.UNIFIED_USD,
        p.imFactor(), p.mmFactor(), risk.collateral(), p.fundingHours());
    HistoryWindow window = HistoryWindow.atSnapshot(market.asOf());
    ScenarioSet set = scenarios(account, config, window);
    SimulationMarginModel model = new SimulationMarginModel(set, unified);
    double[] pnl = new double[set.size()];
    for (PoolBook book : PoolBook.split(account, MarginView.UNIFIED_USD, market)) {
      for (double[] v : model.pnlVectors(book, market, new ArrayList<>())) {
        for (int k = 0; k < pnl.length; k++) {
          pnl[k] += v[k];
        }
      }
    }
    MarginResult margin = model.margin(account, market);
    return answer(account, market, set, pnl, unified, margin, buckets, window);
  }

  private static ObjectNode answer(Account account, MarketSnapshot market, ScenarioSet set, double[] pnl,
      SimulationParameters p, MarginResult margin, int buckets, HistoryWindow window) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    out.put("account", account.id());
    out.put("model", "simulation");
    out.put("market_time", market.asOf().toString());
    out.put("market_version", market.version());
    out.put("scenario_set", set.name());
    out.put("scenarios", set.size());
    out.put("history_to", window.to().toString());
    out.put("confidence", p.confidence());
    out.put("var_confidence", p.varConfidence());
    out.put("var_usd", TailRisk.valueAtRisk(pnl, p.confidence()));
    out.put("es_usd", TailRisk.expectedShortfall(pnl, p.confidence()));
    out.put("var_at_var_confidence_usd", TailRisk.valueAtRisk(pnl, p.varConfidence()));
    out.put("initial_margin_usd", margin.initialMarginUsd());
    out.put("maintenance_margin_usd", margin.maintenanceMarginUsd());
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int worst = 0;
    for (int k = 0; k < pnl.length; k++) {
      lo = Math.min(lo, pnl[k]);
      hi = Math.max(hi, pnl[k]);
      sum += pnl[k];
      worst = pnl[k] < pnl[worst] ? k : worst;
    }
    out.put("mean_pnl_usd", sum / pnl.length);
    out.put("worst_pnl_usd", lo);
    out.put("best_pnl_usd", hi);
    out.put("worst_scenario", set.label(worst));
    if (hi - lo < 1e-6) { // no exposure: one flat bucket around the single value
      lo -= 1;
      hi += 1;
    }
    double width = (hi - lo) / buckets;
    int[] counts = new int[buckets];
    for (double v : pnl) {
      counts[Math.min(buckets - 1, (int) Math.floor((v - lo) / width))]++;
    }
    out.put("bucket_width_usd", width);
    ArrayNode list = out.putArray("buckets");
    for (int b = 0; b < buckets; b++) {
      list.addObject().put("from_usd", lo + b * width).put("to_usd", b == buckets - 1 ? hi : lo + (b + 1) * width)
          .put("count", counts[b]);
    }
    return out;
  }

  /** The scenario set for the account's factors, built once per cut-off day, kind and factor set. */
  private ScenarioSet scenarios(Account account, SimulationConfig config, HistoryWindow window) {
    Set<Asset> factors = new LinkedHashSet<>();
    Set<Asset> options = new LinkedHashSet<>();
    for (Position pos : account.portfolio().positions()) {
      factors.add(pos.instrument().underlying());
      if (pos.instrument() instanceof EuropeanOption) {
        options.add(pos.instrument().underlying());
      }
    }
    account.collateral().keySet().stream().filter(a -> !a.equals(Asset.USD)).forEach(factors::add);
    if (factors.isEmpty()) {
      factors.add(Asset.BTC);
    }
    String key = window.to() + "|" + config.scenarios() + "|" + config.horizonDays() + "|" + config.ewmaLambda()
        + "|" + config.seed() + "|" + config.monteCarloScenarios() + "|" + config.studentTDegrees() + "|"
        + config.mporDays() + "|" + factors + "|" + options;
    ScenarioSet cached = sets.get(key);
    if (cached == null) {
      cached = build(factors, options, config, window);
      sets.put(key, cached);
    }
    return cached;
  }

  private ScenarioSet build(Set<Asset> factors, Set<Asset> options, SimulationConfig config, HistoryWindow window) {
    if (history == null) {
      history = HistoryStore.loadFrom(dataDir.get());
    }
    List<PriceSeries> prices = new ArrayList<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset f : factors) {
      PriceSeries s = history.find(HistoryStore.Source.DAILY, f).orElseThrow(() -> new InvalidInputException(
          "history", "the data directory has no daily price history for " + f));
      PriceSeries in = window.apply(s);
      if (in.size() < Ewma.DEFAULT_SEED_OBSERVATIONS + 2) {
        throw new InvalidInputException("history", "the data directory holds " + in.size() + " daily close(s) of "
            + f + " up to " + window.to() + ": too little history");
      }
      prices.add(in);
      PriceSeries dvol = history.find(HistoryStore.Source.VOL_INDEX, Asset.of(f.code() + "DVOL")).orElse(null);
      if (options.contains(f) && dvol != null && window.apply(dvol).size() > ProxiedVolIndex.MIN_CALIBRATION_DAYS) {
        vols.put(f, ProxiedVolIndex.extend(in, window.apply(dvol), ProxiedVolIndex.DEFAULT_RV_DAYS).levels());
      }
    }
    Ewma ewma = new Ewma(config.ewmaLambda(), Ewma.riskMetrics().seedObservations());
    ScenarioSet set = switch (config.scenarios()) {
      case "historical" -> HistoricalScenarios.build(prices, vols, config.horizonDays());
      case "filtered" -> FilteredHistoricalScenarios.build(prices, vols, config.horizonDays(), ewma);
      case "filtered-garch", "filtered-gjr" -> org.pmargin.core.adaptive.GarchFilteredScenarios.build(prices, vols,
          config.horizonDays(), ewma, org.pmargin.core.adaptive.GarchFilteredScenarios.variantOf(config.scenarios()));
      default -> monteCarlo(prices, config, ewma);
    };
    Map<Asset, Double> scales = new LinkedHashMap<>();
    boolean any = false;
    for (Asset f : set.factors()) {
      double scale = config.mporScale(config.margin().haircuts().classOf(f).name());
      scales.put(f, scale);
      any |= scale != 1.0;
    }
    return any ? set.scaled(scales, set.name() + ", MPOR by class") : set;
  }

  /** Student-t scenarios with the last EWMA vols and correlations, seeded by the configured seed (prices only). */
  private static ScenarioSet monteCarlo(List<PriceSeries> prices, SimulationConfig config, Ewma ewma) {
    AlignedHistory aligned = AlignedHistory.of(prices);
    int k = aligned.assets().size();
    double[][] returns = new double[k][];
    double[] vols = new double[k];
    for (int i = 0; i < k; i++) {
      returns[i] = aligned.logReturns(i);
      vols[i] = ewma.volatility(returns[i]);
    }
    return MonteCarloScenarios.gaussian(aligned.assets(), vols, ewma.correlation(returns), config.horizonDays(),
        config.seed()).withStudentT(config.studentTDegrees()).withScenarios(config.monteCarloScenarios()).generate();
  }
}
