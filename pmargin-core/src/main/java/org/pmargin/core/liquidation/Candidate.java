package org.pmargin.core.liquidation;

import org.pmargin.core.portfolio.Position;

/**
 * One step the planner may take: the fraction of each position to close (by index) at full size, and a perpetual to
 * open against a delta, or null. Its description is built only for the step booked (a plan tries many).
 *
 * @param kind  the kind of step
 * @param slice  the slice as text, e.g. "20%"
 * @param subject  what it closes or hedges: a symbol (a position), an underlying, nothing (the book), or the
 *     underlying and perpetual of a hedge ("BTC with BTC-PERPETUAL")
 * @param fractions  the fraction of each position it closes, in [0, 1]
 * @param hedge  the hedge it opens (quantity signed), or null
 */
record Candidate(StepKind kind, String slice, String subject, double[] fractions, Position hedge) {

  /** What it does, e.g. "20% of every BTC position". */
  String description() {
    return switch (kind) {
      case POSITION -> slice + " of " + subject;
      case UNDERLYING -> slice + " of every " + subject + " position";
      case BOOK -> slice + " of every position";
      case DELTA_HEDGE -> slice + " delta hedge of " + subject;
    };
  }
}
