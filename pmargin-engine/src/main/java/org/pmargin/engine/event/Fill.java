package org.pmargin.engine.event;

import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.validation.Checks;

/**
 * An executed trade on one account: the matching engine has already accepted it, so the margin engine books it and
 * re-margins the account (use {@link org.pmargin.engine.book.MarginEngine#whatIf} before accepting an order).
 *
 * <p>Booking: options and spot are paid for in full at the fill (premium or cash, in the settlement asset), and
 * their value counts in equity; delta-one contracts exchange no cash at the fill, and a fill that reduces a position
 * realises the P&L of the part closed into the settlement asset's balance. The entry price of a position that grows
 * is the average of the fills (by quantity; by notional over price for inverse contracts); a position that flips
 * opens its new side at the fill price. Fees are not modelled.
 *
 * @param accountId  the account
 * @param instrument  the instrument traded
 * @param quantity  signed contracts, positive bought, non-zero and finite
 * @param price  the fill price, in the instrument's price unit (premium per coin in the settlement asset for
 *     options), &gt; 0 for delta-one and spot, ≥ 0 for options
 */
public record Fill(String accountId, Instrument instrument, double quantity, double price) implements EngineEvent {

  /** Validates the fields. */
  public Fill {
    Checks.notBlank(accountId, "account_id");
    Checks.notNull(instrument, "instrument");
    Checks.finite(quantity, "quantity");
    Checks.require(quantity != 0, "quantity", "must not be zero");
    Checks.nonNegative(price, "price");
    if (!(instrument instanceof org.pmargin.core.instrument.EuropeanOption)) {
      Checks.positive(price, "price");
    }
  }
}
