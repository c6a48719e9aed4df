package org.pmargin.core.margin.standard;

import org.pmargin.core.validation.Checks;

/**
 * Deribit's standard margin for options, as fractions of the underlying (per coin of underlying, in the settlement
 * currency; restated in doc.tslab.pro "Deribit Margin Requirements Calculation", shared methodology §1a).
 *
 * <p>With U the option's underlying price (the forward of its expiry), OTM the out-of-the-money amount
 * (K − U for a call, U − K for a put, at least 0) and m the option's mark as a fraction of U (the coin mark for a
 * coin-settled option, the USD mark / U for a linear one):
 * <ul>
 *   <li>short call: IM = max(initialRate − OTM/U, initialFloor) + m; MM = maintenanceRate + m;</li>
 *   <li>short put: MM = max(maintenanceRate, maintenanceRate·m) + m; IM = max(max(initialRate − OTM/U,
 *       initialFloor) + m, MM) (the second term of the MM only bites when m &gt; 1, a deep in-the-money coin-settled
 *       put with K &gt; 2U, and then can exceed the IM's first term — hence the outer max);</li>
 *   <li>long option: nothing beyond the premium already paid (its value is part of equity).</li>
 * </ul>
 *
 * @param initialRate  the initial rate before the out-of-the-money reduction (Deribit 0.15)
 * @param initialFloor  the smallest initial rate however far out of the money (Deribit 0.10), ≤ initialRate
 * @param maintenanceRate  the maintenance rate (Deribit 0.075), ≤ initialFloor so that IM ≥ MM
 */
public record OptionRates(double initialRate, double initialFloor, double maintenanceRate) {

  /** Validates the fields: 0 ≤ maintenanceRate ≤ initialFloor ≤ initialRate ≤ 1. */
  public OptionRates {
    Checks.inRange(initialRate, 0, 1, "initial_rate");
    Checks.inRange(initialFloor, 0, 1, "initial_floor");
    Checks.inRange(maintenanceRate, 0, 1, "maintenance_rate");
    Checks.require(initialFloor <= initialRate, "initial_floor",
        "must not exceed initial_rate " + initialRate + ", got " + initialFloor);
    Checks.require(maintenanceRate <= initialFloor, "maintenance_rate",
        "must not exceed initial_floor " + initialFloor + " (else a far out-of-the-money short call would need more"
            + " maintenance than initial margin), got " + maintenanceRate);
  }

  /** Deribit's standard option rates: 0.15, floor 0.10, maintenance 0.075. */
  public static OptionRates deribit() {
    return new OptionRates(0.15, 0.10, 0.075);
  }

  /**
   * The initial margin of a short option per unit of underlying value.
   *
   * @param call  whether the option is a call
   * @param otmFraction  the out-of-the-money amount over the underlying price, ≥ 0
   * @param markFraction  the mark over the underlying price, ≥ 0
   * @return the initial margin as a fraction of the underlying value
   */
  public double shortInitial(boolean call, double otmFraction, double markFraction) {
    double im = Math.max(initialRate - otmFraction, initialFloor) + markFraction;
    return call ? im : Math.max(im, shortMaintenance(false, markFraction));
  }

  /**
   * The maintenance margin of a short option per unit of underlying value.
   *
   * @param call  whether the option is a call
   * @param markFraction  the mark over the underlying price, ≥ 0
   * @return the maintenance margin as a fraction of the underlying value
   */
  public double shortMaintenance(boolean call, double markFraction) {
    return call ? maintenanceRate + markFraction
        : Math.max(maintenanceRate, maintenanceRate * markFraction) + markFraction;
  }
}
