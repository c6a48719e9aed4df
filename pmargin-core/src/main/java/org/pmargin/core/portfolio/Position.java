package org.pmargin.core.portfolio;

import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.validation.Checks;

/**
 * A holding of one instrument: a signed quantity of contracts and the average price it was entered at.
 *
 * <p>Quantity is in contracts (see {@link Instrument#contractSize()}), positive long, negative short, never
 * zero. The entry price is in the instrument's price unit: USD per coin for spot and delta-one contracts, the
 * premium per coin in the settlement currency for options (coin for coin-settled ones). It is used for
 * unrealised profit and loss.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param instrument  the instrument
 * @param quantity  signed contracts, finite and non-zero
 * @param entryPrice  the average entry price, finite and ≥ 0 (strictly positive for delta-one contracts)
 */
public record Position(Instrument instrument, double quantity, double entryPrice) {

  /** Validates the fields. */
  public Position {
    Checks.notNull(instrument, "instrument");
    Checks.finite(quantity, "quantity");
    Checks.require(quantity != 0, "quantity", "must not be zero (a flat position is no position)");
    Checks.nonNegative(entryPrice, "entry_price");
    if (!(instrument instanceof org.pmargin.core.instrument.EuropeanOption)) {
      Checks.positive(entryPrice, "entry_price");
    }
  }

  /** The same position with another quantity (used for what-if and scaling). */
  public Position withQuantity(double newQuantity) {
    return new Position(instrument, newQuantity, entryPrice);
  }
}
