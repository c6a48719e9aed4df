package org.pmargin.engine.event;

import java.time.Instant;
import org.pmargin.core.instrument.Asset;

/**
 * One expired position the engine settled: closed at its expiry's price, its cash booked into the balance of its
 * settlement currency, and removed (see {@link org.pmargin.core.expiry.ExpirySettlement} for the amounts).
 *
 * @param accountId  the account
 * @param instrument  the option's or future's symbol
 * @param expiry  its expiry
 * @param quantity  the position settled, signed contracts
 * @param price  the settlement price, USD per coin: the snapshot's delivery price for the expiry, else the index of
 *     the first snapshot at or after the expiry
 * @param priceSource  where the price came from
 * @param amount  the cash credited, in {@code currency}: negative when the account pays
 * @param currency  the settlement asset, whose balance the amount was booked into
 * @param amountUsd  the amount in USD (a coin amount at the settlement price)
 */
public record ExpirySettlementBooked(String accountId, String instrument, Instant expiry, double quantity,
    double price, String priceSource, double amount, Asset currency, double amountUsd) {
}
