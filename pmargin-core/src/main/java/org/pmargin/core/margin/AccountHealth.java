package org.pmargin.core.margin;

import java.util.List;
import org.pmargin.core.validation.Checks;

/**
 * An account's equity against its margins, in USD over all pools.
 *
 * <p>With separate pools (per settlement currency) the account is only as healthy as its weakest pool: the state is
 * the worst pool's, and what can be withdrawn is counted per pool (a surplus in one pool does not cover another).
 *
 * @param equityUsd  total equity, USD
 * @param initialMarginUsd  total initial margin, USD
 * @param maintenanceMarginUsd  total maintenance margin, USD
 * @param marginRatio  maintenance margin / equity (Deribit's convention: liquidation at 100%); 0 with no margin,
 *     and {@link Double#MAX_VALUE} when margin is needed and equity is zero or negative
 * @param availableUsd  what could be withdrawn without breaching initial margin, ≥ 0
 * @param state  healthy, margin call, liquidatable or bankrupt (a pool's equity below zero)
 */
public record AccountHealth(double equityUsd, double initialMarginUsd, double maintenanceMarginUsd,
    double marginRatio, double availableUsd, HealthState state) {

  /** Validates the fields. */
  public AccountHealth {
    Checks.finite(equityUsd, "equity");
    Checks.nonNegative(initialMarginUsd, "initial_margin");
    Checks.nonNegative(maintenanceMarginUsd, "maintenance_margin");
    Checks.nonNegative(marginRatio, "margin_ratio");
    Checks.nonNegative(availableUsd, "available");
    Checks.notNull(state, "state");
  }

  /**
   * The health of an account from its pools.
   *
   * @param pools  the pools
   * @return the health
   */
  public static AccountHealth of(List<PoolMargin> pools) {
    double equity = 0;
    double im = 0;
    double mm = 0;
    double available = 0;
    HealthState state = HealthState.HEALTHY;
    for (PoolMargin p : pools) {
      equity += p.equity() * p.usdRate();
      im += p.initialMargin() * p.usdRate();
      mm += p.maintenanceMargin() * p.usdRate();
      available += Math.max(0, p.equity() - p.initialMargin()) * p.usdRate();
      HealthState s = p.equity() < 0 ? HealthState.BANKRUPT
          : p.equity() < p.maintenanceMargin() ? HealthState.LIQUIDATABLE
          : p.equity() < p.initialMargin() ? HealthState.MARGIN_CALL : HealthState.HEALTHY;
      if (s.ordinal() > state.ordinal()) {
        state = s;
      }
    }
    double ratio = mm == 0 ? 0 : equity > 0 ? mm / equity : Double.MAX_VALUE;
    return new AccountHealth(equity, im, mm, ratio, available, state);
  }
}
