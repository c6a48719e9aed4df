/**
 * Liquidation, pure: planning the steps that bring an account that has fallen below maintenance margin back to a
 * target, their expected cost under a liquidity model, and their booking. No clock and no I/O: the engine drives it.
 *
 * <ul>
 *   <li>{@link org.pmargin.core.liquidation.LiquidationPlanner}: greedy risk-reducing steps (single positions,
 *       every position on one underlying together so a hedge is never left naked, the whole book, a delta hedge with
 *       the perpetual where the venue allows it), each chosen for the most maintenance margin removed per unit of
 *       cost, the last one sized to stop at the target.</li>
 *   <li>{@link org.pmargin.core.liquidation.LiquidityModel}: fee, spread and square-root impact of a close.</li>
 *   <li>{@link org.pmargin.core.liquidation.PositionCloser}: books closes at the mark less their cost.</li>
 *   <li>{@link org.pmargin.core.liquidation.LiquidationBaselines}: close everything; close the largest first.</li>
 * </ul>
 */
package org.pmargin.core.liquidation;
