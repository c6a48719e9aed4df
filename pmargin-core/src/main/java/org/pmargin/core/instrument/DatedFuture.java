package org.pmargin.core.instrument;

import java.time.Instant;
import java.util.Optional;
import org.pmargin.core.validation.Checks;

/**
 * A dated future, settled at expiry against the index. Contract size and profit and loss as for a
 * {@link Perpetual} of the same {@link Settlement}.
 *
 * @param symbol  e.g. {@code BTC-28JUN24}
 * @param underlying  the coin
 * @param quote  the quote currency
 * @param settlement  linear or inverse
 * @param contractSize  coins (linear) or USD face value (inverse) per contract
 * @param tickSize  the minimum price increment in USD
 * @param expiryInstant  the expiry, UTC
 */
public record DatedFuture(String symbol, Asset underlying, Asset quote, Settlement settlement,
    double contractSize, double tickSize, Instant expiryInstant) implements Instrument {

  /** Validates every field. */
  public DatedFuture {
    InstrumentChecks.common(symbol, underlying, quote, settlement, contractSize, tickSize);
    Checks.notNull(expiryInstant, "expiry");
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiryInstant);
  }
}
