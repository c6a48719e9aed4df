package org.pmargin.core.margin.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.RiskMeasure;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

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
 * components add up to the ES (to rounding: the total adds four exposures per pass). IM = imFactor × ES,
 * MM = mmFactor × ES, plus, in both, the funding the perpetuals would pay over {@link
 * SimulationParameters#fundingHours()} at the current rate ({@code funding_provision:X}, no credit to receivers).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SimulationMarginModel implements ScenarioMarginModel {

  private final ScenarioSet scenarios;
  private final SimulationParameters params;
  private final SimulationAddOns addOns;
  /** The add-ons' charges, or null for ES alone. */
  private final SimulationAddOnCharges addOnCharges;
  private final ScenarioUnitVectors unitVectors;
  /** The figures-only path's arithmetic, or null for the reference path (full vectors, then {@link TailRisk}). */
  private final ScenarioKernel kernel;

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
    this(scenarios, params, addOns, ScenarioKernels.preferred(), OptionScenarioPricers.preferred());
  }

  private SimulationMarginModel(ScenarioSet scenarios, SimulationParameters params, SimulationAddOns addOns,
      ScenarioKernel kernel, OptionScenarioPricer pricer) {
    this.kernel = kernel;
    this.scenarios = Checks.notNull(scenarios, "scenarios");
    this.params = Checks.notNull(params, "params");
    if (addOns != null && params.view() != MarginView.UNIFIED_USD) {
      throw new InvalidInputException("add_ons", "simulation add-ons apply to the unified USD view only");
    }
    this.addOns = addOns;
    SimulationMarginModel floorModel = addOns != null && addOns.floorScenarios() != null
        ? new SimulationMarginModel(addOns.floorScenarios(), params.withFundingHours(0), null, kernel, pricer) : null;
    this.addOnCharges = addOns != null ? new SimulationAddOnCharges(addOns, params, floorModel) : null;
    this.unitVectors = new ScenarioUnitVectors(scenarios, pricer);
  }

  /**
   * The same model with another kernel for its figures-only path (one account or a batch): the figures are the
   * same bit for bit, only the speed changes.
   *
   * @param kernel  the arithmetic, or null for the reference path: each pool's full P&L vector summed, then
   *     {@link TailRisk}'s selection (the path before the fused tail pass, kept for the tests and benchmarks)
   * @return the model
   */
  public SimulationMarginModel withKernel(ScenarioKernel kernel) {
    return new SimulationMarginModel(scenarios, params, addOns, kernel, unitVectors.pricer());
  }

  /**
   * The same model with another pricer for the options' per-unit scenario vectors (see {@link OptionScenarioPricer}
   * on how closely pricers agree).
   *
   * @param pricer  the pricer
   * @return the model
   */
  public SimulationMarginModel withOptionPricer(OptionScenarioPricer pricer) {
    return new SimulationMarginModel(scenarios, params, addOns, kernel, Checks.notNull(pricer, "pricer"));
  }

  /** The pricer of the options' per-unit scenario vectors. */
  public OptionScenarioPricer optionPricer() {
    return unitVectors.pricer();
  }

  /**
   * The P&L of one unit of an exposure in every scenario, in its pool's currency: the vector every account holding
   * the exposure shares (through a {@link VectorCache}), rebuilt for every new snapshot. A new array each call.
   *
   * @param key  the exposure
   * @param market  the snapshot
   * @return [scenario]
   */
  public double[] unitVector(ExposureKey key, MarketSnapshot market) {
    if (scenarios.factorIndex(key.underlying()) < 0) {
      throw new InvalidInputException("scenario_set.factors", "the scenario set (" + scenarios.name()
          + ") does not move " + key.underlying());
    }
    return unitVectors.unitVector(key, market);
  }

  /** The figures-only path's kernel, or null for the reference path. */
  public ScenarioKernel kernel() {
    return kernel;
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
    if (!explain && kernel != null && TailPass.applies(scenarios.size(), params.confidence())) {
      MarginResult[] result = new MarginResult[1];
      InvalidInputException[] error = new InvalidInputException[1];
      marginAll(List.of(account), market, cache, result, error);
      if (error[0] != null) {
        throw error[0];
      }
      return result[0];
    }
    List<PoolMargin> pools = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, params.view(), market)) {
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
    PoolExposures e = exposures(book, market, VectorCache.NONE, names);
    for (int k = 0; k < e.count(); k++) {
      out.add(e.scaled(k));
    }
    return out;
  }

  /**
   * Margins many accounts at once, figures only, with the accumulation blocked by scenario: for each block of
   * scenarios every account's exposures are added in turn, so the block of each shared vector is read from cache by
   * all the accounts that hold it instead of from memory by each (a tick re-margins 100,000 accounts over vectors
   * that do not fit in cache). Each account's figures equal {@code margin(account, market, cache, false)} bit for
   * bit: every scenario's total adds the same terms in the same order.
   */
  @Override
  public void marginAll(List<Account> accounts, MarketSnapshot market, VectorCache cache, MarginResult[] results,
      InvalidInputException[] errors) {
    if (kernel != null && TailPass.applies(scenarios.size(), params.confidence())) {
      fusedAll(accounts, market, cache, results, errors);
    } else {
      referenceAll(accounts, market, cache, results, errors);
    }
  }

  /**
   * The batch through {@link TailPass}: every pool's ES found while its P&L is summed, block by block over all the
   * batch's pools, nothing of size n kept per pool.
   */
  private void fusedAll(List<Account> accounts, MarketSnapshot market, VectorCache cache, MarginResult[] results,
      InvalidInputException[] errors) {
    int count = accounts.size();
    List<List<PoolBook>> books = new ArrayList<>(count);
    List<List<PoolExposures>> plans = new ArrayList<>(count);
    int jobs = 0;
    for (int i = 0; i < count; i++) {
      List<PoolBook> split = null;
      List<PoolExposures> plan = null;
      try {
        split = PoolBook.split(accounts.get(i), params.view(), market);
        plan = new ArrayList<>(split.size());
        for (PoolBook book : split) {
          PoolExposures e = exposures(book, market, cache, null);
          plan.add(e);
          jobs += e.count() > 0 ? 1 : 0;
        }
      } catch (InvalidInputException e) {
        errors[i] = e;
        split = null;
      }
      books.add(split);
      plans.add(plan);
    }
    double[][] weights = new double[jobs][];
    double[][][] units = new double[jobs][][];
    int[] counts = new int[jobs];
    int j = 0;
    for (int i = 0; i < count; i++) {
      if (books.get(i) != null) {
        for (PoolExposures e : plans.get(i)) {
          if (e.count() > 0) {
            weights[j] = e.weights();
            units[j] = e.units();
            counts[j++] = e.count();
          }
        }
      }
    }
    double[] es = new double[jobs];
    TailPass.get().expectedShortfalls(kernel, weights, units, counts, jobs, scenarios.size(),
        params.confidence(), es);
    j = 0;
    for (int i = 0; i < count; i++) {
      if (books.get(i) == null) {
        continue;
      }
      int first = j;
      for (PoolExposures e : plans.get(i)) {
        j += e.count() > 0 ? 1 : 0;
      }
      try {
        List<PoolMargin> pools = new ArrayList<>();
        int k = first;
        for (int p = 0; p < books.get(i).size(); p++) {
          boolean any = plans.get(i).get(p).count() > 0;
          pools.add(finish(accounts.get(i), books.get(i).get(p), market, cache, false, null, null,
              any ? es[k++] : 0, any, null, null));
        }
        results[i] = MarginResult.of(name(), params.view(), pools);
      } catch (InvalidInputException e) {
        errors[i] = e;
      }
    }
  }

  /**
   * The reference batch: each pool's full P&L vector, blocked by scenario over slices of 32 accounts (the engine's
   * batch before the tail pass: 32 × 80 KB of totals), then {@link TailRisk}.
   */
  private void referenceAll(List<Account> accounts, MarketSnapshot market, VectorCache cache,
      MarginResult[] results, InvalidInputException[] errors) {
    for (int from = 0; from < accounts.size(); from += 32) {
      int to = Math.min(accounts.size(), from + 32);
      MarginResult[] r = new MarginResult[to - from];
      InvalidInputException[] e = new InvalidInputException[to - from];
      referenceSlice(accounts.subList(from, to), market, cache, r, e);
      System.arraycopy(r, 0, results, from, to - from);
      System.arraycopy(e, 0, errors, from, to - from);
    }
  }

  private void referenceSlice(List<Account> accounts, MarketSnapshot market, VectorCache cache,
      MarginResult[] results, InvalidInputException[] errors) {
    int count = accounts.size();
    List<List<PoolBook>> books = new ArrayList<>(count);
    List<List<PoolExposures>> plans = new ArrayList<>(count);
    List<List<double[]>> totals = new ArrayList<>(count);
    int n = scenarios.size();
    ReusableTotals scratch = TOTALS.get();
    scratch.reset();
    for (int i = 0; i < count; i++) {
      List<PoolBook> split = null;
      List<PoolExposures> plan = null;
      List<double[]> total = null;
      try {
        split = PoolBook.split(accounts.get(i), params.view(), market);
        plan = new ArrayList<>(split.size());
        total = new ArrayList<>(split.size());
        for (PoolBook book : split) {
          plan.add(exposures(book, market, cache, null));
          total.add(scratch.next(n));
        }
      } catch (InvalidInputException e) {
        errors[i] = e;
        split = null;
      }
      books.add(split);
      plans.add(plan);
      totals.add(total);
    }
    for (int from = 0; from < n; from += PoolExposures.BLOCK) {
      int to = Math.min(n, from + PoolExposures.BLOCK);
      for (int i = 0; i < count; i++) {
        if (books.get(i) == null) {
          continue;
        }
        for (int p = 0; p < plans.get(i).size(); p++) {
          plans.get(i).get(p).accumulate(totals.get(i).get(p), from, to);
        }
      }
    }
    for (int i = 0; i < count; i++) {
      if (books.get(i) == null) {
        continue;
      }
      try {
        List<PoolMargin> pools = new ArrayList<>();
        for (int p = 0; p < books.get(i).size(); p++) {
          pools.add(finish(accounts.get(i), books.get(i).get(p), market, cache, false, totals.get(i).get(p),
              plans.get(i).get(p).count() > 0, null, null));
        }
        results[i] = MarginResult.of(name(), params.view(), pools);
      } catch (InvalidInputException e) {
        errors[i] = e;
      }
    }
  }

  /** Per-thread total vectors of the reference batch, reused from batch to batch. */
  private static final ThreadLocal<ReusableTotals> TOTALS = ThreadLocal.withInitial(ReusableTotals::new);

  private PoolExposures exposures(PoolBook book, MarketSnapshot market, VectorCache cache, List<String> names) {
    return PoolExposures.of(book, market, cache, names, scenarios, params.view(), unitVectors);
  }

  /** The account's USD P&L in each stress of the add-ons (see {@link SimulationAddOnCharges#stressPnl}). */
  double[] stressPnl(Account account, MarketSnapshot market, VectorCache cache) {
    return addOnCharges.stressPnl(account, market, cache);
  }

  private PoolMargin pool(Account account, PoolBook book, MarketSnapshot market, VectorCache cache,
      boolean explain) {
    double[] total = new double[scenarios.size()];
    List<String> names = explain ? new ArrayList<>() : null;
    List<double[]> vectors = explain ? new ArrayList<>() : null;
    PoolExposures e = exposures(book, market, cache, names);
    e.accumulate(total, 0, total.length);
    if (explain) {
      for (int k = 0; k < e.count(); k++) {
        vectors.add(e.scaled(k));
      }
    }
    return finish(account, book, market, cache, explain, total, e.count() > 0, names, vectors);
  }

  /** The pool's margin from its total P&L vector: ES, add-ons, equity (and attribution when explaining). */
  private PoolMargin finish(Account account, PoolBook book, MarketSnapshot market, VectorCache cache,
      boolean explain, double[] total, boolean any, List<String> names, List<double[]> vectors) {
    if (!any) {
      return finish(account, book, market, cache, explain, total, null, 0, false, names, vectors);
    }
    // Ranked (worst first) only when explaining: the figures need the tail's set, not its order.
    int[] tail = explain ? TailRisk.tailIndices(total, params.confidence())
        : TailRisk.tailSet(total, params.confidence());
    return finish(account, book, market, cache, explain, total, tail, TailRisk.expectedShortfall(total, tail), true,
        names, vectors);
  }

  /**
   * The pool's margin from its ES: add-ons, equity (and attribution when explaining, which needs the total and the
   * ranked tail; the figures need neither).
   */
  private PoolMargin finish(Account account, PoolBook book, MarketSnapshot market, VectorCache cache,
      boolean explain, double[] total, int[] tail, double es, boolean any, List<String> names,
      List<double[]> vectors) {
    int n = scenarios.size();
    double equity = book.equity(market, params.haircuts(), cache);
    double rate = book.usdRate(market);
    ChargeSheet sheet = new ChargeSheet(explain);
    if (!any) {
      return sheet.pool(book.currency(), equity, () -> "", List::of, rate);
    }
    int worst = tail == null ? -1 : tail[0];
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
      addOnCharges.charge(account, market, es, sheet, cache);
    }
    FundingProvision.charge(sheet, book, market, params.fundingHours());
    PoolMargin pool = sheet.pool(book.currency(), equity, () -> "worst " + scenarios.label(worst),
        () -> contributions(names, vectors, tail, es), rate);
    return explain ? pool.withRiskMeasures(riskMeasures(total, es)) : pool;
  }

  /**
   * The VaR and ES the explanation states, as figures: ES at the margin's confidence (the margin's base), ES 99% and
   * VaR at the reported VaR confidence; each confidence once.
   */
  private List<RiskMeasure> riskMeasures(double[] total, double es) {
    List<RiskMeasure> out = new ArrayList<>();
    out.add(new RiskMeasure(RiskMeasure.EXPECTED_SHORTFALL, params.confidence(), es));
    if (params.confidence() != 0.99) {
      out.add(new RiskMeasure(RiskMeasure.EXPECTED_SHORTFALL, 0.99, TailRisk.expectedShortfall(total, 0.99)));
    }
    out.add(new RiskMeasure(RiskMeasure.VALUE_AT_RISK, params.varConfidence(),
        TailRisk.valueAtRisk(total, params.varConfidence())));
    return out;
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

}
