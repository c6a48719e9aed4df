package org.pmargin.core.liquidation.loss;

/** The side of a position: a bankrupt long is deleveraged against shorts, and the reverse. */
public enum Side {
  /** Positive quantity. */
  LONG,
  /** Negative quantity. */
  SHORT;

  /** The other side. */
  public Side opposite() {
    return this == LONG ? SHORT : LONG;
  }
}
