package org.pmargin.core.margin.simulation;

import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.validation.Checks;

/**
 * The parameters of simulation (VaR / Expected Shortfall) margin over a scenario set.
 *
 * @param confidence  the ES confidence α (0.975 by default, the FRTB and CCP convention)
 * @param varConfidence  the VaR confidence reported alongside (0.99)
 * @param view  per settlement currency or unified USD
 * @param imFactor  IM = imFactor × ES
 * @param mmFactor  MM = mmFactor × ES
 * @param haircuts  collateral haircuts of the unified view
 */
public record SimulationParameters(double confidence, double varConfidence, MarginView view, double imFactor,
    double mmFactor, HaircutSchedule haircuts) {

  /** Validates the fields. */
  public SimulationParameters {
    Checks.require(confidence > 0 && confidence < 1, "confidence", "must be in (0, 1), got " + confidence);
    Checks.require(varConfidence > 0 && varConfidence < 1, "var_confidence",
        "must be in (0, 1), got " + varConfidence);
    Checks.notNull(view, "view");
    Checks.positive(imFactor, "im_factor");
    Checks.positive(mmFactor, "mm_factor");
    Checks.require(mmFactor <= imFactor, "mm_factor", "must not exceed im_factor " + imFactor + ", got " + mmFactor);
    Checks.notNull(haircuts, "haircuts");
  }

  /** The same parameters with another collateral schedule. */
  public SimulationParameters withHaircuts(HaircutSchedule schedule) {
    return new SimulationParameters(confidence, varConfidence, view, imFactor, mmFactor, schedule);
  }

  /** ES 97.5% in a unified USD pool, VaR 99% reported, MM = 0.8 × IM. */
  public static SimulationParameters standard() {
    return new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8, HaircutSchedule.standard());
  }
}
