package org.pmargin.core.collateral;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A volatility/liquidity class of collateral assets (stablecoins, majors, alts, illiquid) and its value tiers: the
 * larger the holding, the larger the haircut on the extra value, as the large exchanges' unified accounts do.
 *
 * @param name  the class name
 * @param assets  the assets in the class (empty for the default class that takes every other asset)
 * @param tiers  value tiers with strictly increasing bounds and non-decreasing haircuts, the last one unbounded
 */
public record CollateralClass(String name, Set<Asset> assets, List<HaircutTier> tiers) {

  /** Validates the tiers: increasing bounds, haircuts that never fall with size, an unbounded last tier. */
  public CollateralClass {
    Checks.notBlank(name, "name");
    assets = Set.copyOf(new TreeSet<>(Checks.notNull(assets, "assets")));
    Checks.notNull(tiers, "tiers");
    Checks.require(!tiers.isEmpty(), "tiers", "a collateral class needs at least one tier");
    for (int i = 1; i < tiers.size(); i++) {
      if (!(tiers.get(i).upToUsd() > tiers.get(i - 1).upToUsd())) {
        throw new InvalidInputException("tiers[" + i + "].up_to_usd", "tier bounds must increase");
      }
      if (tiers.get(i).haircut() < tiers.get(i - 1).haircut()) {
        throw new InvalidInputException("tiers[" + i + "].haircut",
            "must not be below the previous tier's (a larger holding must never count for more per dollar)");
      }
    }
    Checks.require(tiers.get(tiers.size() - 1).upToUsd() == Double.POSITIVE_INFINITY, "tiers",
        "the last tier must be unbounded");
    tiers = List.copyOf(tiers);
  }

  /**
   * The haircut value of a holding.
   *
   * @param valueUsd  the holding's USD value at mark, ≥ 0
   * @return the value counted as collateral, ≤ valueUsd
   */
  public double haircutValue(double valueUsd) {
    double counted = 0;
    double lower = 0;
    for (HaircutTier t : tiers) {
      if (valueUsd <= lower) {
        break;
      }
      double slice = Math.min(valueUsd, t.upToUsd()) - lower;
      counted += slice * (1 - t.haircut());
      lower = t.upToUsd();
    }
    return counted;
  }
}
