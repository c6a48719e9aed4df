/**
 * Derive's (Lyra v2) Dutch-auction liquidation, reproduced rule for rule from its contract so that it can be checked
 * against Derive's own numbers (METHODOLOGY "Liquidation: Derive's Dutch auction").
 *
 * <p>An account whose maintenance margin (MM) is negative is put up for auction. If its mark-to-market value (MtM)
 * is positive the auction is <em>solvent</em>: the account first pays a start fee to the security module, then
 * bidders buy a fraction of the whole portfolio at a price that falls with time from a share of MtM (fast phase, then
 * slow phase, then zero), never more than the fraction that brings the rest back to buffer margin. Otherwise (or once
 * the solvent auction has run out) the auction is <em>insolvent</em>: bidders are paid to take the portfolio, the
 * payment growing linearly from −MtM to −MM; the {@link org.pmargin.core.liquidation.auction.SecurityModule} pays what
 * it can and the rest is socialised, and withdrawals are blocked while the insolvent accounts' MM exceeds its cash.
 *
 * <ul>
 *   <li>{@link org.pmargin.core.liquidation.auction.DutchAuctionParameters}: the parameters and Derive's presets;</li>
 *   <li>{@link org.pmargin.core.liquidation.auction.DutchAuctionMath}: the pure formulas (price fraction at a time,
 *       buffer margin, largest fraction, solvent and insolvent bid prices, start fee, bidder cash);</li>
 *   <li>{@link org.pmargin.core.liquidation.auction.DutchAuction}: one account's auction as a state machine (start,
 *       bid, terminate, convert to insolvent), driven by the caller with MM, MtM and the time;</li>
 *   <li>{@link org.pmargin.core.liquidation.auction.SecurityModule}: its cash, payouts, the socialised remainder and
 *       the withdrawal block.</li>
 * </ul>
 *
 * <p><b>Source.</b> derivexyz/v2-core (BUSL-1.1, read, not copied): {@code src/liquidation/DutchAuction.sol} in the
 * version with {@code AuctionParams.insolventAuctionLength}, {@code mtmCutoff}, {@code totalInsolventMM} and
 * {@code smAccount} (the API {@code scripts/deploy-auction.s.sol} at 49e7f968164551a99fd3258cc922731b498c82e3
 * configures), {@code src/SecurityModule.sol} at 2c9759e4946a98efd29ef1630588b4db59601b7d ({@code requestPayout}), and
 * {@code scripts/config-mainnet.sol} at f46973056213eca1d1e7c32063a242d2b39fa98d ({@code getDefaultAuctionParam}).
 * Methods name the Solidity function they reproduce. The contract's 18-decimal fixed point is done in doubles; its
 * integer-second clock is kept (times are whole seconds since the start). Nothing here reads a clock: time is an
 * argument.
 */
package org.pmargin.core.liquidation.auction;
