package org.pmargin.core.liquidation.auction;

/**
 * One payout request to the security module, in USD: what was asked, what the module paid from its cash (at most its
 * balance, {@code SecurityModule.requestPayout}) and the remainder socialised through the cash asset
 * ({@code CashAsset.socializeLoss}: printed to the bidder, the loss shared by all cash holders).
 *
 * @param requested  the amount asked for
 * @param paid  min(requested, the module's cash)
 * @param socialised  requested − paid
 */
public record SecurityModulePayout(double requested, double paid, double socialised) {
}
