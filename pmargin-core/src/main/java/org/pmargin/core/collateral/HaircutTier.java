package org.pmargin.core.collateral;

import org.pmargin.core.validation.Checks;

/**
 * One value tier of a collateral haircut: the slice of a holding's USD value up to {@code upToUsd} (from the previous
 * tier's bound) is counted at (1 − haircut).
 *
 * @param upToUsd  the upper bound of the slice in USD, or {@link Double#POSITIVE_INFINITY} for the last tier
 * @param haircut  the fraction not counted, in [0, 1]
 */
public record HaircutTier(double upToUsd, double haircut) {

  /** Validates the fields. */
  public HaircutTier {
    Checks.require(upToUsd > 0, "up_to_usd", "must be > 0, got " + upToUsd);
    Checks.inRange(haircut, 0, 1, "haircut");
  }
}
