package org.pmargin.core.liquidation.auction;

/**
 * What {@code getAuctionStatus} returns for an ongoing auction: whether it may be terminated now, and the margins it
 * judged by.
 *
 * @param canTerminate  true when anyone may end the auction (see {@link DutchAuction#status})
 * @param markToMarket  the account's MtM, USD
 * @param maintenanceMargin  the account's MM, USD (a surplus: negative means under water)
 * @param bufferMargin  MM + b·(MM − MtM), USD
 */
public record AuctionStatus(boolean canTerminate, double markToMarket, double maintenanceMargin,
    double bufferMargin) {
}
