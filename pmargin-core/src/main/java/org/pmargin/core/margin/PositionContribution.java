package org.pmargin.core.margin;

import org.pmargin.core.validation.Checks;

/**
 * What one position (or the collateral balance, with symbol {@code balance:ASSET}) contributes to a pool's margin.
 *
 * @param symbol  the instrument symbol, or {@code balance:BTC} for a balance that is part of the scenarios
 * @param scenarioPnl  its profit (positive) or loss (negative) in the pool's driving scenario, in the pool's
 *     currency; zero for models without scenarios
 * @param initialMargin  its share of the pool's initial margin: its standalone requirement for additive models,
 *     an allocation (Euler or scenario share) for portfolio models, as the model documents
 */
public record PositionContribution(String symbol, double scenarioPnl, double initialMargin) {

  /** Validates the fields. */
  public PositionContribution {
    Checks.notBlank(symbol, "symbol");
    Checks.finite(scenarioPnl, "scenario_pnl");
    Checks.finite(initialMargin, "initial_margin");
  }
}
