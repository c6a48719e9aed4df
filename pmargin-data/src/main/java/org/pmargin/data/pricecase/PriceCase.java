package org.pmargin.data.pricecase;

import java.util.OptionalDouble;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * One option to price (or to imply a vol from), as read from a line of {@code pmargin price} input.
 *
 * <p>Exactly one of {@code vol} and {@code price} is present. {@code price} is in the settlement currency: USD,
 * or coin for a coin-settled case (converted to USD at {@code index}).
 *
 * @param id  an optional identifier echoed in the result, may be null
 * @param model  the pricing model
 * @param type  call or put
 * @param underlyingPrice  the forward (Black-76) or the spot (Black-Scholes), USD
 * @param strike  the strike, USD
 * @param expiryYears  the time to expiry in years (ACT/365)
 * @param vol  the implied vol, when pricing
 * @param price  the option price, when implying a vol
 * @param rate  the continuously compounded discount rate
 * @param dividendYield  the carry yield q of Black-Scholes (0 for Black-76)
 * @param coinSettled  whether results are in coin (USD figures divided by {@code index})
 * @param index  the USD price of one coin used for the conversion; 1 when not coin-settled
 */
public record PriceCase(String id, PriceModel model, OptionType type, double underlyingPrice, double strike,
    double expiryYears, OptionalDouble vol, OptionalDouble price, double rate, double dividendYield,
    boolean coinSettled, double index) {

  /** Validates the case. */
  public PriceCase {
    Checks.notNull(model, "model");
    Checks.notNull(type, "type");
    Checks.positive(underlyingPrice, model == PriceModel.BLACK_76 ? "forward" : "spot");
    Checks.positive(strike, "strike");
    Checks.positive(expiryYears, "expiry_years");
    Checks.notNull(vol, "vol");
    Checks.notNull(price, "price");
    if (vol.isPresent() == price.isPresent()) {
      throw new InvalidInputException("vol", "give exactly one of 'vol' (to price) or 'price' (to imply a vol)");
    }
    if (vol.isPresent()) {
      Checks.positive(vol.getAsDouble(), "vol");
    }
    if (price.isPresent()) {
      Checks.positive(price.getAsDouble(), "price");
    }
    Checks.finite(rate, "rate");
    Checks.finite(dividendYield, "dividend_yield");
    Checks.positive(index, "index");
  }
}
