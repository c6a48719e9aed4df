package org.pmargin.core.liquidation;

import org.pmargin.core.portfolio.Position;

/**
 * One step the planner may take: the fraction of each position to close (by index) at full size, and a perpetual to
 * open against a delta, or null.
 *
 * @param kind  the kind of step
 * @param description  what it does, e.g. "20% of every BTC position"
 * @param fractions  the fraction of each position it closes, in [0, 1]
 * @param hedge  the hedge it opens (quantity signed), or null
 */
record Candidate(StepKind kind, String description, double[] fractions, Position hedge) {
}
