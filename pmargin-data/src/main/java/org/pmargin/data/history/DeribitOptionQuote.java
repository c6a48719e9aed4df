package org.pmargin.data.history;

import java.time.Instant;
import org.pmargin.core.instrument.EuropeanOption;

/**
 * One row of a Deribit option-chain snapshot with the venue's own marks and Greeks, used to check the pricer
 * against Deribit.
 *
 * @param option  the option
 * @param underlyingPrice  the forward Deribit used as underlying, USD
 * @param indexPrice  the index (spot reference), USD
 * @param markPrice  Deribit's mark, coin per coin of underlying
 * @param markIv  Deribit's mark implied vol, as a fraction (0.6329, not 63.29)
 * @param delta  Deribit's delta (Black-76 delta on the forward)
 * @param gamma  Deribit's gamma
 * @param vega  Deribit's vega, USD per vol point
 * @param theta  Deribit's theta, USD per day
 * @param expiry  the expiry
 */
public record DeribitOptionQuote(EuropeanOption option, double underlyingPrice, double indexPrice, double markPrice,
    double markIv, double delta, double gamma, double vega, double theta, Instant expiry) {
}
