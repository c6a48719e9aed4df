package org.pmargin.engine.event;

/**
 * One position's part of a booked liquidation step: what the engine traded, at which mark, and what it cost.
 *
 * @param instrument  the instrument's symbol
 * @param quantity  the signed contracts traded (the opposite sign of the position reduced)
 * @param mark  the mark the trade was booked at, in the instrument's price unit
 * @param notionalUsd  the underlying notional traded, USD ≥ 0: |quantity| × the contract's USD face for an inverse
 *     future or perpetual, else |quantity| × contract size × the underlying's index
 * @param costUsd  the fee, spread and market impact charged, USD ≥ 0
 */
public record LiquidatedPart(String instrument, double quantity, double mark, double notionalUsd, double costUsd) {
}
