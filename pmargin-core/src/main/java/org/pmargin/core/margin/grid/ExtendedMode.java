package org.pmargin.core.margin.grid;

/**
 * How the extended (tail) scenarios count P&L.
 */
public enum ExtendedMode {
  /**
   * Deribit: options count at factor·range/|move| of their tail P&L; delta-one positions and balances count their
   * P&L at the edge of the standard range in the same direction.
   */
  DELTA_ONE_AT_EDGE,
  /** Paradex: every exposure counts at factor·range/|move| of its tail P&L (a linear position: exactly its edge loss). */
  ALL_SCALED,
  /** SPAN: every exposure counts a fixed fraction (the factor, e.g. 35%) of its extreme-move P&L. */
  ALL_FIXED
}
