package org.pmargin.data.pricecase;

import org.pmargin.core.pricing.OptionGreeks;
import org.pmargin.core.pricing.RateSensitivities;

/**
 * The answer to one {@link PriceCase}.
 *
 * @param input  the case
 * @param greeks  price and Greeks in the settlement currency (coin-settled: the USD figures divided by the index)
 * @param usd  price and Greeks in USD
 * @param impliedVol  the implied vol when the case gave a price, else the vol it was priced at
 * @param settlementDelta  for coin-settled cases, the delta in coin of the coin value with the index and the
 *     underlying moving together: Δ·X/index − price_coin (Deribit's convention); else equal to delta
 * @param rates  rho and dividend rho per 1.00 of rate, in the settlement currency like {@code greeks}
 */
public record PriceResult(PriceCase input, OptionGreeks greeks, OptionGreeks usd, double impliedVol,
    double settlementDelta, RateSensitivities rates) {
}
