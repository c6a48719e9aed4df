package org.pmargin.core.liquidation;

/** The kinds of step the planner considers. */
public enum StepKind {

  /** A slice of one position. */
  POSITION,

  /**
   * The same slice of every position on one underlying, so that a covered call, a calendar or a basis trade is
   * unwound as a unit and never left naked.
   */
  UNDERLYING,

  /** The same slice of every position in the account (cross-underlying hedges unwound together). */
  BOOK,

  /** A perpetual opened against the account's net delta on one underlying (where the venue preset allows it). */
  DELTA_HEDGE
}
