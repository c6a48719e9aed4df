package org.pmargin.core.expiry;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.portfolio.Position;

/**
 * One expired position settled at its expiry's delivery price: the cash it paid into (or took from) the balance of
 * its settlement currency.
 *
 * @param position  the position settled (quantity and entry price as held)
 * @param deliveryPrice  the delivery price used
 * @param amount  the cash credited, in {@code currency}: positive received, negative paid
 * @param currency  the settlement currency (the coin for coin-settled instruments, the quote stablecoin else)
 * @param amountUsd  the amount in USD: a coin amount at the delivery price, a stablecoin amount at its USD price in
 *     the snapshot (1 when it lists none)
 */
public record SettledPosition(Position position, DeliveryPrice deliveryPrice, double amount, Asset currency,
    double amountUsd) {
}
