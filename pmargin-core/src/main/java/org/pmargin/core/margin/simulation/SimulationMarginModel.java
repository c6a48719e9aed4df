package org.pmargin.core.margin.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.time.YearFraction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.UnitValuations;
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
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.stress.StressTest;
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
  private final SimulationMarginModel floorModel;
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
    this(scenarios, params, addOns, ScenarioKernels.preferred());
  }

  private SimulationMarginModel(ScenarioSet scenarios, SimulationParameters params, SimulationAddOns addOns,
      ScenarioKernel kernel) {
    this.kernel = kernel;
    this.scenarios = Checks.notNull(scenarios, "scenarios");
    this.params = Checks.notNull(params, "params");
    if (addOns != null && params.view() != MarginView.UNIFIED_USD) {
      throw new InvalidInputException("add_ons", "simulation add-ons apply to the unified USD view only");
    }
    this.addOns = addOns;
    this.floorModel = addOns != null && addOns.floorScenarios() != null
        ? new SimulationMarginModel(addOns.floorScenarios(), params.withFundingHours(0), null, kernel) : null;
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
    return new SimulationMarginModel(scenarios, params, addOns, kernel);
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
    Exposures e = exposures(book, market, VectorCache.NONE, names);
    for (int k = 0; k < e.count; k++) {
      out.add(scaled(e.weights[k], e.units[k]));
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
    List<List<Exposures>> plans = new ArrayList<>(count);
    int jobs = 0;
    for (int i = 0; i < count; i++) {
      List<PoolBook> split = null;
      List<Exposures> plan = null;
      try {
        split = PoolBook.split(accounts.get(i), params.view(), market);
        plan = new ArrayList<>(split.size());
        for (PoolBook book : split) {
          Exposures e = exposures(book, market, cache, null);
          plan.add(e);
          jobs += e.count > 0 ? 1 : 0;
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
        for (Exposures e : plans.get(i)) {
          if (e.count > 0) {
            weights[j] = e.weights;
            units[j] = e.units;
            counts[j++] = e.count;
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
      for (Exposures e : plans.get(i)) {
        j += e.count > 0 ? 1 : 0;
      }
      try {
        List<PoolMargin> pools = new ArrayList<>();
        int k = first;
        for (int p = 0; p < books.get(i).size(); p++) {
          boolean any = plans.get(i).get(p).count > 0;
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
    List<List<Exposures>> plans = new ArrayList<>(count);
    List<List<double[]>> totals = new ArrayList<>(count);
    int n = scenarios.size();
    Totals scratch = TOTALS.get();
    scratch.reset();
    for (int i = 0; i < count; i++) {
      List<PoolBook> split = null;
      List<Exposures> plan = null;
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
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      for (int i = 0; i < count; i++) {
        if (books.get(i) == null) {
          continue;
        }
        for (int p = 0; p < plans.get(i).size(); p++) {
          accumulate(plans.get(i).get(p), totals.get(i).get(p), from, to);
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
              plans.get(i).get(p).count > 0, null, null));
        }
        results[i] = MarginResult.of(name(), params.view(), pools);
      } catch (InvalidInputException e) {
        errors[i] = e;
      }
    }
  }

  /**
   * Per-thread total vectors of a batch, reused from batch to batch (zeroed before use): a tick would otherwise
   * allocate 80 KB per account for vectors that live a few microseconds.
   */
  private static final ThreadLocal<Totals> TOTALS = ThreadLocal.withInitial(Totals::new);

  private static final class Totals {
    private final List<double[]> arrays = new ArrayList<>();
    private int used;

    void reset() {
      used = 0;
    }

    double[] next(int n) {
      if (used == arrays.size() || arrays.get(used).length != n) {
        if (used == arrays.size()) {
          arrays.add(new double[n]);
        } else {
          arrays.set(used, new double[n]);
        }
      }
      double[] a = arrays.get(used++);
      java.util.Arrays.fill(a, 0.0);
      return a;
    }
  }

  /** Scenarios per block of the batched accumulation: 2 KB of each vector, so a batch's blocks stay in cache. */
  private static final int BLOCK = 256;

  /** A pool's exposures: weight and per-unit vector each, positions then balances that move. */
  private record Exposures(double[] weights, double[][] units, int count) {
  }

  /**
   * The exposures of a pool (positions, then balances that move in a unified pool).
   *
   * @param names  receives the exposures' names, or null
   */
  private Exposures exposures(PoolBook book, MarketSnapshot market, VectorCache cache, List<String> names) {
    Asset pool = book.currency();
    Function<ExposureKey, double[]> compute = k -> unitVector(k, market);
    int max = book.positions().size() + book.balances().size();
    double[] weights = new double[max];
    double[][] units = new double[max][];
    int k = 0;
    for (Position p : book.positions()) {
      Asset u = p.instrument().underlying();
      if (scenarios.factorIndex(u) < 0) {
        throw new InvalidInputException("scenario_set.factors", "the scenario set (" + scenarios.name()
            + ") does not move " + u + ", the underlying of " + p.instrument().symbol());
      }
      units[k] = cache.get(scenarios, ExposureKey.of(p, pool), compute);
      weights[k++] = ExposureKey.weightOf(p, pool);
      if (names != null) {
        names.add(p.instrument().symbol());
      }
    }
    if (params.view() == MarginView.UNIFIED_USD) {
      for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
        if (scenarios.factorIndex(b.getKey()) < 0 || b.getValue() == 0) {
          continue;
        }
        units[k] = cache.get(scenarios, ExposureKey.holding(b.getKey(), pool), compute);
        weights[k++] = b.getValue();
        if (names != null) {
          names.add("balance:" + b.getKey());
        }
      }
    }
    return new Exposures(weights, units, k);
  }

  /** One exposure's P&L vector: weight × its unit vector. */
  private static double[] scaled(double weight, double[] unit) {
    double[] v = new double[unit.length];
    for (int s = 0; s < unit.length; s++) {
      v[s] = weight * unit[s];
    }
    return v;
  }

  /**
   * Adds a pool's exposures into its total over scenarios [from, to), four exposures per pass
   * (total += w0·u0 + w1·u1 + w2·u2 + w3·u3): a quarter of the loads and stores of the total, and a loop the JIT
   * vectorises. Every caller (one account, a batch, any block boundaries) adds the same terms in the same order for
   * a given scenario, so totals are equal bit for bit.
   */
  private static void accumulate(Exposures e, double[] total, int from, int to) {
    int k = 0;
    for (; k + 4 <= e.count; k += 4) {
      add4(e.weights[k], e.units[k], e.weights[k + 1], e.units[k + 1], e.weights[k + 2], e.units[k + 2],
          e.weights[k + 3], e.units[k + 3], total, from, to);
    }
    for (; k < e.count; k++) {
      add1(e.weights[k], e.units[k], total, from, to);
    }
  }

  private static void add4(double w0, double[] u0, double w1, double[] u1, double w2, double[] u2, double w3,
      double[] u3, double[] total, int from, int to) {
    for (int s = from; s < to; s++) {
      total[s] += w0 * u0[s] + w1 * u1[s] + w2 * u2[s] + w3 * u3[s];
    }
  }

  private static void add1(double w, double[] u, double[] total, int from, int to) {
    for (int s = from; s < to; s++) {
      total[s] += w * u[s];
    }
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
    double[] total = new double[scenarios.size()];
    List<String> names = explain ? new ArrayList<>() : null;
    List<double[]> vectors = explain ? new ArrayList<>() : null;
    Exposures e = exposures(book, market, cache, names);
    accumulate(e, total, 0, total.length);
    if (explain) {
      for (int k = 0; k < e.count; k++) {
        vectors.add(scaled(e.weights[k], e.units[k]));
      }
    }
    return finish(account, book, market, cache, explain, total, e.count > 0, names, vectors);
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
      addOns(account, market, es, sheet, cache);
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

  /**
   * The account's USD P&L in each stress of the add-ons, as {@link StressTest} computes it (positions fully
   * revalued with their underlying moved and vols shocked, a linear contract's P&L scaled by its quote coin's
   * price factor, every balance re-priced), built from per-unit stress vectors shared between accounts: weight ×
   * the vector of the position's {@link ExposureKey} in the USD pool, plus, for a linear perpetual or future, the
   * entry-price term of a depegged quote coin, q·size·(factor − 1)·(1 − entry) (the vector is for an entry of 1).
   */
  double[] stressPnl(Account account, MarketSnapshot market, VectorCache cache) {
    List<StressScenario> stresses = addOns.stresses();
    double[] total = new double[stresses.size()];
    Function<ExposureKey, double[]> compute = k -> stressVector(k, market);
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      double[] unit;
      try {
        unit = cache.get(stresses, ExposureKey.of(p, Asset.USD), compute);
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      double w = ExposureKey.weightOf(p, Asset.USD);
      Instrument inst = p.instrument();
      boolean linearDeltaOne = inst.settlement() == Settlement.LINEAR
          && (inst instanceof Perpetual || inst instanceof DatedFuture);
      for (int k = 0; k < total.length; k++) {
        double pnl = w * unit[k];
        if (linearDeltaOne) {
          pnl += p.quantity() * inst.contractSize() * (stresses.get(k).priceFactor(inst.quote()) - 1)
              * (1 - p.entryPrice());
        }
        total[k] += pnl;
      }
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      double[] unit;
      try {
        unit = cache.get(stresses, ExposureKey.holding(b.getKey(), Asset.USD), compute);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("collateral." + b.getKey(), "no market price for " + b.getKey(), e);
      }
      for (int k = 0; k < total.length; k++) {
        total[k] += b.getValue() * unit[k];
      }
    }
    return total;
  }

  /** One contract's (entry 1) or one coin's USD P&L in each stress. */
  private double[] stressVector(ExposureKey key, MarketSnapshot market) {
    List<StressScenario> stresses = addOns.stresses();
    double[] out = new double[stresses.size()];
    Asset u = key.underlying();
    if (key.isHolding()) {
      double price = market.priceUsd(u);
      for (int k = 0; k < out.length; k++) {
        out[k] = price * (stresses.get(k).priceFactor(u) - 1);
      }
      return out;
    }
    Position unit = key.unitPosition();
    double before = PositionValuer.value(unit, market).valueUsd();
    for (int k = 0; k < out.length; k++) {
      StressScenario sc = stresses.get(k);
      double volFactor = sc.volFactor(u);
      double after = PositionValuer.value(unit, market,
          new MarketShock(u, sc.priceFactor(u), (vol, t) -> vol * volFactor)).valueUsd();
      double quoteFactor = key.instrument().settlement() == Settlement.LINEAR
          ? sc.priceFactor(key.instrument().quote()) : 1.0;
      out[k] = after * quoteFactor - before;
    }
    return out;
  }

  /** Cash delta per underlying (positions' USD delta plus coin balances, × the index), in ticker order. */
  private static Map<Asset, Double> cashDeltas(Account account, MarketSnapshot market, VectorCache cache) {
    Map<Asset, Double> delta = new java.util.TreeMap<>();
    for (Asset a : market.underlyings().keySet()) {
      if (account.balance(a) != 0) {
        delta.put(a, 0.0);
      }
    }
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      double d;
      try {
        d = UnitValuations.value(p, market, cache).delta();
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      delta.merge(p.instrument().underlying(), d, Double::sum);
    }
    Map<Asset, Double> cash = new java.util.TreeMap<>();
    for (Map.Entry<Asset, Double> e : delta.entrySet()) {
      cash.put(e.getKey(), (e.getValue() + account.balance(e.getKey())) * market.priceUsd(e.getKey()));
    }
    return cash;
  }

  /** The stress and floor top-ups over the ES (the largest of the three sets the base) and the liquidity add-on. */
  private void addOns(Account account, MarketSnapshot market, double es, ChargeSheet sheet, VectorCache cache) {
    double stress = 0;
    String worstStress = "";
    if (!addOns.stresses().isEmpty()) {
      double[] pnl = stressPnl(account, market, cache);
      for (int k = 0; k < pnl.length; k++) {
        if (-pnl[k] > stress) {
          stress = -pnl[k];
          worstStress = addOns.stresses().get(k).name();
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
    for (Map.Entry<Asset, Double> g : cashDeltas(account, market, cache).entrySet()) {
      Double adv = addOns.averageDailyVolumeUsd().get(g.getKey());
      Double vol = addOns.dailyVol().get(g.getKey());
      double e = Math.abs(g.getValue());
      if (adv == null || vol == null || e == 0) {
        continue;
      }
      double cost = addOns.impactCoefficient() * vol * e * Math.sqrt(e / adv);
      liquidity += cost;
      if (sheet.explains()) {
        why.append(String.format(Locale.ROOT, " %s %.6g USD (E %.4g, ADV %.4g)", g.getKey(), cost, e, adv));
      }
    }
    if (liquidity > 0) {
      charge(sheet, "liquidity_addon", liquidity, why::toString);
    }
  }
}
