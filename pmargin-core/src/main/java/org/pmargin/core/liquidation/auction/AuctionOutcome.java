package org.pmargin.core.liquidation.auction;

import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.portfolio.Account;

/**
 * What a Derive Dutch auction did to one account, as {@link AuctionLiquidation} simulates it with a rational bidder:
 * when the bid came, at what price, how much of the portfolio changed hands and who paid what. USD throughout.
 *
 * @param filled  whether a bidder took part of the portfolio (false: the auction ran out unfilled)
 * @param insolvent  whether the fill was in the insolvent auction (started insolvent, or converted when the solvent
 *     auction's price reached zero unfilled)
 * @param bidSecond  seconds from the auction's start (of the insolvent phase, for an insolvent fill) to the bid, or
 *     −1 when unfilled
 * @param priceFraction  the solvent price fraction d at the bid (0 for an insolvent fill)
 * @param fractionSold  the share of the whole portfolio (positions and cash) the bidder took, in [0, 1]
 * @param startFeeUsd  the start fee the account paid to the security module (solvent auctions)
 * @param cashFromBidderUsd  what the bidder paid into the account (solvent)
 * @param cashToBidderUsd  what the bidder was paid to take the portfolio (insolvent)
 * @param paidBySecurityModuleUsd  the part of that payment the security module paid
 * @param socialisedUsd  the part it could not pay, socialised
 * @param accountLossUsd  what the account lost against its mark-to-market: the start fee plus the value handed over
 *     (fraction × MtM) less the cash received
 * @param bidderUnwindCostUsd  the bidder's expected cost of closing what it took (spread and impact, no fee)
 * @param bidderProfitUsd  the bidder's expected profit: value taken at mark + cash received − cash paid − unwind cost
 * @param after  the account after the auction
 * @param marginAfter  its margin under the model the auction was run with
 */
public record AuctionOutcome(boolean filled, boolean insolvent, long bidSecond, double priceFraction,
    double fractionSold, double startFeeUsd, double cashFromBidderUsd, double cashToBidderUsd,
    double paidBySecurityModuleUsd, double socialisedUsd, double accountLossUsd, double bidderUnwindCostUsd,
    double bidderProfitUsd, Account after, MarginResult marginAfter) {
}
