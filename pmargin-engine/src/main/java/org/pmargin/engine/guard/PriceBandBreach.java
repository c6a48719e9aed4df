package org.pmargin.engine.guard;

/**
 * A fill booked although its price was outside the {@link PriceBand} (mode {@link PriceBandMode#FLAG}): the record a
 * reviewer needs to unwind or confirm it.
 *
 * @param accountId  the account
 * @param instrument  the instrument's symbol
 * @param quantity  the signed quantity filled
 * @param price  the fill price
 * @param range  the band it fell outside
 * @param reason  the breach in words
 */
public record PriceBandBreach(String accountId, String instrument, double quantity, double price,
    FillPriceRange range, String reason) {
}
