package org.pmargin.engine.liquidation;

import org.pmargin.core.liquidation.LiquidationTarget;
import org.pmargin.core.validation.Checks;

/**
 * How the engine liquidates: whether it does, where a liquidation stops, how much one step closes and how many steps
 * an account gets per event (the cool-down between events: a large account is worked down over several market
 * updates, as Hyperliquid's 20% slices with a pause between them), and the liquidity the closes are costed with.
 *
 * @param enabled  whether the engine liquidates; when off, an account below maintenance margin stays so
 * @param target  where a liquidation stops (default maintenance margin + 10% in every pool)
 * @param slice  the part of a position (or group) one step closes at most, in (0, 1] (default 0.2)
 * @param maxStepsPerEvent  the steps one account may take after one event, ≥ 1 (default 5)
 * @param liquidity  the cost model (default {@link EngineLiquidity#defaults()})
 * @param stressGuard  whether a step must also pass the planner's stress guard ({@link
 *     org.pmargin.core.liquidation.WorstLoss}: no loss created or deepened in the hypothetical stresses) besides
 *     lowering maintenance margin. Default off: closing an inverse contract at a loss books that loss as a
 *     negative coin balance, which the up-stresses count as a new loss, so with the guard an inverse long is left
 *     after its first step ("no risk-reducing step left"); the guard also costs a stress run per candidate step
 */
public record LiquidationConfig(boolean enabled, LiquidationTarget target, double slice, int maxStepsPerEvent,
    EngineLiquidity liquidity, boolean stressGuard) {

  /** Validates. */
  public LiquidationConfig {
    Checks.notNull(target, "liquidation_target");
    Checks.require(slice > 0 && slice <= 1, "liquidation_slice", "must be in (0, 1], got " + slice);
    Checks.require(maxStepsPerEvent >= 1, "liquidation_max_steps", "must be >= 1, got " + maxStepsPerEvent);
    Checks.notNull(liquidity, "liquidity");
  }

  /**
   * Liquidation on: MM + 10%, 20% slices, 5 steps per account per event, the default liquidity, no stress guard.
   */
  public static LiquidationConfig defaults() {
    return new LiquidationConfig(true, LiquidationTarget.maintenancePlus(0.1), 0.2, 5, EngineLiquidity.defaults(),
        false);
  }

  /** Liquidation off (the defaults otherwise): the library engine's default, as before liquidation existed. */
  public static LiquidationConfig off() {
    return defaults().withEnabled(false);
  }

  /** A copy switched on or off. */
  public LiquidationConfig withEnabled(boolean value) {
    return new LiquidationConfig(value, target, slice, maxStepsPerEvent, liquidity, stressGuard);
  }

  /** A copy with another target. */
  public LiquidationConfig withTarget(LiquidationTarget value) {
    return new LiquidationConfig(enabled, value, slice, maxStepsPerEvent, liquidity, stressGuard);
  }

  /** A copy with another slice. */
  public LiquidationConfig withSlice(double value) {
    return new LiquidationConfig(enabled, target, value, maxStepsPerEvent, liquidity, stressGuard);
  }

  /** A copy with another step budget per account per event. */
  public LiquidationConfig withMaxStepsPerEvent(int value) {
    return new LiquidationConfig(enabled, target, slice, value, liquidity, stressGuard);
  }

  /** A copy with another liquidity. */
  public LiquidationConfig withLiquidity(EngineLiquidity value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, value, stressGuard);
  }

  /** A copy with the stress guard on or off. */
  public LiquidationConfig withStressGuard(boolean value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, value);
  }
}
