package org.pmargin.core.instrument;

import java.time.Instant;
import java.util.Optional;
import org.pmargin.core.validation.Checks;

/**
 * A European call or put on a coin, exercised at expiry against the index (cash-settled).
 *
 * <p>Prices are per one coin of underlying, in the settlement currency: USD (or the USD stablecoin) for
 * {@link Settlement#LINEAR}, coin for {@link Settlement#INVERSE} (Deribit convention: the premium in coin is
 * the USD price divided by the underlying price, which Deribit takes as the forward of the expiry for marks, and the
 * payoff in coin is the USD payoff divided by the settlement index).
 * One contract is {@code contractSize} coins of underlying. It is priced with Black-76 on the forward for its
 * expiry.
 *
 * @param symbol  e.g. {@code BTC-28JUN24-70000-C}
 * @param underlying  the coin
 * @param quote  the quote currency of the strike
 * @param settlement  linear (USD-settled) or inverse (coin-settled)
 * @param type  call or put
 * @param strike  the strike in USD per coin, &gt; 0
 * @param expiryInstant  the expiry, UTC
 * @param contractSize  coins of underlying per contract
 * @param tickSize  the minimum premium increment, in the settlement currency
 */
public record EuropeanOption(String symbol, Asset underlying, Asset quote, Settlement settlement, OptionType type,
    double strike, Instant expiryInstant, double contractSize, double tickSize) implements Instrument {

  /** Validates every field. */
  public EuropeanOption {
    InstrumentChecks.common(symbol, underlying, quote, settlement, contractSize, tickSize);
    Checks.notNull(type, "option_type");
    Checks.positive(strike, "strike");
    Checks.notNull(expiryInstant, "expiry");
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiryInstant);
  }
}
