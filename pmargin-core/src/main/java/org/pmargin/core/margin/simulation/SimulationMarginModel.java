package org.pmargin.core.margin.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.time.YearFraction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
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
public final class SimulationMarginModel implements ScenarioMarginModel {

  private final ScenarioSet scenarios;
  private final SimulationParameters params;
  private final SimulationAddOns addOns;
  private final SimulationMarginModel floorModel;

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
    this.floorModel = addOns != null && addOns.floorScenarios() != null
        ? new SimulationMarginModel(addOns.floorScenarios(), params) : null;
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
    return margin(account, market, VectorCache.NONE, true);
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market, VectorCache cache, boolean explain) {
    List<PoolMargin> pools = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, params.view())) {
      pools.add(pool(account, book, market, cache, explain));
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
    List<double[]> out = new ArrayList<>();
    accumulate(book, market, VectorCache.NONE, new double[scenarios.size()], names, out);
    return out;
  }

  /**
   * Adds every exposure's P&L vector (weight × its unit vector) into {@code total}, and keeps each one when
   * {@code kept} is not null.
   *
   * @return whether the pool has any exposure that moves
   */
  private boolean accumulate(PoolBook book, MarketSnapshot market, VectorCache cache, double[] total,
      List<String> names, List<double[]> kept) {
    Asset pool = book.currency();
    Function<ExposureKey, double[]> compute = k -> unitVector(k, market);
    boolean any = false;
    for (Position p : book.positions()) {
      Asset u = p.instrument().underlying();
      if (scenarios.factorIndex(u) < 0) {
        throw new InvalidInputException("scenario_set.factors", "the scenario set (" + scenarios.name()
            + ") does not move " + u + ", the underlying of " + p.instrument().symbol());
      }
      double[] unit = cache.get(scenarios, ExposureKey.of(p, pool), compute);
      add(ExposureKey.weightOf(p, pool), unit, total, kept);
      if (names != null) {
        names.add(p.instrument().symbol());
      }
      any = true;
    }
    if (params.view() == MarginView.UNIFIED_USD) {
      for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
        if (scenarios.factorIndex(b.getKey()) < 0 || b.getValue() == 0) {
          continue;
        }
        double[] unit = cache.get(scenarios, ExposureKey.holding(b.getKey(), pool), compute);
        add(b.getValue(), unit, total, kept);
        if (names != null) {
          names.add("balance:" + b.getKey());
        }
        any = true;
      }
    }
    return any;
  }

  private static void add(double weight, double[] unit, double[] total, List<double[]> kept) {
    if (kept == null) {
      for (int s = 0; s < unit.length; s++) {
        total[s] += weight * unit[s];
      }
      return;
    }
    double[] v = new double[unit.length];
    for (int s = 0; s < unit.length; s++) {
      v[s] = weight * unit[s];
      total[s] += v[s];
    }
    kept.add(v);
  }

  /**
   * The P&L of one unit of an exposure in every scenario: one contract fully revalued (its underlying's index,
   * mark and forwards × exp(log return), its vol × exp(vol log change)), or one coin held (USD price × (exp(log
   * return) − 1)).
   */
  private double[] unitVector(ExposureKey key, MarketSnapshot market) {
    int n = scenarios.size();
    int f = scenarios.factorIndex(key.underlying());
    double[] pnl = new double[n];
    if (key.isHolding()) {
      double value = market.priceUsd(key.underlying());
      for (int s = 0; s < n; s++) {
        pnl[s] = value * Math.expm1(scenarios.logReturn(s, f));
      }
      return pnl;
    }
    Position unit = key.unitPosition();
    double base = PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market));
    if (key.instrument() instanceof EuropeanOption o && optionVector(o, key.pool(), market, f, base, pnl)) {
      return pnl;
    }
    for (int s = 0; s < n; s++) {
      double volFactor = Math.exp(scenarios.volLogChange(s, f));
      MarketShock shock = new MarketShock(key.underlying(), Math.exp(scenarios.logReturn(s, f)),
          (vol, t) -> vol * volFactor);
      pnl[s] = PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market, shock)) - base;
    }
    return pnl;
  }

  /**
   * An unexpired option's P&L per scenario without a valuation object per scenario: the same prices as
   * {@link PositionValuer} (Black-76 at the forward × exp(log return), the strike's unshocked vol × exp(vol log
   * change), the snapshot's discount), expressed in the pool's currency as it would: a coin-settled option's coin value
   * is price / forward, its USD value that times the moved index.
   *
   * @return false when the option is at or past expiry (the caller revalues it through the valuer)
   */
  private boolean optionVector(EuropeanOption o, Asset pool, MarketSnapshot market, int f, double base,
      double[] pnl) {
    UnderlyingMarket m = market.underlying(o.underlying());
    double t = YearFraction.between(market.asOf(), o.expiryInstant());
    if (!(t > 0)) {
      return false;
    }
    double s0 = m.index();
    double f0 = m.forwards().forward(o.expiryInstant());
    double vol0 = m.vols().vol(o.strike(), f0, t);
    double discount = Math.exp(-market.rate() * t);
    boolean call = o.type() == OptionType.CALL;
    boolean coin = o.settlement() != Settlement.LINEAR;
    boolean inUsd = pool.equals(Asset.USD) && !o.settlementAsset().equals(Asset.USD);
    double size = o.contractSize();
    for (int s = 0; s < pnl.length; s++) {
      double move = Math.exp(scenarios.logReturn(s, f));
      double vol = vol0 * Math.exp(scenarios.volLogChange(s, f));
      if (!(vol > 0) || Double.isInfinite(vol)) {
        throw new InvalidInputException("vol_shock", "gives vol " + vol + " for " + o.symbol());
      }
      double forward = f0 * move;
      double price = Black76.priceUnchecked(call, forward, o.strike(), t, vol, discount);
      double value;
      if (!coin) {
        value = size * price;
      } else {
        double valueCoin = size * (price / forward);
        value = inUsd ? valueCoin * (s0 * move) : valueCoin;
      }
      pnl[s] = value - base;
    }
    return true;
  }

  private PoolMargin pool(Account account, PoolBook book, MarketSnapshot market, VectorCache cache,
      boolean explain) {
    int n = scenarios.size();
    double[] total = new double[n];
    List<String> names = explain ? new ArrayList<>() : null;
    List<double[]> vectors = explain ? new ArrayList<>() : null;
    boolean any = accumulate(book, market, cache, total, names, vectors);
    double equity = book.equity(market, params.haircuts(), cache);
    double rate = book.usdRate(market);
    ChargeSheet sheet = new ChargeSheet(explain);
    if (!any) {
      return sheet.pool(book.currency(), equity, () -> "", List::of, rate);
    }
    int[] tail = TailRisk.tailIndices(total, params.confidence());
    double es = TailRisk.expectedShortfall(total, tail);
    int worst = tail[0];
    String ccy = book.currency().code();
    charge(sheet, "expected_shortfall", es, () -> {
      double var = TailRisk.valueAtRisk(total, params.varConfidence());
      double es99 = TailRisk.expectedShortfall(total, 0.99);
      return String.format(Locale.ROOT,
          "ES %.4g%% over %d scenarios (%s): mean loss of the %d worst, %.6g %s; ES 99%% %.6g %s; VaR %.4g%% %.6g "
              + "%s; worst scenario %s loses %.6g %s", params.confidence() * 100, n, scenarios.name(), tail.length,
          es, ccy, es99, ccy, params.varConfidence() * 100, var, ccy, scenarios.label(worst), -total[worst], ccy);
    });
    if (addOns != null) {
      addOns(account, market, es, sheet, cache);
    }
    return sheet.pool(book.currency(), equity, () -> "worst " + scenarios.label(worst),
        () -> contributions(names, vectors, tail, es), rate);
  }

  /** Euler attribution: each exposure's P&L in the worst scenario and its share of the ES. */
  private List<PositionContribution> contributions(List<String> names, List<double[]> vectors, int[] tail,
      double es) {
    List<PositionContribution> contributions = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      double[] v = vectors.get(i);
      double mean = 0;
      for (int s : tail) {
        mean += v[s];
      }
      mean /= tail.length;
      double share = es > 0 ? -mean : 0;
      contributions.add(new PositionContribution(names.get(i), v[tail[0]], params.imFactor() * share));
    }
    return contributions;
  }

  private void charge(ChargeSheet sheet, String name, double amount, Supplier<String> explanation) {
    sheet.add(name, params.imFactor() * amount, params.mmFactor() * amount, explanation);
  }

  /** The stress and floor top-ups over the ES (the largest of the three sets the base) and the liquidity add-on. */
  private void addOns(Account account, MarketSnapshot market, double es, ChargeSheet sheet, VectorCache cache) {
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
    if (floorModel != null) {
      floor = floorModel.margin(account, market, cache, false).initialMarginUsd() / params.imFactor();
    }
    double base = Math.max(es, Math.max(weighted, floor));
    if (base > es) {
      if (weighted >= floor) {
        double worstLoss = stress;
        String worstName = worstStress;
        charge(sheet, "stress_topup", weighted - es, () -> String.format(Locale.ROOT,
            "%.0f%% of the worst stress loss %.6g USD (%s) exceeds the ES", addOns.stressWeight() * 100, worstLoss,
            worstName));
      } else {
        double floorEs = floor;
        charge(sheet, "apc_floor_topup", floor - es, () -> String.format(Locale.ROOT,
            "anti-procyclical floor: ES %.6g USD over %s exceeds today's", floorEs,
            addOns.floorScenarios().name()));
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
      if (sheet.explains()) {
        why.append(String.format(Locale.ROOT, " %s %.6g USD (E %.4g, ADV %.4g)", g.underlying(), cost, e, adv));
      }
    }
    if (liquidity > 0) {
      charge(sheet, "liquidity_addon", liquidity, why::toString);
    }
  }
}
