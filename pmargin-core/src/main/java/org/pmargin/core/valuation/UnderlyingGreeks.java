package org.pmargin.core.valuation;

import org.pmargin.core.instrument.Asset;

/**
 * The aggregated Greeks of a portfolio (and its collateral) on one underlying, in the USD view of
 * {@link PositionValuation}.
 *
 * @param underlying  the coin
 * @param index  its index price, USD
 * @param delta  ∂V/∂S in coins, positions plus the coin balance
 * @param cashDelta  delta·S, USD: the USD gain for a 100% rise, to first order
 * @param gamma  ∂²V/∂S², per USD
 * @param dollarGamma  gamma·S²/100, USD: the change of cash delta for a 1% rise
 * @param vega  USD per 1.00 of implied vol, every expiry and strike shifted together
 * @param theta  USD per year, −∂V/∂T with forwards fixed
 * @param vanna  ∂²V/∂S∂σ
 * @param volga  ∂²V/∂σ²
 * @param collateralDelta  the part of {@code delta} from the coin balance
 * @param coinPoolDelta  the delta in coin of the coin-settled (inverse) positions' coin value, S·∂V_coin/∂S
 *     (Deribit's convention), without the coin balance, which has no profit or loss in coin
 */
public record UnderlyingGreeks(Asset underlying, double index, double delta, double cashDelta, double gamma,
    double dollarGamma, double vega, double theta, double vanna, double volga, double collateralDelta,
    double coinPoolDelta) {
}
