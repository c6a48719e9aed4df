package org.pmargin.core.margin.standard;

import org.pmargin.core.validation.Checks;

/**
 * One bracket of a position-size tier table: the slice of a position's USD notional from the previous bracket's
 * bound up to {@code upToUsd} is charged at these rates (see {@link SizeTiers}).
 *
 * @param upToUsd  the bracket's upper bound in USD of notional, &gt; 0, or {@link Double#POSITIVE_INFINITY} for the
 *     last bracket
 * @param initialRate  the initial margin rate of the slice, in [0, 1]
 * @param maintenanceRate  the maintenance margin rate of the slice, in [0, initialRate]
 */
public record SizeTier(double upToUsd, double initialRate, double maintenanceRate) {

  /** Validates the fields. */
  public SizeTier {
    Checks.require(upToUsd > 0, "up_to_usd", "must be > 0, got " + upToUsd);
    Checks.inRange(initialRate, 0, 1, "initial_rate");
    Checks.inRange(maintenanceRate, 0, 1, "maintenance_rate");
    Checks.require(maintenanceRate <= initialRate, "maintenance_rate",
        "must not exceed initial_rate " + initialRate + ", got " + maintenanceRate);
  }
}
