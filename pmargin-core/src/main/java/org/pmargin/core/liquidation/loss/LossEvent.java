package org.pmargin.core.liquidation.loss;

/**
 * One journaled step of the loss waterfall: what moved, how much, why, and on which snapshot. Amounts are minor units
 * of the settlement asset.
 */
public sealed interface LossEvent {

  /** The market snapshot the bankruptcy was measured on. */
  String snapshotId();

  /** Why this step happened, in words. */
  String reason();

  /**
   * The insurance fund paid part (or all) of the deficit.
   *
   * @param snapshotId  the snapshot
   * @param accountId  the bankrupt account
   * @param amount  drawn
   * @param fundBalanceAfter  the fund's balance after the draw
   * @param reason  why
   */
  record FundDraw(String snapshotId, String accountId, long amount, long fundBalanceAfter, String reason)
      implements LossEvent {}

  /**
   * A counterparty was deleveraged.
   *
   * @param snapshotId  the snapshot
   * @param instrument  the instrument closed
   * @param fill  who, how many lots, at what price, and the loss taken
   * @param reason  why
   */
  record AdlClose(String snapshotId, String instrument, AdlFill fill, String reason) implements LossEvent {}

  /**
   * An account bore a share of the socialised loss.
   *
   * @param snapshotId  the snapshot
   * @param accountId  the bearing account
   * @param amount  its share
   * @param reason  why
   */
  record SocialisedShare(String snapshotId, String accountId, long amount, String reason) implements LossEvent {}

  /**
   * Part of the deficit no layer could cover (more than all positive equity): the venue's bad debt.
   *
   * @param snapshotId  the snapshot
   * @param accountId  the bankrupt account, left at {@code -amount}
   * @param amount  uncovered
   * @param reason  why
   */
  record Uncovered(String snapshotId, String accountId, long amount, String reason) implements LossEvent {}
}
