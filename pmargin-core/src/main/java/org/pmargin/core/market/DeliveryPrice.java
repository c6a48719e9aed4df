package org.pmargin.core.market;

import java.time.Instant;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * The price an underlying's contracts of one expiry settled at: Deribit's delivery price, the time-weighted average
 * of the index over the 30 minutes before the 08:00 UTC expiry. Expired options and futures are settled at it into
 * the cash balance ({@link org.pmargin.core.expiry.ExpirySettlement}); they are never margined past it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param underlying  the coin
 * @param expiry  the expiry instant, UTC
 * @param price  the delivery price, USD per coin, finite and &gt; 0
 * @param source  where the price comes from (free text, e.g. {@code deribit delivery price})
 */
public record DeliveryPrice(Asset underlying, Instant expiry, double price, String source) {

  /** Validates the fields. */
  public DeliveryPrice {
    Checks.notNull(underlying, "underlying");
    Checks.notNull(expiry, "expiry");
    Checks.positive(price, "price");
    Checks.notBlank(source, "source");
  }
}
