package org.pmargin.engine.guard;

/** What the engine does with a fill whose price lies outside its {@link PriceBand}. */
public enum PriceBandMode {

  /** The fill is rejected with the band in the reason, and nothing changes (the default). */
  REFUSE,

  /**
   * The fill is booked at its price, as the matching engine executed it, and reported in the outcome's price flags
   * for review (a venue whose matching engine is the record keeper and reviews off-market trades afterwards).
   */
  FLAG,

  /** No band: every fill is booked at its price. */
  OFF
}
