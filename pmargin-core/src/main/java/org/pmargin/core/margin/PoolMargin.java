package org.pmargin.core.margin;

import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * The margin of one collateral pool: a settlement currency's pool, or the single USD pool of a unified account.
 * Amounts are in the pool's currency.
 *
 * @param currency  the currency of every amount: a coin for a coin pool, USD for stablecoin and unified pools
 * @param equity  the pool's equity: balance (haircut in a unified pool) plus the value of its positions
 *     (unrealised P&L of delta-one contracts, mark value of options)
 * @param initialMargin  the sum of the components' initial amounts, ≥ 0
 * @param maintenanceMargin  the sum of the components' maintenance amounts, ≥ 0
 * @param components  the breakdown
 * @param drivingScenario  the scenario that set the margin, or empty text for models without scenarios
 * @param contributions  each position's contribution
 * @param usdRate  the USD value of one unit of {@code currency}, to add pools up
 * @param riskMeasures  the tail-risk figures the model computed beside the margin (the simulation model's VaR and ES
 *     at each of its confidences), in {@code currency}; empty for models without them or when not explaining
 */
public record PoolMargin(Asset currency, double equity, double initialMargin, double maintenanceMargin,
    List<MarginComponent> components, String drivingScenario, List<PositionContribution> contributions,
    double usdRate, List<RiskMeasure> riskMeasures) {

  /** A pool without risk measures. */
  public PoolMargin(Asset currency, double equity, double initialMargin, double maintenanceMargin,
      List<MarginComponent> components, String drivingScenario, List<PositionContribution> contributions,
      double usdRate) {
    this(currency, equity, initialMargin, maintenanceMargin, components, drivingScenario, contributions, usdRate,
        List.of());
  }

  /** Validates and copies. */
  public PoolMargin {
    Checks.notNull(currency, "currency");
    Checks.finite(equity, "equity");
    Checks.nonNegative(initialMargin, "initial_margin");
    Checks.nonNegative(maintenanceMargin, "maintenance_margin");
    components = List.copyOf(components);
    Checks.notNull(drivingScenario, "driving_scenario");
    contributions = List.copyOf(contributions);
    Checks.positive(usdRate, "usd_rate");
    riskMeasures = List.copyOf(riskMeasures);
  }

  /** The same pool with the model's risk measures. */
  public PoolMargin withRiskMeasures(List<RiskMeasure> measures) {
    return new PoolMargin(currency, equity, initialMargin, maintenanceMargin, components, drivingScenario,
        contributions, usdRate, measures);
  }

  /**
   * A pool whose margins are the sums of its components, floored at zero (credits never make a requirement
   * negative).
   */
  public static PoolMargin of(Asset currency, double equity, List<MarginComponent> components, String driving,
      List<PositionContribution> contributions, double usdRate) {
    double im = 0;
    double mm = 0;
    for (MarginComponent c : components) {
      im += c.initial();
      mm += c.maintenance();
    }
    return new PoolMargin(currency, equity, Math.max(im, 0), Math.max(mm, 0), components, driving, contributions,
        usdRate);
  }
}
