package org.pmargin.engine.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.liquidation.EngineLiquidity;

/**
 * The running market impact of a replay's liquidations, per underlying ({@link ImpactFeedback} for the model): it
 * takes each snapshot's liquidation steps, decays the transient part between snapshots and shifts the oracle's
 * snapshot by the accumulated impact. Mutable, one per replay, single-threaded.
 */
final class MarkImpact {

  private final ImpactFeedback settings;
  private final EngineLiquidity liquidity;
  private final Map<Asset, Double> permanent = new TreeMap<>();
  private final Map<Asset, Double> transientPart = new TreeMap<>();
  private final Map<String, Instrument> instruments = new HashMap<>();
  private Instant last;

  MarkImpact(ImpactFeedback settings, EngineLiquidity liquidity) {
    this.settings = settings;
    this.liquidity = liquidity;
  }

  /**
   * The snapshot with every underlying moved by its accumulated impact at {@code t} (the transient part decayed
   * since the last flow): index, perpetual mark and forwards × e^shift. Unchanged when the feedback is off or
   * nothing was liquidated yet.
   */
  MarketSnapshot apply(MarketSnapshot s, Instant t) {
    decayTo(t);
    if (!settings.enabled() || (permanent.isEmpty() && transientPart.isEmpty())) {
      return s;
    }
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    for (UnderlyingMarket m : s.underlyings().values()) {
      double shift = shift(m.underlying());
      if (shift == 0) {
        markets.put(m.underlying(), m);
        continue;
      }
      double f = Math.exp(shift);
      markets.put(m.underlying(), new UnderlyingMarket(m.underlying(), m.forwards().scaled(f),
          m.perpetualMark() * f, m.fundingRate8h(), m.vols()));
    }
    return new MarketSnapshot(s.asOf(), s.version(), s.rate(), markets, s.assetPrices(), s.deliveryPrices());
  }

  /** The current log shift of an underlying's marks, permanent plus transient. */
  double shift(Asset u) {
    return permanent.getOrDefault(u, 0.0) + transientPart.getOrDefault(u, 0.0);
  }

  /**
   * Books one snapshot's liquidation steps: their net signed cash delta per underlying, valued on the snapshot they
   * were traded on, becomes new impact from the next snapshot on.
   *
   * @param steps  the steps booked after the snapshot
   * @param traded  the snapshot they were priced on
   * @return the net flow per underlying, USD (selling negative); empty when nothing was traded
   */
  Map<Asset, Double> book(Iterable<LiquidationStepBooked> steps, MarketSnapshot traded) {
    Map<Asset, Double> flow = new TreeMap<>();
    for (LiquidationStepBooked step : steps) {
      for (LiquidatedPart p : step.parts()) {
        Instrument inst = instruments.computeIfAbsent(p.instrument(), DeribitSymbols::parse);
        Asset u = inst.underlying();
        if (traded.underlyings().get(u) == null || p.quantity() == 0) {
          continue;
        }
        double delta = PositionValuer.value(new Position(inst, p.quantity(), Math.max(p.mark(), 1e-9)), traded)
            .delta();
        flow.merge(u, delta * traded.underlying(u).index(), Double::sum);
      }
    }
    if (settings.enabled()) {
      for (Map.Entry<Asset, Double> e : flow.entrySet()) {
        Asset u = e.getKey();
        double f = e.getValue() * settings.flowScale();
        double v = liquidity.volumeUsd(u);
        double sigma = liquidity.vol(u);
        double tr = Math.signum(f) * liquidity.impactCoefficient() * sigma * Math.sqrt(Math.abs(f) / v);
        double pe = settings.permanentGamma() * sigma * f / v;
        tr = Math.max(-ImpactFeedback.MAX_LOG_SHIFT, Math.min(ImpactFeedback.MAX_LOG_SHIFT, tr));
        pe = Math.max(-ImpactFeedback.MAX_LOG_SHIFT, Math.min(ImpactFeedback.MAX_LOG_SHIFT, pe));
        transientPart.merge(u, tr, Double::sum);
        permanent.merge(u, pe, Double::sum);
      }
    }
    return flow;
  }

  private void decayTo(Instant t) {
    if (last != null && t.isAfter(last)) {
      double hours = Duration.between(last, t).toMillis() / 3_600_000.0;
      double k = Math.pow(0.5, hours / (settings.halfLife().toMillis() / 3_600_000.0));
      transientPart.replaceAll((u, v) -> Math.abs(v * k) < 1e-15 ? 0.0 : v * k);
    }
    if (last == null || t.isAfter(last)) {
      last = t;
    }
  }
}
