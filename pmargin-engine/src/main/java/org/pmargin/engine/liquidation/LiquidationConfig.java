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
 * @param lossWaterfall  whether a bankrupt account's remaining positions are taken over and its deficit covered by
 *     the insurance fund, auto-deleveraging and socialised loss ({@link LossResolver}); default on. Off: the account
 *     is only reported and parked with its deficit in the bad debt, as before the waterfall existed
 * @param initialFundUsd  the insurance fund's starting balance, USD ≥ 0 (default 0: the fund holds only the
 *     liquidation fees the engine has charged)
 * @param mechanism  market slices only, or with the backstop liquidator (default {@link LiquidationMechanism#MARKET})
 * @param backstopFraction  the fraction of maintenance margin below which the backstop takes an account over, in
 *     (0, 1] (default 2/3, Hyperliquid's)
 */
public record LiquidationConfig(boolean enabled, LiquidationTarget target, double slice, int maxStepsPerEvent,
    EngineLiquidity liquidity, boolean stressGuard, boolean lossWaterfall, double initialFundUsd,
    LiquidationMechanism mechanism, double backstopFraction) {

  /** The settings of the engine before the waterfall existed (waterfall on, empty fund, market slices). */
  public LiquidationConfig(boolean enabled, LiquidationTarget target, double slice, int maxStepsPerEvent,
      EngineLiquidity liquidity, boolean stressGuard) {
    this(enabled, target, slice, maxStepsPerEvent, liquidity, stressGuard, true, 0, LiquidationMechanism.MARKET,
        2.0 / 3);
  }

  /** Validates. */
  public LiquidationConfig {
    Checks.notNull(target, "liquidation_target");
    Checks.require(slice > 0 && slice <= 1, "liquidation_slice", "must be in (0, 1], got " + slice);
    Checks.require(maxStepsPerEvent >= 1, "liquidation_max_steps", "must be >= 1, got " + maxStepsPerEvent);
    Checks.notNull(liquidity, "liquidity");
    Checks.nonNegative(initialFundUsd, "initial_fund_usd");
    Checks.notNull(mechanism, "liquidation_mechanism");
    Checks.require(backstopFraction > 0 && backstopFraction <= 1, "backstop_fraction",
        "must be in (0, 1], got " + backstopFraction);
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
    return new LiquidationConfig(value, target, slice, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with another target. */
  public LiquidationConfig withTarget(LiquidationTarget value) {
    return new LiquidationConfig(enabled, value, slice, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with another slice. */
  public LiquidationConfig withSlice(double value) {
    return new LiquidationConfig(enabled, target, value, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with another step budget per account per event. */
  public LiquidationConfig withMaxStepsPerEvent(int value) {
    return new LiquidationConfig(enabled, target, slice, value, liquidity, stressGuard, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with another liquidity. */
  public LiquidationConfig withLiquidity(EngineLiquidity value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, value, stressGuard, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with the stress guard on or off. */
  public LiquidationConfig withStressGuard(boolean value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, value, lossWaterfall, initialFundUsd, mechanism,
        backstopFraction);
  }

  /** A copy with the loss waterfall on or off. */
  public LiquidationConfig withLossWaterfall(boolean value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, stressGuard, value,
        initialFundUsd, mechanism, backstopFraction);
  }

  /** A copy with another starting insurance fund, USD. */
  public LiquidationConfig withInitialFundUsd(double value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall,
        value, mechanism, backstopFraction);
  }

  /** A copy with another mechanism. */
  public LiquidationConfig withMechanism(LiquidationMechanism value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall,
        initialFundUsd, value, backstopFraction);
  }

  /** A copy with another backstop threshold (a fraction of maintenance margin). */
  public LiquidationConfig withBackstopFraction(double value) {
    return new LiquidationConfig(enabled, target, slice, maxStepsPerEvent, liquidity, stressGuard, lossWaterfall,
        initialFundUsd, mechanism, value);
  }
}
