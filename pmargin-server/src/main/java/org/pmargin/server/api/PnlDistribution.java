package org.pmargin.server.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationAddOns;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.history.HistorySource;
import org.pmargin.data.simulation.SimulationProvenance;
import org.pmargin.data.simulation.SimulationScenarios;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated P&amp;L distribution of one account for the dashboard ({@code GET /v1/accounts/{id}/pnl-distribution}):
 * the simulation model's scenarios exactly as {@code pmargin margin --model simulation} builds them ({@link
 * SimulationScenarios}, the one builder: the data directory's daily history up to the snapshot's cut-off, one price
 * factor per underlying and non-USD collateral asset, a DVOL vol factor for the underlyings the account holds
 * options on, vol shocks in Monte Carlo for option books, the class margin periods of risk), the account's USD
 * P&amp;L in each (unified pool, every position fully revalued), bucketed, with VaR and ES at the configured
 * confidence; beside it the simulation model's margin with its add-ons (the command line's figure). The service's
 * five models do not need history, so this one is built on request; the history is read once and the scenario
 * sets and add-ons of the last few accounts' factor sets kept, so a request costs one account's revaluation over
 * the scenarios (computed one at a time: the cost is bounded by one CPU).
 */
final class PnlDistribution {

  /** Scenario sets kept (by cut-off day, settings and the account's factors). */
  private static final int CACHED_SETS = 8;

  /** A scenario set, the add-ons over the same window and what they were built from. */
  private record Built(ScenarioSet set, SimulationAddOns addOns, SimulationProvenance provenance) {
  }

  private final Supplier<Path> dataDir;
  private Path dir;
  private HistorySource history;
  /** What a built set depends on: the window's end, every simulation setting, the account's factors. */
  private record Key(java.time.LocalDate to, SimulationConfig config, Set<Asset> factors, Set<Asset> options) {
  }

  private final Map<Key, Built> sets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Built> eldest) {
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
   * @param risk  the risk parameters in force (the simulation's confidence, scenario kind, horizon, seed, add-ons)
   * @param kind  historical, filtered, filtered-garch, filtered-gjr or monte-carlo, or null for the configured one
   * @param buckets  the histogram's bucket count
   * @return the JSON answer
   */
  synchronized ObjectNode of(Account account, MarketSnapshot market, RiskParameters risk, String kind, int buckets) {
    if (buckets < 5 || buckets > 200) {
      throw new InvalidInputException("buckets", "must be in [5, 200], got " + buckets);
    }
    if (kind != null && !SimulationConfig.KINDS.contains(kind)) {
      throw new InvalidInputException("scenarios", "must be one of " + SimulationConfig.KINDS + ", got '" + kind
          + "'");
    }
    SimulationConfig config = risk.simulation().with(kind == null ? risk.simulation().scenarios() : kind,
        risk.simulation().horizonDays(), risk.simulation().addOns());
    SimulationParameters p = config.margin();
    SimulationParameters unified = new SimulationParameters(p.confidence(), p.varConfidence(), MarginView.UNIFIED_USD,
        p.imFactor(), p.mmFactor(), risk.collateral(), p.fundingHours());
    HistoryWindow window = HistoryWindow.atSnapshot(market.asOf());
    Built built = scenarios(account, config, window);
    ScenarioSet set = built.set();
    SimulationMarginModel unifiedModel = new SimulationMarginModel(set, unified);
    double[] pnl = new double[set.size()];
    for (PoolBook book : PoolBook.split(account, MarginView.UNIFIED_USD, market)) {
      for (double[] v : unifiedModel.pnlVectors(book, market, new ArrayList<>())) {
        for (int k = 0; k < pnl.length; k++) {
          pnl[k] += v[k];
        }
      }
    }
    MarginResult margin = new SimulationMarginModel(set, p, built.addOns()).margin(account, market);
    ObjectNode out = answer(account, market, set, pnl, unified, margin, buckets, window);
    out.set("history", built.provenance().toJson());
    return out;
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

  /** The scenario set and add-ons for the account's factors, built once per cut-off day, settings and factors. */
  private Built scenarios(Account account, SimulationConfig config, HistoryWindow window) {
    Set<Asset> factors = new LinkedHashSet<>();
    for (Position pos : account.portfolio().positions()) {
      factors.add(pos.instrument().underlying());
    }
    account.collateral().keySet().stream().filter(a -> !a.equals(Asset.USD)).forEach(factors::add);
    Key key = new Key(window.to(), config, factors, SimulationScenarios.optionUnderlyings(account));
    Built cached = sets.get(key);
    if (cached == null) {
      if (history == null) {
        dir = dataDir.get();
        history = HistorySource.load(dir);
      }
      SimulationScenarios.Built b = SimulationScenarios.build(account, history, config, window);
      SimulationAddOns addOns = config.addOns()
          ? SimulationScenarios.addOns(account, history, dir, config, window, b.provenance()) : null;
      cached = new Built(b.set(), addOns, b.provenance());
      sets.put(key, cached);
    }
    return cached;
  }
}
