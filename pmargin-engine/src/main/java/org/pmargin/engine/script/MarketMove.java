package org.pmargin.engine.script;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A what-happens-if move of a snapshot, for scripted event runs: some underlyings' index, perpetual mark and
 * forwards moved by a relative amount (−0.05 is 5% down), their vols optionally scaled, and the clock optionally
 * advanced (forwards and vol slices at or before the new time are dropped, as the oracle does).
 *
 * @param moves  relative price move by underlying, each &gt; −1
 * @param volFactors  vol multiplier by underlying, each &gt; 0
 * @param at  the new market time, or null to keep the snapshot's
 */
public record MarketMove(Map<Asset, Double> moves, Map<Asset, Double> volFactors, Instant at) {

  /** Validates and copies. */
  public MarketMove {
    moves = Map.copyOf(Checks.notNull(moves, "moves"));
    volFactors = Map.copyOf(Checks.notNull(volFactors, "vol_factors"));
    for (Map.Entry<Asset, Double> e : moves.entrySet()) {
      Checks.require(e.getValue() > -1 && Double.isFinite(e.getValue()), "moves." + e.getKey(),
          "must be a finite move above -1 (-100%), got " + e.getValue());
    }
    for (Map.Entry<Asset, Double> e : volFactors.entrySet()) {
      Checks.positive(e.getValue(), "vol_factors." + e.getKey());
      Checks.finite(e.getValue(), "vol_factors." + e.getKey());
    }
  }

  /**
   * The moved snapshot, with the next version.
   *
   * @param s  the snapshot to move
   * @return the new snapshot
   * @throws InvalidInputException naming the field when an underlying is not in the snapshot or time goes back
   */
  public MarketSnapshot apply(MarketSnapshot s) {
    for (Asset a : moves.keySet()) {
      if (!s.underlyings().containsKey(a)) {
        throw new InvalidInputException("moves." + a, "no underlying " + a + " in the market");
      }
    }
    for (Asset a : volFactors.keySet()) {
      if (!s.underlyings().containsKey(a)) {
        throw new InvalidInputException("vol_factors." + a, "no underlying " + a + " in the market");
      }
    }
    Instant t = at == null ? s.asOf() : at;
    if (t.isBefore(s.asOf())) {
      throw new InvalidInputException("at", "must not be before the market time " + s.asOf() + ", got " + t);
    }
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    for (UnderlyingMarket m : s.underlyings().values()) {
      double k = 1 + moves.getOrDefault(m.underlying(), 0.0);
      ForwardCurve f = m.forwards();
      List<ForwardCurve.ForwardPoint> points = new ArrayList<>();
      for (ForwardCurve.ForwardPoint p : f.points()) {
        if (p.expiry().isAfter(t)) {
          points.add(k == 1 ? p : new ForwardCurve.ForwardPoint(p.expiry(), p.price() * k));
        }
      }
      double v = volFactors.getOrDefault(m.underlying(), 1.0);
      List<VolSurface.Slice> slices = new ArrayList<>();
      for (VolSurface.Slice sl : m.vols().slices()) {
        if (sl.expiry().isAfter(t)) {
          slices.add(v == 1 ? sl : new VolSurface.Slice(sl.expiry(), sl.smile().scaled(v)));
        }
      }
      if (slices.isEmpty()) {
        throw new InvalidInputException("at", "every vol expiry of " + m.underlying() + " is at or before " + t);
      }
      markets.put(m.underlying(), new UnderlyingMarket(m.underlying(), new ForwardCurve(t, f.spot() * k, points),
          m.perpetualMark() * k, m.fundingRate8h(), new VolSurface(t, slices)));
    }
    return new MarketSnapshot(t, s.version() + 1, s.rate(), markets, s.assetPrices());
  }
}
