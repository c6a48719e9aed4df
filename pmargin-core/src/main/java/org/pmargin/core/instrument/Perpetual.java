package org.pmargin.core.instrument;

import java.time.Instant;
import java.util.Optional;

/**
 * A perpetual swap: a delta-one contract with no expiry, kept near the index by periodic funding payments.
 *
 * <p>Linear: one contract is {@code contractSize} coins and a position of q contracts gains
 * q·contractSize·(exit − entry) in the quote currency. Inverse: one contract has a face value of
 * {@code contractSize} USD and a position of N = q·contractSize USD gains N·(1/entry − 1/exit) coins.
 *
 * @param symbol  e.g. {@code BTC-PERPETUAL}
 * @param underlying  the coin
 * @param quote  the quote currency
 * @param settlement  linear or inverse
 * @param contractSize  coins (linear) or USD face value (inverse) per contract
 * @param tickSize  the minimum price increment in USD
 */
public record Perpetual(String symbol, Asset underlying, Asset quote, Settlement settlement,
    double contractSize, double tickSize) implements Instrument {

  /** Validates every field. */
  public Perpetual {
    InstrumentChecks.common(symbol, underlying, quote, settlement, contractSize, tickSize);
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.empty();
  }
}
