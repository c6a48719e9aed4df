package org.pmargin.core.margin;

import org.pmargin.core.validation.Checks;

/**
 * A tail-risk figure a model computed for a pool, reported beside the margin: the value at risk or the expected
 * shortfall of the pool's P&L over the model's scenarios at one confidence. Losses are positive, in the pool's
 * currency, over the model's horizon (the simulation model: its margin period of risk).
 *
 * @param measure  {@code value_at_risk} or {@code expected_shortfall}
 * @param confidence  the confidence level, in (0, 1), e.g. 0.975
 * @param value  the loss, finite, in the pool's currency
 */
public record RiskMeasure(String measure, double confidence, double value) {

  /** The name of a VaR figure. */
  public static final String VALUE_AT_RISK = "value_at_risk";
  /** The name of an ES figure. */
  public static final String EXPECTED_SHORTFALL = "expected_shortfall";

  /** Validates the fields. */
  public RiskMeasure {
    Checks.notBlank(measure, "measure");
    Checks.require(confidence > 0 && confidence < 1, "confidence", "must be in (0, 1), got " + confidence);
    Checks.finite(value, measure);
  }
}
