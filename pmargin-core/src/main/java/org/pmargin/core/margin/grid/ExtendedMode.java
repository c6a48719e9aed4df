package org.pmargin.core.margin.grid;

/**
 * How the extended (tail) scenarios count P&L, and the vol leg they are evaluated with ({@link #volLeg()}).
 */
public enum ExtendedMode {
  /**
   * Deribit: options count at factor·range/|move| of their tail P&L; delta-one positions and balances count their
   * P&L at the edge of the standard range in the same direction.
   */
  DELTA_ONE_AT_EDGE,
  /** Paradex: every exposure counts at factor·range/|move| of its tail P&L (a linear position: exactly its edge loss). */
  ALL_SCALED,
  /**
   * SPAN: every exposure counts a fixed fraction (the factor, e.g. 35%) of its extreme-move P&L, with vols unchanged
   * (CME SPAN's scenarios 15 and 16).
   */
  ALL_FIXED;

  /**
   * The vol leg of the tail scenarios: vol up for Deribit and Paradex (their extended tables are published at vol
   * up), vol unchanged for SPAN (standard SPAN scenarios 15 and 16 move the price only).
   */
  public VolDirection volLeg() {
    return this == ALL_FIXED ? VolDirection.UNCHANGED : VolDirection.UP;
  }
}
