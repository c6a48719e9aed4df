package org.pmargin.core.valuation;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.portfolio.Position;

/**
 * The value and risk of one position against one market snapshot.
 *
 * <p>Two views are given, because crypto venues use both:
 * <ul>
 *   <li><b>USD view</b>: {@code valueUsd} is what the position holds, valued at the index: the option's mark
 *       value, or the unrealised profit and loss of a delta-one contract (converted from coin at the index for
 *       inverse contracts). The Greeks are derivatives of {@code valueUsd} with respect to the index S, with every
 *       forward moving in proportion to S (fixed basis ratio F/S): {@code delta} in coins (∂V/∂S), {@code gamma}
 *       per USD of S (∂²V/∂S²), {@code vega} per 1.00 of implied vol (a parallel shift), {@code theta} per year
 *       (−∂V/∂T, forwards fixed), {@code vanna} and {@code volga}.</li>
 *   <li><b>Settlement view</b>: {@code unrealisedPnl} and {@code valueSettlement} in the settlement asset
 *       (coin for inverse instruments), and {@code settlementDelta}: for inverse instruments S·∂V_coin/∂S, the
 *       delta in coin of the coin-denominated value (Deribit's convention, which subtracts the option's coin mark:
 *       Δ_F − V/F per unit of a coin-settled option); for linear ones equal to {@code delta}.</li>
 * </ul>
 *
 * @param position  the position valued
 * @param markPrice  the mark in the instrument's price unit (USD per coin, or option premium per coin in the
 *     settlement asset)
 * @param settlementAsset  the asset of {@code unrealisedPnl} and {@code valueSettlement}
 * @param unrealisedPnl  mark-to-market profit and loss since entry, in the settlement asset
 * @param valueSettlement  the value held, in the settlement asset
 * @param valueUsd  the value held, in USD at the index
 * @param delta  ∂valueUsd/∂S, in coins
 * @param gamma  ∂²valueUsd/∂S²
 * @param vega  ∂valueUsd/∂σ, USD per 1.00 of vol
 * @param theta  −∂valueUsd/∂T, USD per year
 * @param vanna  ∂²valueUsd/∂S∂σ
 * @param volga  ∂²valueUsd/∂σ²
 * @param settlementDelta  S·∂valueSettlement/∂S for inverse instruments, else {@code delta}
 */
public record PositionValuation(Position position, double markPrice, Asset settlementAsset, double unrealisedPnl,
    double valueSettlement, double valueUsd, double delta, double gamma, double vega, double theta, double vanna,
    double volga, double settlementDelta) {
}
