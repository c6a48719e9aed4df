package org.pmargin.engine.event;

/**
 * One journaled movement of the engine's loss accounting after an event, in exact minor units of USD (1e-6 USD,
 * {@code org.pmargin.engine.liquidation.LossResolver#UNIT}). Kinds:
 * <ul>
 *   <li>{@code fee}: a liquidation step's fee paid by {@code accountId} into the insurance fund;</li>
 *   <li>{@code fund_draw}: the fund covering part of bankrupt {@code accountId}'s deficit;</li>
 *   <li>{@code adl}: {@code counterpartyId}'s opposite position in {@code instrument} closed against bankrupt
 *       {@code accountId}: {@code quantity} contracts (the counterparty's trade, signed) at {@code price} (the ADL
 *       price, between the mark and the bankruptcy price), {@code amount} moved from the counterparty to it;</li>
 *   <li>{@code socialised}: {@code counterpartyId}'s share of what the fund and ADL left, pro rata to positive
 *       equity;</li>
 *   <li>{@code uncovered}: what no layer could cover (bad debt, stays on the bankrupt account);</li>
 *   <li>{@code takeover}: the backstop book taking positions and non-USD balances of {@code accountId} at the mark
 *       (value-neutral: {@code amount} is their value, paid to the account in USD; negative when they are worth less
 *       than nothing), either the rest of a bankrupt account or, with the backstop mechanism, a whole account.</li>
 * </ul>
 *
 * @param sequence  the event after which it happened
 * @param kind  see above
 * @param accountId  the account paying the fee, the bankrupt account, or the account taken over
 * @param counterpartyId  the ADL counterparty or socialised bearer, else empty
 * @param instrument  the ADL instrument, else empty
 * @param quantity  the counterparty's ADL trade, signed contracts, else 0
 * @param price  the ADL price, else 0
 * @param amount  the amount, minor units (1e-6 USD); non-negative except for a takeover
 * @param fundAfter  the insurance fund after this entry, minor units
 * @param snapshotVersion  the market snapshot's version
 * @param reason  why, in words
 */
public record LossEntry(long sequence, String kind, String accountId, String counterpartyId, String instrument,
    double quantity, double price, long amount, long fundAfter, long snapshotVersion, String reason) {

  /** The amount in USD. */
  public double amountUsd() {
    return amount / 1e6;
  }
}
