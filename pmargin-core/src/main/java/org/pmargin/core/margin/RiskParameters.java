package org.pmargin.core.margin;

import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.sensitivity.SensitivityParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.standard.StandardMarginParameters;
import org.pmargin.core.validation.Checks;

/**
 * Every risk parameter of the engine, as one versioned file states it: collateral haircuts and each model's
 * parameters. {@link #defaults()} are the shipped defaults (see docs/METHODOLOGY.md).
 *
 * @param collateral  collateral classes and haircuts
 * @param grid  the scenario-grid model
 * @param standard  the isolated and cross models
 * @param derive  the Derive PM2 model
 * @param sensitivity  the SIMM-style sensitivity model
 * @param simulation  the simulation model and its scenario generation
 */
public record RiskParameters(HaircutSchedule collateral, GridParameters grid, StandardMarginParameters standard,
    DeriveParameters derive, SensitivityParameters sensitivity, SimulationConfig simulation) {

  /** Validates the fields. */
  public RiskParameters {
    Checks.notNull(collateral, "collateral");
    Checks.notNull(grid, "grid");
    Checks.notNull(standard, "standard");
    Checks.notNull(derive, "derive");
    Checks.notNull(sensitivity, "sensitivity");
    Checks.notNull(simulation, "simulation");
  }

  /** The shipped defaults. */
  public static RiskParameters defaults() {
    return new RiskParameters(HaircutSchedule.standard(), GridParameters.standard(),
        StandardMarginParameters.deribit(), DeriveParameters.mainnet(), SensitivityParameters.standard(),
        SimulationConfig.standard());
  }
}
