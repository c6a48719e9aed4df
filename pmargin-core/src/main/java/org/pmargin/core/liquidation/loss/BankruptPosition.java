package org.pmargin.core.liquidation.loss;

import org.pmargin.core.validation.InvalidInputException;

/**
 * The position of a bankrupt account that the loss waterfall resolves, with its deficit and the context the journal
 * names (the market snapshot and the margin result that made the account bankrupt).
 *
 * @param accountId  the bankrupt account
 * @param instrument  the instrument symbol
 * @param side  the bankrupt position's side; ADL closes the opposite side
 * @param lots  the position size in the instrument's lots, positive
 * @param markPrice  the mark price at which the account's equity is {@code -deficit}
 * @param bankruptcyPrice  the price at which its equity would be exactly zero
 * @param deficit  the negative equity to cover, minor units, positive (round up with
 *     {@link MoneyUnit#deficitToMinor(String)})
 * @param snapshotId  the market snapshot the deficit was measured on
 * @param marginResult  a description of the margin result (e.g. "MM 5230.1 > equity -1234.56")
 */
public record BankruptPosition(
    String accountId,
    String instrument,
    Side side,
    long lots,
    double markPrice,
    double bankruptcyPrice,
    long deficit,
    String snapshotId,
    String marginResult) {

  /** Validates the fields. */
  public BankruptPosition {
    if (accountId == null || accountId.isBlank()) {
      throw new InvalidInputException("accountId", "must be named");
    }
    if (instrument == null || instrument.isBlank()) {
      throw new InvalidInputException("instrument", "must be named");
    }
    if (side == null) {
      throw new InvalidInputException("side", "must be given");
    }
    if (lots <= 0) {
      throw new InvalidInputException("lots", "must be positive, got " + lots);
    }
    if (!(Double.isFinite(markPrice) && markPrice > 0)) {
      throw new InvalidInputException("markPrice", "must be positive and finite, got " + markPrice);
    }
    if (!(Double.isFinite(bankruptcyPrice) && bankruptcyPrice > 0)) {
      throw new InvalidInputException("bankruptcyPrice", "must be positive and finite, got " + bankruptcyPrice);
    }
    if (deficit < 0) {
      throw new InvalidInputException("deficit", "must not be negative, got " + deficit);
    }
    snapshotId = snapshotId == null ? "" : snapshotId;
    marginResult = marginResult == null ? "" : marginResult;
  }
}
