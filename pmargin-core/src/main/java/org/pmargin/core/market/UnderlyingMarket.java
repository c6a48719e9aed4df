package org.pmargin.core.market;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Market data for one underlying coin: index, perpetual mark and funding, forwards by expiry, and implied vols.
 *
 * <p>Prices are in USD per coin. The funding rate is the rate paid by longs to shorts per 8-hour period
 * (Deribit/Binance convention: 0.0001 = 0.01% per 8 hours).
 *
 * @param underlying  the coin
 * @param forwards  the index (the curve's spot) and forwards by expiry
 * @param perpetualMark  the perpetual's mark price, &gt; 0
 * @param fundingRate8h  the current funding rate per 8 hours
 * @param vols  the implied vol surface
 */
public record UnderlyingMarket(Asset underlying, ForwardCurve forwards, double perpetualMark, double fundingRate8h,
    VolSurface vols) {

  /** Validates the fields. */
  public UnderlyingMarket {
    Checks.notNull(underlying, "underlying");
    Checks.notNull(forwards, "forwards");
    Checks.positive(perpetualMark, "perpetual_mark");
    Checks.finite(fundingRate8h, "funding_rate_8h");
    Checks.notNull(vols, "vol_surface");
    if (!forwards.asOf().equals(vols.asOf())) {
      throw new InvalidInputException("vol_surface", "is as of " + vols.asOf() + " but the forwards are as of "
          + forwards.asOf());
    }
  }

  /** The index price in USD. */
  public double index() {
    return forwards.spot();
  }
}
