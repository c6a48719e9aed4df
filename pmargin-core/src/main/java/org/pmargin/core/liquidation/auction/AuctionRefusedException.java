package org.pmargin.core.liquidation.auction;

import java.util.Objects;

/**
 * An auction action that Derive's contract would revert: starting an auction on an account above maintenance margin,
 * bidding on an auction that should be terminated, converting a solvent auction that is still running, and so on.
 *
 * <p>{@link #reason()} is the contract's custom error (e.g. {@code DA_SolventAuctionEnded}), so a caller can match
 * Derive's behaviour error for error. Nothing was changed when this is thrown: like a reverted transaction, the
 * auction and the security module are left as they were. Bad numbers (NaN, a fraction outside (0, 1]) are an
 * {@link org.pmargin.core.validation.InvalidInputException} instead.
 */
public final class AuctionRefusedException extends IllegalStateException {

  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason  the contract's error name, e.g. {@code DA_AuctionShouldBeTerminated}
   * @param detail  the numbers that led to it
   */
  public AuctionRefusedException(String reason, String detail) {
    super(Objects.requireNonNull(reason) + ": " + detail);
    this.reason = reason;
  }

  /** The contract's error name. */
  public String reason() {
    return reason;
  }
}
