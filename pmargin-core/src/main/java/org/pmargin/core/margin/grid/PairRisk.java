package org.pmargin.core.margin.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The risk grid of one underlying in one pool: every position (and, in a unified pool, the coin balance) revalued in
 * every scenario, in the pool's currency, and the charges computed from it. Full revaluation: options are repriced
 * with Black-76 at the shocked forward and shocked vol.
 */
final class PairRisk {

  final Asset underlying;
  final List<String> names = new ArrayList<>();
  /** P&L per exposure (positions, then the balance) per standard scenario. */
  final List<double[]> standardPnl = new ArrayList<>();
  /** Counted P&L per exposure per extended scenario (edge P&L for delta-one, weighted for options). */
  final List<double[]> extendedPnl = new ArrayList<>();
  final double[] standardTotal;
  final double[] extendedTotal;
  final List<GridScenario> standard;
  final List<GridScenario> extended;
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
  final List<Double> rollByExposure = new ArrayList<>();

  private PairRisk(Asset underlying, List<GridScenario> standard, List<GridScenario> extended) {
    this.underlying = underlying;
    this.standard = standard;
    this.extended = extended;
    this.standardTotal = new double[standard.size()];
    this.extendedTotal = new double[extended.size()];
  }

  /**
   * Builds the grid of one underlying.
   *
   * @param underlying  the coin
   * @param positions  the pool's positions on it
   * @param balance  the coin balance that counts as an exposure (unified pools), else 0
   * @param book  the pool, for its currency
   * @param market  the snapshot
   * @param p  the parameters
   */
  static PairRisk compute(Asset underlying, List<Position> positions, double balance, PoolBook book,
      MarketSnapshot market, GridParameters p) {
    PairRisk r = new PairRisk(underlying, p.standardScenarios(), p.extendedScenarios());
    double index = market.underlying(underlying).index();
    boolean coinPool = book.currency().equals(underlying);
    int edgeDown = indexOf(r.standard, -p.priceRange());
    int edgeUp = indexOf(r.standard, p.priceRange());
    double coinDelta = 0;
    double netOptionCoins = 0;
    double netDelta = 0;
    double grossDelta = 0;
    for (Position pos : positions) {
      Instrument inst = pos.instrument();
      double[] std = new double[r.standard.size()];
      double[] ext = new double[r.extended.size()];
      double base;
      try {
        PositionValuation v0 = PositionValuer.value(pos, market);
        base = book.valueOf(v0);
        r.cashDeltaUsd += v0.delta() * index;
        coinDelta += v0.settlementDelta();
        for (int j = 0; j < std.length; j++) {
          GridScenario s = r.standard.get(j);
          std[j] = book.valueOf(PositionValuer.value(pos, market, shock(underlying, s, p))) - base;
        }
        boolean edge = !(inst instanceof EuropeanOption) && p.extendedMode() == ExtendedMode.DELTA_ONE_AT_EDGE;
        for (int j = 0; j < ext.length; j++) {
          GridScenario s = r.extended.get(j);
          if (edge) {
            ext[j] = std[s.move() < 0 ? edgeDown : edgeUp];
          } else {
            ext[j] = s.weight()
                * (book.valueOf(PositionValuer.value(pos, market, shock(underlying, s, p))) - base);
          }
        }
        double coinsDelta = v0.delta();
        netDelta += coinsDelta;
        grossDelta += Math.abs(coinsDelta);
        if (p.fundingProvision() && inst instanceof Perpetual) {
          // Longs pay a positive rate: the next 8 hours' payment, if it is one, in the pool's currency.
          UnderlyingMarket um = market.underlying(underlying);
          double coins = inst.settlement() == Settlement.INVERSE
              ? pos.quantity() * inst.contractSize() / um.perpetualMark() : pos.quantity() * inst.contractSize();
          r.fundingProvision += Math.max(0, coins * um.fundingRate8h()) * (coinPool ? 1.0 : index);
        }
      } catch (InvalidInputException e) {
        throw e.within("positions[" + inst.symbol() + "]");
      }
      r.add(inst.symbol(), std, ext);
      double roll = roll(pos, market, p, index, coinPool);
      r.rollShock += roll;
      r.rollByExposure.set(r.rollByExposure.size() - 1, roll);
      if (inst instanceof EuropeanOption) {
        netOptionCoins += pos.quantity() * inst.contractSize();
      }
    }
    // Only options not matched by a long option count as naked shorts (a spread's short leg is covered).
    r.shortOptionMinimum = Math.max(0, -netOptionCoins) * p.shortOptionMinimum() * (coinPool ? 1.0 : index);
    if (balance != 0) {
      double[] std = new double[r.standard.size()];
      double[] ext = new double[r.extended.size()];
      for (int j = 0; j < std.length; j++) {
        std[j] = balance * index * r.standard.get(j).move();
      }
      for (int j = 0; j < ext.length; j++) {
        GridScenario s = r.extended.get(j);
        ext[j] = p.extendedMode() == ExtendedMode.DELTA_ONE_AT_EDGE ? std[s.move() < 0 ? edgeDown : edgeUp]
            : s.weight() * balance * index * s.move();
      }
      r.add("balance:" + underlying, std, ext);
      r.cashDeltaUsd += balance * index;
      netDelta += balance;
      grossDelta += Math.abs(balance);
    }
    double hedged = (grossDelta - Math.abs(netDelta)) / 2;
    r.deltaFloor = (p.netDeltaFloor() * Math.abs(netDelta) + p.hedgedDeltaFloor() * hedged) * index
        / (coinPool ? index : 1.0);
    r.finish(p, coinPool ? coinDelta : r.cashDeltaUsd);
    return r;
  }

  private void add(String name, double[] std, double[] ext) {
    names.add(name);
    standardPnl.add(std);
    extendedPnl.add(ext);
    rollByExposure.add(0.0);
    for (int j = 0; j < std.length; j++) {
      standardTotal[j] += std[j];
    }
    for (int j = 0; j < ext.length; j++) {
      extendedTotal[j] += ext[j];
    }
  }

  private void finish(GridParameters p, double poolDelta) {
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

  /** Worst loss + roll + delta shock, raised to the short-option minimum and the delta floor. */
  double riskMatrix() {
    return Math.max(worstLoss() + rollShock + deltaShock, Math.max(shortOptionMinimum, deltaFloor));
  }

  private static MarketShock shock(Asset underlying, GridScenario s, GridParameters p) {
    return new MarketShock(underlying, 1 + s.move(), p.vol().shock(s.vol()));
  }

  private static double roll(Position pos, MarketSnapshot market, GridParameters p, double index, boolean coinPool) {
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

  /** The first standard scenario at a move (delta-one P&L does not depend on the vol leg). */
  private static int indexOf(List<GridScenario> scenarios, double move) {
    for (int j = 0; j < scenarios.size(); j++) {
      if (Math.abs(scenarios.get(j).move() - move) < 1e-12) {
        return j;
      }
    }
    throw new IllegalStateException("no standard scenario at " + move);
  }
}
