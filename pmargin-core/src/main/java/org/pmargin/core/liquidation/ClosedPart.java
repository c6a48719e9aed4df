package org.pmargin.core.liquidation;

import org.pmargin.core.instrument.Instrument;

/**
 * One position's part of a liquidation step: what was traded, at which mark, and what it cost.
 *
 * @param instrument  the instrument
 * @param quantityTraded  the signed contracts traded by the liquidation (the opposite sign of the position closed; a
 *     delta hedge opens a position of this quantity)
 * @param mark  the mark the trade is booked at, in the instrument's price unit
 * @param costUsd  the fee, spread and impact of this part, USD, ≥ 0
 */
public record ClosedPart(Instrument instrument, double quantityTraded, double mark, double costUsd) {
}
