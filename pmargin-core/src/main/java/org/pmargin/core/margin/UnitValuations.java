package org.pmargin.core.margin;

import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Position valuations at the snapshot (no shock) through a {@link VectorCache}: an option is valued once per
 * snapshot as one contract and scaled by each holder's quantity (its value and Greeks are linear in the quantity
 * and do not depend on the entry price); a delta-one position or spot, whose valuation is a few multiplications,
 * is valued directly.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class UnitValuations {

  /** The cache namespace of one-contract option valuations. */
  private static final Object NAMESPACE = new Object() {
    @Override
    public String toString() {
      return "unit-valuation";
    }
  };

  private UnitValuations() {
  }

  /**
   * Values a position at the snapshot.
   *
   * @param position  the position
   * @param market  the snapshot the cache holds
   * @param cache  the cache
   * @return the valuation (the same figures as {@link PositionValuer#value}, to rounding)
   */
  public static PositionValuation value(Position position, MarketSnapshot market, VectorCache cache) {
    Instrument inst = position.instrument();
    if (!(inst instanceof EuropeanOption)) {
      return PositionValuer.value(position, market);
    }
    PositionValuation u = cache.get(NAMESPACE, new ExposureKey(inst.underlying(), inst, inst.settlementAsset()),
        k -> PositionValuer.value(k.unitPosition(), market));
    return scaled(u, position);
  }

  /**
   * An option position's valuation from that of one contract of it: value and Greeks times the quantity, P&L from
   * the position's own entry price.
   *
   * @param u  the valuation of one contract
   * @param position  the position, in the same option
   * @return its valuation
   */
  public static PositionValuation scaled(PositionValuation u, Position position) {
    Instrument inst = position.instrument();
    double q = position.quantity();
    double pnl = q * inst.contractSize() * (u.markPrice() - position.entryPrice());
    return new PositionValuation(position, u.markPrice(), u.settlementAsset(), pnl, q * u.valueSettlement(),
        q * u.valueUsd(), q * u.delta(), q * u.gamma(), q * u.vega(), q * u.theta(), q * u.vanna(), q * u.volga(),
        q * u.settlementDelta());
  }
}
