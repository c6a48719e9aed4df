/**
 * Liquidation in the real-time engine: its {@link org.pmargin.engine.liquidation.LiquidationConfig} (on or off,
 * the target, the slice, the steps per account per event, the liquidity), the
 * {@link org.pmargin.engine.liquidation.EngineLiquidity} that costs the closes per underlying, and the
 * {@link org.pmargin.engine.liquidation.LiquidationQueue} of candidates ordered by margin ratio. The engine books the
 * steps planned by {@link org.pmargin.core.liquidation.LiquidationPlanner} (see
 * {@link org.pmargin.engine.book.MarginEngine}).
 */
package org.pmargin.engine.liquidation;
