package org.pmargin.core.margin.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.UnitValuations;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The risk grid of one underlying in one pool: every position (and, in a unified pool, the coin balance) revalued in
 * every scenario, in the pool's currency, and the charges computed from it. Full revaluation: options are repriced
 * with Black-76 at the shocked forward and shocked vol, once per contract and snapshot ({@link GridVectors}), and
 * each position's P&L is its weight times its exposure's vectors ({@link ExposureKey}).
 */
final class PairRisk {

  Asset underlying;
  /** The exposures' names, when kept (attribution), else empty. */
  final List<String> names;
  /** P&L per exposure (positions, then the balance) per standard scenario, when kept. */
  final List<double[]> standardPnl;
  /** Counted P&L per exposure per extended scenario (edge P&L for delta-one, weighted for options), when kept. */
  final List<double[]> extendedPnl;
  double[] standardTotal;
  double[] extendedTotal;
  List<GridScenario> standard;
  List<GridScenario> extended;
  int worstStandard = -1;
  int worstExtended = -1;
  double standardLoss;
  double extendedLoss;
  double rollShock;
  double deltaShock;
  double deltaShockFraction;
  double cashDeltaUsd;
  double shortOptionMinimum;
  double deltaFloor;
  double fundingProvision;
  /** The charge on cash delta hedged across settlement currencies (unified pools), and its parts by currency. */
  double settlementBasis;
  private final Asset[] settleCcy = new Asset[4];
  private final double[][] settleVec = new double[4][];
  private int settleCount;
  /** Each exposure's roll charge, when kept. */
  final List<Double> rollByExposure;

  private PairRisk(Asset underlying, List<GridScenario> standard, List<GridScenario> extended, boolean keep) {
    this.names = keep ? new ArrayList<>() : List.of();
    this.standardPnl = keep ? new ArrayList<>() : List.of();
    this.extendedPnl = keep ? new ArrayList<>() : List.of();
    this.rollByExposure = keep ? new ArrayList<>() : List.of();
    reset(underlying, standard, extended);
  }

  /** A grid that keeps totals only, for {@link GridVariants} to fill and reuse. */
  static PairRisk blank(Asset u, List<GridScenario> std, List<GridScenario> ext) {
    return new PairRisk(u, std, ext, false);
  }

  /** Makes this a fresh grid of an underlying: totals zeroed, charges cleared. */
  void reset(Asset u, List<GridScenario> std, List<GridScenario> ext) {
    underlying = u;
    standard = std;
    extended = ext;
    if (standardTotal == null || standardTotal.length != std.size()) {
      standardTotal = new double[std.size()];
    } else {
      java.util.Arrays.fill(standardTotal, 0.0);
    }
    if (extendedTotal == null || extendedTotal.length != ext.size()) {
      extendedTotal = new double[ext.size()];
    } else {
      java.util.Arrays.fill(extendedTotal, 0.0);
    }
    worstStandard = -1;
    worstExtended = -1;
    standardLoss = 0;
    extendedLoss = 0;
    rollShock = 0;
    deltaShock = 0;
    deltaShockFraction = 0;
    cashDeltaUsd = 0;
    shortOptionMinimum = 0;
    deltaFloor = 0;
    fundingProvision = 0;
    settlementBasis = 0;
    settleCount = 0;
  }

  /**
   * The stablecoin a position's P&L is paid in, when it is one that may depeg against the pool's USD: the quote of a
   * linear instrument (spot is coins held, an inverse contract pays in its coin, whose moves the grid already
   * has); null otherwise.
   */
  static Asset basisCurrencyOf(Instrument inst) {
    return inst instanceof org.pmargin.core.instrument.Spot || inst.settlement() != Settlement.LINEAR
        || inst.quote().equals(Asset.USD) ? null : inst.quote();
  }

  /** Adds weight × an exposure's standard vector to the P&L paid in a stablecoin (unified pools). */
  void addSettlement(Asset currency, double weight, GridVectors unit) {
    int c = -1;
    for (int i = 0; i < settleCount; i++) {
      if (settleCcy[i].equals(currency)) {
        c = i;
      }
    }
    if (c < 0) {
      if (settleCount == settleCcy.length) {
        throw new InvalidInputException("positions", "more than " + settleCcy.length
            + " stablecoins settle positions on " + underlying + ": the grid holds " + settleCcy.length);
      }
      c = settleCount++;
      settleCcy[c] = currency;
      if (settleVec[c] == null || settleVec[c].length != standardTotal.length) {
        settleVec[c] = new double[standardTotal.length];
      } else {
        java.util.Arrays.fill(settleVec[c], 0.0);
      }
    }
    double[] std = unit.standard();
    double[] v = settleVec[c];
    for (int j = 0; j < std.length; j++) {
      v[j] += weight * std[j];
    }
  }

  /**
   * The settlement basis charge: in each standard scenario, the P&L paid in one stablecoin is worth (1 − basis) of
   * its USD value (the stress library's depeg reading: a linear position's P&L is paid in its quote, so a depeg scales
   * it); the charge is how much worse the worst such scenario is than the worst loss already counted, ≥ 0. A hedge
   * within one settlement currency pays nothing, a naked position nothing (a depeg shrinks its loss as much as its
   * profit); a hedge across two pays for the profit leg's currency.
   */
  void finishSettlementBasis(GridParameters p) {
    settlementBasis = 0;
    if (settleCount == 0 || p.settlementBasis() == 0) {
      return;
    }
    double worst = 0;
    for (int c = 0; c < settleCount; c++) {
      double[] v = settleVec[c];
      for (int j = 0; j < standardTotal.length; j++) {
        worst = Math.min(worst, standardTotal[j] - p.settlementBasis() * v[j]);
      }
    }
    settlementBasis = Math.max(0, -worst - worstLoss());
  }

  /**
   * Per-thread grids reused by figures-only margin calls, one per underlying of the pool being margined: nothing
   * keeps them once the call returns (no explanation refers to them), and a tick margins 100,000 accounts.
   */
  private static final ThreadLocal<List<PairRisk>> SCRATCH = ThreadLocal.withInitial(ArrayList::new);

  /** The {@code i}-th reusable grid of this thread, reset for an underlying. */
  static PairRisk scratch(int i, Asset u, List<GridScenario> std, List<GridScenario> ext) {
    List<PairRisk> pool = SCRATCH.get();
    while (pool.size() <= i) {
      pool.add(new PairRisk(u, std, ext, false));
    }
    PairRisk r = pool.get(i);
    r.reset(u, std, ext);
    return r;
  }

  /**
   * Builds the grid of one underlying from the per-unit vectors of its exposures.
   *
   * @param underlying  the coin
   * @param positions  the pool's positions (those on other underlyings are skipped)
   * @param balance  the coin balance that counts as an exposure (unified pools), else 0
   * @param book  the pool, for its currency
   * @param market  the snapshot
   * @param p  the parameters
   * @param standard  the standard scenarios
   * @param extended  the extended scenarios
   * @param cache  where the per-unit vectors come from
   * @param namespace  the model's cache namespace
   * @param keepVectors  whether to keep each exposure's P&L vectors and names (for attribution), or only the totals
   * @param values  receives each position's value in the pool's currency, at its index
   * @param slot  without {@code keepVectors}, which of this thread's reusable grids to use (distinct per underlying of
   *     the pool); ignored with it (a fresh grid is kept for attribution)
   * @param record  receives each position's figures and keeps the grid ({@link GridVariants}), or null
   */
  static PairRisk compute(Asset underlying, List<Position> positions, double balance, PoolBook book,
      MarketSnapshot market, GridParameters p, List<GridScenario> standard, List<GridScenario> extended,
      VectorCache cache, Object namespace, boolean keepVectors, double[] values, int slot,
      GridVariants.Slot record) {
    PairRisk r = keepVectors || record != null ? new PairRisk(underlying, standard, extended, keepVectors)
        : scratch(slot, underlying, standard, extended);
    double index = market.underlying(underlying).index();
    Asset pool = book.currency();
    boolean coinPool = pool.equals(underlying);
    Function<ExposureKey, GridVectors> compute = k -> GridVectors.compute(k, market, p, standard, extended);
    boolean unified = pool.equals(Asset.USD) && p.view() == org.pmargin.core.margin.MarginView.UNIFIED_USD;
    double coinDelta = 0;
    double netOptionCoins = 0;
    double netDelta = 0;
    double grossDelta = 0;
    for (int idx = 0; idx < positions.size(); idx++) {
      Position pos = positions.get(idx);
      Instrument inst = pos.instrument();
      if (!inst.underlying().equals(underlying)) {
        continue;
      }
      GridVectors unit;
      PositionValuation v0;
      double funding = 0;
      try {
        unit = cache.get(namespace, ExposureKey.of(pos, pool), compute);
        v0 = inst instanceof EuropeanOption ? UnitValuations.scaled(unit.unit(), pos)
            : PositionValuer.value(pos, market);
        values[idx] = book.valueOf(v0);
        r.cashDeltaUsd += v0.delta() * index;
        coinDelta += v0.settlementDelta();
        double coinsDelta = v0.delta();
        netDelta += coinsDelta;
        grossDelta += Math.abs(coinsDelta);
        if (p.fundingProvision() && inst instanceof Perpetual) {
          // Longs pay a positive rate: the next 8 hours' payment, if it is one, in the pool's currency.
          UnderlyingMarket um = market.underlying(underlying);
          double coins = inst.settlement() == Settlement.INVERSE
              ? pos.quantity() * inst.contractSize() / um.perpetualMark() : pos.quantity() * inst.contractSize();
          funding = Math.max(0, coins * um.fundingRate8h()) * (coinPool ? 1.0 : index);
          r.fundingProvision += funding;
        }
      } catch (InvalidInputException e) {
        throw e.within("positions[" + inst.symbol() + "]");
      }
      double roll = roll(pos, market, p, index, coinPool);
      double weight = ExposureKey.weightOf(pos, pool);
      r.add(inst.symbol(), weight, unit, roll, keepVectors);
      Asset basis = unified ? basisCurrencyOf(inst) : null;
      if (basis != null) {
        r.addSettlement(basis, weight, unit);
      }
      r.rollShock += roll;
      double optionCoins = inst instanceof EuropeanOption ? pos.quantity() * inst.contractSize() : 0;
      netOptionCoins += optionCoins;
      if (record != null) {
        record.add(idx, v0, weight, unit, roll, v0.delta() * index, optionCoins, funding);
      }
    }
    if (record != null) {
      record.finish(r, index, coinPool, balance, k -> cache.get(namespace, k, compute));
    }
    // Only options not matched by a long option count as naked shorts (a spread's short leg is covered).
    r.shortOptionMinimum = Math.max(0, -netOptionCoins) * p.shortOptionMinimum() * (coinPool ? 1.0 : index);
    if (balance != 0) {
      GridVectors unit = cache.get(namespace, ExposureKey.holding(underlying, pool), compute);
      r.add("balance:" + underlying, balance, unit, 0, keepVectors);
      r.cashDeltaUsd += balance * index;
      netDelta += balance;
      grossDelta += Math.abs(balance);
    }
    double hedged = (grossDelta - Math.abs(netDelta)) / 2;
    r.deltaFloor = (p.netDeltaFloor() * Math.abs(netDelta) + p.hedgedDeltaFloor() * hedged) * index
        / (coinPool ? index : 1.0);
    r.finish(p, coinPool ? coinDelta : r.cashDeltaUsd);
    r.finishSettlementBasis(p);
    return r;
  }

  /** Adds weight × an exposure's unit vectors to the totals, and keeps them when asked. */
  private void add(String name, double weight, GridVectors unit, double roll, boolean keep) {
    double[] std = unit.standard();
    double[] ext = unit.extended();
    double[] keptStd = keep ? new double[std.length] : null;
    double[] keptExt = keep ? new double[ext.length] : null;
    for (int j = 0; j < std.length; j++) {
      double v = weight * std[j];
      standardTotal[j] += v;
      if (keep) {
        keptStd[j] = v;
      }
    }
    for (int j = 0; j < ext.length; j++) {
      double v = weight * ext[j];
      extendedTotal[j] += v;
      if (keep) {
        keptExt[j] = v;
      }
    }
    if (keep) {
      names.add(name);
      standardPnl.add(keptStd);
      extendedPnl.add(keptExt);
      rollByExposure.add(roll);
    }
  }

  /** Adds weight × an exposure's unit vectors to the totals only. */
  void addTotals(double weight, GridVectors unit) {
    double[] std = unit.standard();
    double[] ext = unit.extended();
    for (int j = 0; j < std.length; j++) {
      standardTotal[j] += weight * std[j];
    }
    for (int j = 0; j < ext.length; j++) {
      extendedTotal[j] += weight * ext[j];
    }
  }

  /** Sets the worst losses and the delta shock once every exposure is added (poolDelta: coins or USD). */
  void finish(GridParameters p, double poolDelta) {
    standardLoss = 0;
    for (int j = 0; j < standardTotal.length; j++) {
      if (worstStandard < 0 || standardTotal[j] < standardTotal[worstStandard]) {
        worstStandard = j;
      }
    }
    standardLoss = Math.max(0, -standardTotal[worstStandard]);
    extendedLoss = 0;
    for (int j = 0; j < extendedTotal.length; j++) {
      if (worstExtended < 0 || extendedTotal[j] < extendedTotal[worstExtended]) {
        worstExtended = j;
      }
    }
    if (worstExtended >= 0) {
      extendedLoss = Math.max(0, -extendedTotal[worstExtended]);
    }
    double excess = Math.abs(cashDeltaUsd) - p.deltaShockThresholdUsd();
    deltaShockFraction = excess > 0 ? Math.min(p.maxDeltaShock(), p.deltaShockPerMillion() * excess / 1e6) : 0;
    deltaShock = deltaShockFraction * Math.abs(poolDelta);
  }

  /** The larger of the standard and extended worst losses. */
  double worstLoss() {
    return Math.max(standardLoss, extendedLoss);
  }

  /** Whether the extended table sets the worst loss. */
  boolean extendedDrives() {
    return extendedLoss > standardLoss;
  }

  /** The scenario that sets the worst loss. */
  GridScenario drivingScenario() {
    return extendedDrives() ? extended.get(worstExtended) : standard.get(worstStandard);
  }

  /** Each exposure's counted P&L in the driving scenario. */
  double pnlInDrivingScenario(int exposure) {
    return extendedDrives() ? extendedPnl.get(exposure)[worstExtended] : standardPnl.get(exposure)[worstStandard];
  }

  /** Worst loss + roll + delta shock + settlement basis, raised to the short-option minimum and the delta floor. */
  double riskMatrix() {
    return Math.max(worstLoss() + rollShock + deltaShock + settlementBasis, Math.max(shortOptionMinimum,
        deltaFloor));
  }

  /** A delta-one position's roll (basis) charge in the pool's currency; 0 for spot and options. */
  static double roll(Position pos, MarketSnapshot market, GridParameters p, double index, boolean coinPool) {
    Instrument inst = pos.instrument();
    double years;
    double mark;
    if (inst instanceof Perpetual) {
      years = 0;
      mark = market.underlying(inst.underlying()).perpetualMark();
    } else if (inst instanceof DatedFuture f) {
      Instant expiry = f.expiryInstant();
      years = Math.max(0, YearFraction.between(market.asOf(), expiry));
      mark = market.underlying(inst.underlying()).forwards().forward(expiry);
    } else {
      return 0; // spot and options carry no roll (basis) risk of their own
    }
    double coins = inst.settlement() == Settlement.INVERSE ? pos.quantity() * inst.contractSize() / mark
        : pos.quantity() * inst.contractSize();
    double rate = Math.max(p.minAnnualisedMove(), p.annualisedMoveRisk() * years);
    return Math.abs(coins) * rate * (coinPool ? 1.0 : index);
  }


  /**
   * The worst standard-table scenario of two underlyings together (the sum of their totals, ≤ 0): the joint loss
   * an offset credits against their worst losses apart. One loop for both grid paths, so they stay bit-identical.
   */
  static double jointWorst(PairRisk a, PairRisk b) {
    double joint = 0;
    for (int j = 0; j < a.standardTotal.length; j++) {
      joint = Math.min(joint, a.standardTotal[j] + b.standardTotal[j]);
    }
    return joint;
  }
}
