package org.pmargin.core.expiry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;

/** A market three days after the 14 June 2024 expiry, with or without its delivery price. */
final class ExpiryFixtures {

  static final Instant EXPIRY = Instant.parse("2024-06-14T08:00:00Z");
  static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");

  private ExpiryFixtures() {
  }

  /** BTC index 65,666.19 and ETH 3,520.40 at {@link #AS_OF}, flat vols, USDC at par. */
  static MarketSnapshot market(List<DeliveryPrice> delivery) {
    return new MarketSnapshot(AS_OF, 1, 0.0, Map.of(
        Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(AS_OF, 65_666.19), 65_690, 0.0001,
            VolSurface.flat(AS_OF, 0.5)),
        Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(AS_OF, 3_520.4), 3_521.1, 0.0001,
            VolSurface.flat(AS_OF, 0.6))),
        Map.of(Asset.USDC, 1.0), delivery);
  }

  /** The market with BTC's 14 June delivery price at 66,000. */
  static MarketSnapshot settledAt66000() {
    return market(List.of(new DeliveryPrice(Asset.BTC, EXPIRY, 66_000, "test")));
  }
}
