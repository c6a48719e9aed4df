package org.pmargin.core.instrument;

import java.time.Instant;
import java.util.Optional;

/**
 * A tradable contract: spot, perpetual swap, dated future or European option.
 *
 * <p>Every instrument names its underlying coin, its quote currency (the currency of its prices, USD or a
 * USD stablecoin) and its {@link Settlement}. Quantities of a position are in contracts; {@link #contractSize()}
 * says what one contract is: coins for linear delta-one contracts and for options, USD of face value for inverse
 * delta-one contracts.
 *
 * <p>Implementations are immutable and thread-safe records, validated on construction.
 */
public sealed interface Instrument permits Spot, Perpetual, DatedFuture, EuropeanOption {

  /** The unique symbol, e.g. {@code BTC-PERPETUAL}, {@code BTC-28JUN24-70000-C}. */
  String symbol();

  /** The coin whose price drives the value. */
  Asset underlying();

  /** The currency prices are quoted in (USD, USDC, USDT). */
  Asset quote();

  /** How profit and loss is paid. */
  Settlement settlement();

  /**
   * What one contract is: coins of underlying (linear delta-one, options, spot) or USD of face value
   * (inverse delta-one).
   */
  double contractSize();

  /** The minimum price increment, in the instrument's price unit. */
  double tickSize();

  /** The expiry instant (UTC), empty for spot and perpetuals. */
  Optional<Instant> expiry();

  /** The asset profit and loss is paid in: the quote for linear, the underlying for inverse. */
  default Asset settlementAsset() {
    return settlement() == Settlement.INVERSE ? underlying() : quote();
  }
}
