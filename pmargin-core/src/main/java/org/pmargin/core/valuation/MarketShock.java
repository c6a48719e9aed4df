package org.pmargin.core.valuation;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * A move of one underlying applied on top of a market snapshot, for scenario revaluation: its index, perpetual mark
 * and every forward are multiplied by {@code priceFactor} (the basis ratio is kept), and every option's implied vol
 * (read at its strike on the unshocked surface: sticky strike) is multiplied by a factor that may depend on the
 * option's time to expiry, then floored.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param underlying  the coin that moves; other underlyings are left alone
 * @param priceFactor  1 + the relative move (0.84 for −16%), &gt; 0
 * @param vol  the vol shock
 */
public record MarketShock(Asset underlying, double priceFactor, VolShock vol) {

  /** Validates the fields. */
  public MarketShock {
    Checks.notNull(underlying, "underlying");
    Checks.positive(priceFactor, "price_factor");
    Checks.notNull(vol, "vol");
  }

  /** A price move with vols unchanged. */
  public static MarketShock price(Asset underlying, double priceFactor) {
    return new MarketShock(underlying, priceFactor, VolShock.NONE);
  }

  /** The factor this shock applies to an asset's prices: {@code priceFactor} for its underlying, else 1. */
  public double factorFor(Asset asset) {
    return asset.equals(underlying) ? priceFactor : 1.0;
  }

  /**
   * How an implied vol changes in a scenario: σ' = max(σ·multiplier(T), floor), where the multiplier may depend on
   * the time to expiry (short expiries move more).
   */
  @FunctionalInterface
  public interface VolShock {

    /** Leaves vols alone. */
    VolShock NONE = (vol, expiryYears) -> vol;

    /**
     * The shocked vol.
     *
     * @param vol  the unshocked implied vol at the option's strike
     * @param expiryYears  the option's time to expiry
     * @return the shocked vol, &gt; 0
     */
    double apply(double vol, double expiryYears);
  }
}
