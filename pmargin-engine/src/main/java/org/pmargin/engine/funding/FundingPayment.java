package org.pmargin.engine.funding;

import java.time.Instant;
import org.pmargin.core.instrument.Asset;

/**
 * One funding payment the engine booked: a perpetual position of an account at one funding time.
 *
 * @param accountId  the account
 * @param instrument  the perpetual's symbol
 * @param time  the funding time
 * @param quantity  the position, signed contracts
 * @param rate8h  the funding rate used, per 8 hours (that of the snapshot in force at the funding time)
 * @param hours  the period the payment covers (the schedule's interval), hours
 * @param mark  the perpetual mark used, USD per coin (that of the same snapshot)
 * @param amount  the amount credited to the account, in {@code currency}: negative when it pays, positive when it
 *     receives
 * @param currency  the settlement asset, whose balance the amount was booked into
 * @param amountUsd  the amount × the USD price of the currency in the same snapshot
 */
public record FundingPayment(String accountId, String instrument, Instant time, double quantity, double rate8h,
    double hours, double mark, double amount, Asset currency, double amountUsd) {
}
