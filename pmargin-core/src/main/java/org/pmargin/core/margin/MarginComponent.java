package org.pmargin.core.margin;

import org.pmargin.core.validation.Checks;

/**
 * One line of a margin breakdown: a charge (positive) or a credit (negative), in the pool's currency. A pool's
 * initial (maintenance) margin is the sum of its components' initial (maintenance) amounts.
 *
 * @param name  a stable key, e.g. {@code worst_scenario}, {@code roll_shock}, {@code extended_table}
 * @param initial  the amount in the initial margin
 * @param maintenance  the amount in the maintenance margin
 * @param explanation  one sentence for people: what drove it (which scenario, which positions)
 */
public record MarginComponent(String name, double initial, double maintenance, String explanation) {

  /** Validates the fields: amounts must be finite. */
  public MarginComponent {
    Checks.notBlank(name, "name");
    Checks.finite(initial, name + ".initial");
    Checks.finite(maintenance, name + ".maintenance");
    Checks.notNull(explanation, "explanation");
  }
}
