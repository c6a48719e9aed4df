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
  MARKET_BACKSTOP;

  /** Parses {@code market} or {@code market+backstop}. */
  public static LiquidationMechanism parse(String s) {
    return switch (org.pmargin.core.validation.Checks.notBlank(s, "liquidation_mechanism")) {
      case "market" -> MARKET;
      case "market+backstop" -> MARKET_BACKSTOP;
      default -> throw new org.pmargin.core.validation.InvalidInputException("liquidation_mechanism",
          "must be market or market+backstop, got " + s);
    };
  }

  /** The name {@link #parse} reads. */
  public String label() {
    return this == MARKET ? "market" : "market+backstop";
  }
}
