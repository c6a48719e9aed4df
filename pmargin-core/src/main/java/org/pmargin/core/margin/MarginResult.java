package org.pmargin.core.margin;

import java.util.List;
import org.pmargin.core.validation.Checks;

/**
 * The answer of every {@link MarginModel}: margins per pool with their breakdown, USD totals and the account's
 * health.
 *
 * @param model  the model's name
 * @param view  the currency view the pools were computed in
 * @param pools  one per settlement currency, or a single USD pool in the unified view
 * @param health  equity against margins, USD
 */
public record MarginResult(String model, MarginView view, List<PoolMargin> pools, AccountHealth health) {

  /** Validates and copies. */
  public MarginResult {
    Checks.notBlank(model, "model");
    Checks.notNull(view, "view");
    pools = List.copyOf(pools);
    Checks.notNull(health, "health");
  }

  /** A result whose health is computed from its pools. */
  public static MarginResult of(String model, MarginView view, List<PoolMargin> pools) {
    return new MarginResult(model, view, pools, AccountHealth.of(pools));
  }

  /** Total initial margin in USD. */
  public double initialMarginUsd() {
    return health.initialMarginUsd();
  }

  /** Total maintenance margin in USD. */
  public double maintenanceMarginUsd() {
    return health.maintenanceMarginUsd();
  }
}
