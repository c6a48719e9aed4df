package org.pmargin.data.pricecase;

import org.pmargin.core.pricing.Black76;
import org.pmargin.core.pricing.BlackScholes;
import org.pmargin.core.pricing.ImpliedVol;
import org.pmargin.core.pricing.OptionGreeks;
import org.pmargin.core.pricing.RateSensitivities;

/**
 * Prices a {@link PriceCase}, or implies its vol from its price and then prices it at that vol.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PriceCaseEvaluator {

  private PriceCaseEvaluator() {
  }

  /**
   * Evaluates one case.
   *
   * @param c  the case
   * @return price, Greeks and (implied) vol
   */
  public static PriceResult evaluate(PriceCase c) {
    double vol;
    if (c.vol().isPresent()) {
      vol = c.vol().getAsDouble();
    } else {
      double priceUsd = c.price().getAsDouble() * (c.coinSettled() ? c.index() : 1.0);
      double forward = c.model() == PriceModel.BLACK_76 ? c.underlyingPrice()
          : BlackScholes.forward(c.underlyingPrice(), c.expiryYears(), c.rate(), c.dividendYield());
      vol = ImpliedVol.black76(c.type(), priceUsd, forward, c.strike(), c.expiryYears(), c.rate());
    }
    OptionGreeks usd = c.model() == PriceModel.BLACK_76
        ? Black76.greeks(c.type(), c.underlyingPrice(), c.strike(), c.expiryYears(), vol, c.rate())
        : BlackScholes.greeks(c.type(), c.underlyingPrice(), c.strike(), c.expiryYears(), vol, c.rate(),
            c.dividendYield());
    RateSensitivities rates = c.model() == PriceModel.BLACK_76
        ? Black76.rates(c.type(), c.underlyingPrice(), c.strike(), c.expiryYears(), vol, c.rate())
        : BlackScholes.rates(c.type(), c.underlyingPrice(), c.strike(), c.expiryYears(), vol, c.rate(),
            c.dividendYield());
    if (!c.coinSettled()) {
      return new PriceResult(c, usd, usd, vol, usd.delta(), rates);
    }
    OptionGreeks coin = usd.times(1.0 / c.index());
    double settlementDelta = usd.delta() * c.underlyingPrice() / c.index() - coin.price();
    return new PriceResult(c, coin, usd, vol, settlementDelta, rates.times(1.0 / c.index()));
  }
}
