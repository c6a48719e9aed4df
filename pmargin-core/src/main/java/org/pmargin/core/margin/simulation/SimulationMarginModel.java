package org.pmargin.core.margin.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressTest;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.UnderlyingGreeks;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Simulation margin: every position fully revalued in every scenario of a {@link ScenarioSet} (historical, filtered
 * historical or Monte Carlo), and the margin set by the Expected Shortfall of the pool's P&L vector.
 *
 * <p>A position moves with its own underlying's factor: index, perpetual mark and forwards × exp(log return), every
 * option's vol × exp(vol log change) (sticky strike). In a unified pool a balance of a factor asset is a long
 * exposure (stablecoins too, when the set has them as factors). A position whose underlying the set does not move is
 * an error, never zero risk.
 *
 * <p>Attribution is Euler's: a position's component ES is minus its mean P&L over the tail scenarios, and the
 * components add up to the ES exactly. IM = imFactor × ES, MM = mmFactor × ES.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SimulationMarginModel implements MarginModel {

  private final ScenarioSet scenarios;
  private final SimulationParameters params;
  private final SimulationAddOns addOns;

  /**
   * Creates the model.
   *
   * @param scenarios  the scenario set, shared by every account
   * @param params  the parameters
   */
  public SimulationMarginModel(ScenarioSet scenarios, SimulationParameters params) {
    this(scenarios, params, null);
  }

  /**
   * Creates the model with stress, anti-procyclicality and liquidity add-ons (unified view only).
   *
   * @param scenarios  the scenario set, shared by every account
   * @param params  the parameters
   * @param addOns  the add-ons, or null for ES alone
   */
  public SimulationMarginModel(ScenarioSet scenarios, SimulationParameters params, SimulationAddOns addOns) {
    this.scenarios = Checks.notNull(scenarios, "scenarios");
    this.params = Checks.notNull(params, "params");
    if (addOns != null && params.view() != MarginView.UNIFIED_USD) {
      throw new InvalidInputException("add_ons", "simulation add-ons apply to the unified USD view only");
    }
    this.addOns = addOns;
  }

  @Override
  public String name() {
    return "simulation";
  }

  /** The scenario set. */
  public ScenarioSet scenarios() {
    return scenarios;
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    List<PoolMargin> pools = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, params.view())) {
      pools.add(pool(account, book, market));
    }
    return MarginResult.of(name(), params.view(), pools);
  }

  /**
   * The P&L vector of every exposure of a pool (positions, then balances that move), in the pool's currency.
   *
   * @param book  the pool
   * @param market  the snapshot
   * @param names  receives the exposures' names
   * @return [exposure][scenario]
   */
  public List<double[]> pnlVectors(PoolBook book, MarketSnapshot market, List<String> names) {
    int n = scenarios.size();
    List<double[]> out = new ArrayList<>();
    for (Position p : book.positions()) {
      Asset u = p.instrument().underlying();
      int f = scenarios.factorIndex(u);
      if (f < 0) {
        throw new InvalidInputException("scenario_set.factors", "the scenario set (" + scenarios.name()
            + ") does not move " + u + ", the underlying of " + p.instrument().symbol());
      }
      double base = book.valueOf(PositionValuer.value(p, market));
      double[] pnl = new double[n];
      for (int s = 0; s < n; s++) {
        double volFactor = Math.exp(scenarios.volLogChange(s, f));
        MarketShock shock = new MarketShock(u, Math.exp(scenarios.logReturn(s, f)),
            (vol, t) -> vol * volFactor);
        pnl[s] = book.valueOf(PositionValuer.value(p, market, shock)) - base;
      }
      names.add(p.instrument().symbol());
      out.add(pnl);
    }
    if (params.view() == MarginView.UNIFIED_USD) {
      for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
        int f = scenarios.factorIndex(b.getKey());
        if (f < 0 || b.getValue() == 0) {
          continue;
        }
        double value = b.getValue() * market.priceUsd(b.getKey());
        double[] pnl = new double[n];
        for (int s = 0; s < n; s++) {
          pnl[s] = value * Math.expm1(scenarios.logReturn(s, f));
        }
        names.add("balance:" + b.getKey());
        out.add(pnl);
      }
    }
    return out;
  }

  private PoolMargin pool(Account account, PoolBook book, MarketSnapshot market) {
    List<String> names = new ArrayList<>();
    List<double[]> vectors = pnlVectors(book, market, names);
    double equity = book.equity(market, params.haircuts());
    double rate = book.usdRate(market);
    if (vectors.isEmpty()) {
      return PoolMargin.of(book.currency(), equity, List.of(), "", List.of(), rate);
    }
    int n = scenarios.size();
    double[] total = new double[n];
    for (double[] v : vectors) {
      for (int s = 0; s < n; s++) {
        total[s] += v[s];
      }
    }
    int[] tail = TailRisk.tailIndices(total, params.confidence());
    double es = TailRisk.expectedShortfall(total, params.confidence());
    double var = TailRisk.valueAtRisk(total, params.varConfidence());
    double es99 = TailRisk.expectedShortfall(total, 0.99);
    int worst = tail[0];
    List<PositionContribution> contributions = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      double[] v = vectors.get(i);
      double mean = 0;
      for (int s : tail) {
        mean += v[s];
      }
      mean /= tail.length;
      double share = es > 0 ? -mean : 0;
      contributions.add(new PositionContribution(names.get(i), v[worst], params.imFactor() * share));
    }
    String ccy = book.currency().code();
    String explanation = String.format(Locale.ROOT,
        "ES %.4g%% over %d scenarios (%s): mean loss of the %d worst, %.6g %s; ES 99%% %.6g %s; VaR %.4g%% %.6g %s; "
            + "worst scenario %s loses %.6g %s", params.confidence() * 100, n, scenarios.name(), tail.length, es, ccy,
        es99, ccy, params.varConfidence() * 100, var, ccy, scenarios.label(worst), -total[worst], ccy);
    List<MarginComponent> components = new ArrayList<>();
    components.add(charge("expected_shortfall", es, explanation));
    if (addOns != null) {
      addOns(account, market, es, components);
    }
    return PoolMargin.of(book.currency(), equity, components, "worst " + scenarios.label(worst), contributions,
        rate);
  }

  private MarginComponent charge(String name, double amount, String explanation) {
    return new MarginComponent(name, params.imFactor() * amount, params.mmFactor() * amount, explanation);
  }

  /** The stress and floor top-ups over the ES (the largest of the three sets the base) and the liquidity add-on. */
  private void addOns(Account account, MarketSnapshot market, double es, List<MarginComponent> components) {
    double stress = 0;
    String worstStress = "";
    if (!addOns.stresses().isEmpty()) {
      for (StressResult r : StressTest.run(account, market, addOns.stresses(), params.haircuts())) {
        if (-r.pnlUsd() > stress) {
          stress = -r.pnlUsd();
          worstStress = r.scenario().name();
        }
      }
    }
    double weighted = addOns.stressWeight() * stress;
    double floor = 0;
    if (addOns.floorScenarios() != null) {
      SimulationMarginModel floorModel = new SimulationMarginModel(addOns.floorScenarios(), params);
      floor = floorModel.margin(account, market).initialMarginUsd() / params.imFactor();
    }
    double base = Math.max(es, Math.max(weighted, floor));
    if (base > es) {
      if (weighted >= floor) {
        components.add(charge("stress_topup", weighted - es, String.format(Locale.ROOT,
            "%.0f%% of the worst stress loss %.6g USD (%s) exceeds the ES", addOns.stressWeight() * 100, stress,
            worstStress)));
      } else {
        components.add(charge("apc_floor_topup", floor - es, String.format(Locale.ROOT,
            "anti-procyclical floor: ES %.6g USD over %s exceeds today's", floor,
            addOns.floorScenarios().name())));
      }
    }
    double liquidity = 0;
    StringBuilder why = new StringBuilder("square-root market impact k·σ·|E|·√(|E|/ADV):");
    for (UnderlyingGreeks g : PortfolioGreeks.of(account, market).byUnderlying()) {
      Double adv = addOns.averageDailyVolumeUsd().get(g.underlying());
      Double vol = addOns.dailyVol().get(g.underlying());
      double e = Math.abs(g.cashDelta());
      if (adv == null || vol == null || e == 0) {
        continue;
      }
      double cost = addOns.impactCoefficient() * vol * e * Math.sqrt(e / adv);
      liquidity += cost;
      why.append(String.format(Locale.ROOT, " %s %.6g USD (E %.4g, ADV %.4g)", g.underlying(), cost, e, adv));
    }
    if (liquidity > 0) {
      components.add(charge("liquidity_addon", liquidity, why.toString()));
    }
  }
}
