/**
 * Liquidation in the real-time engine: its {@link org.pmargin.engine.liquidation.LiquidationConfig} (on or off,
 * the target, the slice, the steps per account per event, the liquidity), the
 * {@link org.pmargin.engine.liquidation.EngineLiquidity} that costs the closes per underlying, and the
 * {@link org.pmargin.engine.liquidation.LiquidationQueue} of candidates ordered by margin ratio, and the loop the
 * engine runs after each event ({@link org.pmargin.engine.liquidation.LiquidationRunner}): the steps planned by
 * {@link org.pmargin.core.liquidation.LiquidationPlanner} with the capped fee, the backstop takeover, and the loss
 * waterfall ({@link org.pmargin.engine.liquidation.LossResolver}: insurance fund, ADL, socialised loss, backstop book,
 * in exact micro-USD).
 */
package org.pmargin.engine.liquidation;
