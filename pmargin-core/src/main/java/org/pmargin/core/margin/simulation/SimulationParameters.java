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
 * @param fundingHours  the horizon of the funding provision, hours in [0, 6000] (0: none): what each perpetual
 *     position would pay over it at the current rate is charged in IM and MM, receivers get no credit (see
 *     {@code FundingProvision}); by default the margin period of risk, 24 × the horizon in days
 */
public record SimulationParameters(double confidence, double varConfidence, MarginView view, double imFactor,
    double mmFactor, HaircutSchedule haircuts, double fundingHours) {

  /** The default funding horizon: one day, the default margin period of risk. */
  public static final double DEFAULT_FUNDING_HOURS = 24;

  /**
   * The parameters with the default funding horizon of {@value #DEFAULT_FUNDING_HOURS} hours.
   *
   * @param confidence  the ES confidence
   * @param varConfidence  the VaR confidence reported
   * @param view  the currency view
   * @param imFactor  IM = imFactor × ES
   * @param mmFactor  MM = mmFactor × ES
   * @param haircuts  collateral haircuts of the unified view
   */
  public SimulationParameters(double confidence, double varConfidence, MarginView view, double imFactor,
      double mmFactor, HaircutSchedule haircuts) {
    this(confidence, varConfidence, view, imFactor, mmFactor, haircuts, DEFAULT_FUNDING_HOURS);
  }

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
    Checks.inRange(fundingHours, 0, 6000, "funding_hours");
  }

  /** The same parameters with another collateral schedule. */
  public SimulationParameters withHaircuts(HaircutSchedule schedule) {
    return new SimulationParameters(confidence, varConfidence, view, imFactor, mmFactor, schedule, fundingHours);
  }

  /** The same parameters with another funding horizon, hours. */
  public SimulationParameters withFundingHours(double hours) {
    return new SimulationParameters(confidence, varConfidence, view, imFactor, mmFactor, haircuts, hours);
  }

  /** ES 97.5% in a unified USD pool, VaR 99% reported, MM = 0.8 × IM, funding provision over 24 hours. */
  public static SimulationParameters standard() {
    return new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8, HaircutSchedule.standard());
  }
}
