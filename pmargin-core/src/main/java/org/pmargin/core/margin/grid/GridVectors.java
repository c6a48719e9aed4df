package org.pmargin.core.margin.grid;

import java.util.List;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The grid P&L of one unit of an exposure (one contract, or one coin held) in its pool's currency: per standard
 * scenario, and per extended scenario as counted (edge P&L for delta-one in {@link ExtendedMode#DELTA_ONE_AT_EDGE},
 * else weighted). Computed once per snapshot and shared by every account; readers never modify the arrays.
 *
 * @param standard  P&L per standard scenario
 * @param extended  counted P&L per extended scenario
 * @param unit  the valuation of one contract at the snapshot, or null for a coin holding
 */
record GridVectors(double[] standard, double[] extended, PositionValuation unit) {

  /**
   * Revalues one unit of an exposure on the grid.
   *
   * @param key  the exposure
   * @param market  the snapshot
   * @param p  the parameters
   * @param standard  the standard scenarios
   * @param extended  the extended scenarios
   * @return its vectors
   */
  static GridVectors compute(ExposureKey key, MarketSnapshot market, GridParameters p, List<GridScenario> standard,
      List<GridScenario> extended) {
    int edgeDown = indexOf(standard, -p.priceRange());
    int edgeUp = indexOf(standard, p.priceRange());
    double[] std = new double[standard.size()];
    double[] ext = new double[extended.size()];
    boolean edge = p.extendedMode() == ExtendedMode.DELTA_ONE_AT_EDGE;
    if (key.isHolding()) {
      double index = market.underlying(key.underlying()).index();
      for (int j = 0; j < std.length; j++) {
        std[j] = index * standard.get(j).move();
      }
      for (int j = 0; j < ext.length; j++) {
        GridScenario s = extended.get(j);
        ext[j] = edge ? std[s.move() < 0 ? edgeDown : edgeUp] : s.weight() * index * s.move();
      }
      return new GridVectors(std, ext, null);
    }
    Position unit = key.unitPosition();
    PositionValuation v0 = PositionValuer.value(unit, market);
    double base = PoolBook.valueIn(key.pool(), v0);
    for (int j = 0; j < std.length; j++) {
      std[j] = PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market, shock(key, standard.get(j), p)))
          - base;
    }
    boolean atEdge = edge && !(key.instrument() instanceof EuropeanOption);
    for (int j = 0; j < ext.length; j++) {
      GridScenario s = extended.get(j);
      ext[j] = atEdge ? std[s.move() < 0 ? edgeDown : edgeUp]
          : s.weight() * (PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market, shock(key, s, p))) - base);
    }
    return new GridVectors(std, ext, v0);
  }

  private static MarketShock shock(ExposureKey key, GridScenario s, GridParameters p) {
    return new MarketShock(key.underlying(), 1 + s.move(), p.vol().shock(s.vol()));
  }

  /** The first standard scenario at a move (delta-one P&L does not depend on the vol leg). */
  static int indexOf(List<GridScenario> scenarios, double move) {
    for (int j = 0; j < scenarios.size(); j++) {
      if (Math.abs(scenarios.get(j).move() - move) < 1e-12) {
        return j;
      }
    }
    throw new IllegalStateException("no standard scenario at " + move);
  }
}
