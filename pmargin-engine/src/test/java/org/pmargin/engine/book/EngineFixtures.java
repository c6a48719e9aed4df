package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.engine.script.MarketMove;

/** Markets and instruments for the engine's tests: BTC and ETH with forward curves and flat vols. */
final class EngineFixtures {

  static final Instant T0 = Instant.parse("2024-06-17T08:00:00Z");
  static final Instant SEP = Instant.parse("2024-09-27T08:00:00Z");
  static final Instant DEC = Instant.parse("2024-12-27T08:00:00Z");

  /** A small universe of Deribit instruments on BTC and ETH (inverse, linear, options coin and USDC-settled). */
  static final List<Instrument> UNIVERSE = universe();

  private EngineFixtures() {
  }

  static MarketSnapshot market() {
    return new MarketSnapshot(T0, 1, 0.0, Map.of(
        Asset.BTC, underlying(Asset.BTC, T0, 66_000, 0.55),
        Asset.ETH, underlying(Asset.ETH, T0, 3_500, 0.65)), Map.of(Asset.USDC, 1.0));
  }

  static UnderlyingMarket underlying(Asset u, Instant asOf, double index, double vol) {
    ForwardCurve f = new ForwardCurve(asOf, index, List.of(new ForwardCurve.ForwardPoint(SEP, index * 1.02),
        new ForwardCurve.ForwardPoint(DEC, index * 1.045)));
    return new UnderlyingMarket(u, f, index * 1.0004, 0.0001, VolSurface.flat(asOf, vol));
  }

  /**
   * The snapshot with one underlying's index, mark and forwards × factor, at a time not before the snapshot's
   * (other underlyings redated, unchanged otherwise).
   */
  static MarketSnapshot moved(MarketSnapshot s, Asset u, double factor, Instant asOf) {
    return new MarketMove(Map.of(u, factor - 1), Map.of(), asOf).apply(s);
  }

  private static List<Instrument> universe() {
    List<Instrument> out = new ArrayList<>();
    for (String s : List.of("BTC-PERPETUAL", "BTC-27SEP24", "BTC_USDC-PERPETUAL", "ETH-PERPETUAL",
        "ETH_USDC-PERPETUAL", "ETH-27DEC24", "BTC-27SEP24-70000-C", "BTC-27SEP24-60000-P", "BTC-27DEC24-80000-C",
        "BTC_USDC-27SEP24-62000-P", "ETH-27SEP24-4000-C", "ETH-27SEP24-3000-P")) {
      out.add(DeribitSymbols.parse(s));
    }
    return List.copyOf(out);
  }
}
