package org.pmargin.engine.oracle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;

/** Shared market and ticks for the oracle tests. */
final class OracleFixtures {

  static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  static final Instant EXPIRY = Instant.parse("2024-12-27T08:00:00Z");
  static final Asset BTC = Asset.BTC;

  private OracleFixtures() {
  }

  /** BTC at an index of 100, a forward of 104 at the December expiry, perp mark 100.5, flat 50% vol. */
  static MarketSnapshot market() {
    ForwardCurve f = new ForwardCurve(T0, 100, List.of(new ForwardCurve.ForwardPoint(EXPIRY, 104)));
    UnderlyingMarket btc = new UnderlyingMarket(BTC, f, 100.5, 0.0001, VolSurface.flat(T0, 0.5));
    return new MarketSnapshot(T0, 0, 0, Map.of(BTC, btc), Map.of(Asset.USDC, 1.0));
  }

  static PriceTick tick(String source, double price, Instant at) {
    return PriceTick.index(source, BTC, price, at);
  }

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }
}
