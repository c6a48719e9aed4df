package org.pmargin.engine.liquidation;

/**
 * How the engine closes an account below maintenance margin.
 */
public enum LiquidationMechanism {
  /** Market slices against the depth model only (Deribit's incremental liquidation, Hyperliquid's 20% slices). */
  MARKET,
  /**
   * Market slices, and below a fraction of maintenance margin (Hyperliquid: 2/3) the backstop liquidator takes the
   * whole account over at the mark (Hyperliquid's liquidator vault).
   */
  MARKET_BACKSTOP,
  /**
   * Derive's Dutch auction for a solvent account (mainnet parameters, a bidder filling at the first second the
   * discount pays for its unwind, on the event's snapshot), market slices when nobody bids; an insolvent account goes
   * through the loss waterfall as under the other mechanisms.
   */
  AUCTION;

  /** Parses {@code market}, {@code market+backstop} or {@code auction}. */
  public static LiquidationMechanism parse(String s) {
    return switch (org.pmargin.core.validation.Checks.notBlank(s, "liquidation_mechanism")) {
      case "market" -> MARKET;
      case "market+backstop" -> MARKET_BACKSTOP;
      case "auction" -> AUCTION;
      default -> throw new org.pmargin.core.validation.InvalidInputException("liquidation_mechanism",
          "must be market, market+backstop or auction, got " + s);
    };
  }

  /** The name {@link #parse} reads. */
  public String label() {
    return switch (this) {
      case MARKET -> "market";
      case MARKET_BACKSTOP -> "market+backstop";
      case AUCTION -> "auction";
    };
  }
}
