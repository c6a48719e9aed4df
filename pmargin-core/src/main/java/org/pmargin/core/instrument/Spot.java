package org.pmargin.core.instrument;

import java.time.Instant;
import java.util.Optional;

/**
 * Spot holding of a coin, priced in a quote currency. One contract is one coin; profit and loss is linear.
 *
 * @param symbol  e.g. {@code BTC/USD}
 * @param underlying  the coin held
 * @param quote  the currency of the price
 * @param tickSize  the minimum price increment
 */
public record Spot(String symbol, Asset underlying, Asset quote, double tickSize) implements Instrument {

  /** Validates every field. */
  public Spot {
    InstrumentChecks.common(symbol, underlying, quote, Settlement.LINEAR, 1.0, tickSize);
  }

  @Override
  public Settlement settlement() {
    return Settlement.LINEAR;
  }

  @Override
  public double contractSize() {
    return 1.0;
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.empty();
  }
}
