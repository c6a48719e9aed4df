package org.pmargin.core.liquidation.auction;

/**
 * The outcome of one accepted bid ({@code DutchAuction.bid}), in USD.
 *
 * <p>Derive charges no fee per bid: its only liquidation fee is the start fee ({@link DutchAuction#startFee()}).
 *
 * @param fractionTaken  the fraction of the current portfolio transferred to the bidder, in (0, 1] (solvent bids are
 *     capped at the largest fraction)
 * @param cashFromBidder  what the bidder pays the account (solvent auction; 0 when insolvent)
 * @param cashToBidder  what the bidder is paid to take the portfolio (insolvent auction; 0 when solvent)
 * @param paidBySecurityModule  the part of {@code cashToBidder} the security module paid
 * @param socialisedLoss  the rest of {@code cashToBidder}, printed as cash and shared by all cash holders
 * @param bidderCashRequired  the cash the bidder's account must hold for the contract to accept the bid
 *     ({@code _ensureBidderCashBalance}): the bid plus |BM − reserved cash|·fraction when solvent, |MM|·fraction
 *     − cashToBidder when insolvent; the caller refuses the bid when the bidder holds less
 *     ({@code DA_InsufficientCash})
 * @param auctionTerminated  true when the bid ended the auction (the largest fraction was bought, or 100% of an
 *     insolvent portfolio)
 */
public record AuctionBid(double fractionTaken, double cashFromBidder, double cashToBidder, double paidBySecurityModule,
    double socialisedLoss, double bidderCashRequired, boolean auctionTerminated) {
}
