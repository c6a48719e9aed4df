package org.pmargin.core.margin.standard;

import org.pmargin.core.validation.Checks;

/**
 * The standard margin rates of delta-one positions (perpetuals, dated futures, short spot) on one underlying, as
 * fractions of the position's notional, scaled linearly with its size as Deribit's standard margin does: the rate of
 * a position of size x is {@code base + incrementPerStep·x/step}, continuous in x (no jump at whole steps).
 *
 * <p>Deribit's BTC rule ("starting with 2.0%, linearly increasing 0.5% per 100 BTC increase in position size";
 * maintenance "starting with 1.5%", test.deribit.com/pages/docs/futures) is {@code (0.02, 0.015, 0.005, 100,
 * COIN)}: a 25 BTC position pays 2.125%, a 350 BTC one 3.75%.
 *
 * @param initialRate  the initial margin rate of a vanishingly small position, in [0, 1]
 * @param maintenanceRate  the maintenance rate of a vanishingly small position, in [0, initialRate]
 * @param incrementPerStep  the rate added (to both initial and maintenance) per {@code step} of size, ≥ 0
 * @param step  the size that adds {@code incrementPerStep}, &gt; 0, in coins or USD by {@code stepUnit}
 * @param stepUnit  what {@code step} measures: coins of the underlying or USD of notional
 */
public record DeltaOneRates(double initialRate, double maintenanceRate, double incrementPerStep, double step,
    StepUnit stepUnit) {

  /** What a size step is measured in. */
  public enum StepUnit {
    /** Coins of the underlying (Deribit's "per 100 BTC"). */
    COIN,
    /** USD of notional at the index, for underlyings without a coin rule of their own. */
    USD
  }

  /** Validates the fields: rates in [0, 1] with maintenance at most initial, a non-negative increment. */
  public DeltaOneRates {
    Checks.inRange(initialRate, 0, 1, "initial_rate");
    Checks.inRange(maintenanceRate, 0, 1, "maintenance_rate");
    Checks.require(maintenanceRate <= initialRate, "maintenance_rate",
        "must not exceed initial_rate " + initialRate + ", got " + maintenanceRate);
    Checks.nonNegative(incrementPerStep, "increment_per_step");
    Checks.positive(step, "step");
    Checks.notNull(stepUnit, "step_unit");
  }

  /**
   * The number of steps a position's size is worth.
   *
   * @param sizeCoins  the size in coins of the underlying, ≥ 0
   * @param notionalUsd  the notional in USD, ≥ 0
   * @return size / step in this rule's unit
   */
  public double steps(double sizeCoins, double notionalUsd) {
    return (stepUnit == StepUnit.COIN ? sizeCoins : notionalUsd) / step;
  }
}
