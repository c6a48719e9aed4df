package org.pmargin.core.margin.grid;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;

/** Markets and instruments for the grid tests. */
final class GridFixtures {

  /** The instant of Deribit's published pme/simulate example. */
  static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");
  static final Instant JUN28 = Instant.parse("2024-06-28T08:00:00Z");
  static final Instant SEP27 = Instant.parse("2024-09-27T08:00:00Z");

  private GridFixtures() {
  }

  /** BTC and ETH with a flat vol each, forwards at a small contango, USDC at par. */
  static MarketSnapshot market(double btcIndex, double btcVol, double ethIndex, double ethVol) {
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, new ForwardCurve(AS_OF, btcIndex, List.of(
        new ForwardCurve.ForwardPoint(JUN28, btcIndex * 1.0034), new ForwardCurve.ForwardPoint(SEP27,
            btcIndex * 1.027))), btcIndex * 1.0004, 0.0001, VolSurface.flat(AS_OF, btcVol));
    UnderlyingMarket eth = new UnderlyingMarket(Asset.ETH, new ForwardCurve(AS_OF, ethIndex, List.of(
        new ForwardCurve.ForwardPoint(SEP27, ethIndex * 1.026))), ethIndex * 1.0002, 0.0001,
        VolSurface.flat(AS_OF, ethVol));
    return new MarketSnapshot(AS_OF, 1, 0.0, Map.of(Asset.BTC, btc, Asset.ETH, eth), Map.of(Asset.USDC, 1.0));
  }

  /** The example market: BTC at Deribit's published index. */
  static MarketSnapshot market() {
    return market(65666.19, 0.55, 3520.4, 0.65);
  }

  /** A USDC-settled BTC option of 1 BTC per contract. */
  static EuropeanOption usdcOption(OptionType type, double strike, Instant expiry) {
    return new EuropeanOption("BTC_USDC-" + (expiry.equals(JUN28) ? "28JUN24" : "27SEP24") + "-" + (long) strike
        + (type == OptionType.CALL ? "-C" : "-P"), Asset.BTC, Asset.USDC, Settlement.LINEAR, type, strike, expiry,
        1.0, 0.5);
  }
}
