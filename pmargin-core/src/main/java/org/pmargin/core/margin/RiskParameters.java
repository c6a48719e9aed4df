package org.pmargin.core.margin;

import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.validation.Checks;

/**
 * Every risk parameter of the engine, as one versioned file states it: collateral haircuts and each model's
 * parameters. {@link #defaults()} are the shipped defaults (see docs/METHODOLOGY.md).
 *
 * @param collateral  collateral classes and haircuts
 * @param grid  the scenario-grid model
 */
public record RiskParameters(HaircutSchedule collateral, GridParameters grid) {

  /** Validates the fields. */
  public RiskParameters {
    Checks.notNull(collateral, "collateral");
    Checks.notNull(grid, "grid");
  }

  /** The shipped defaults. */
  public static RiskParameters defaults() {
    return new RiskParameters(HaircutSchedule.standard(), GridParameters.standard());
  }
}
