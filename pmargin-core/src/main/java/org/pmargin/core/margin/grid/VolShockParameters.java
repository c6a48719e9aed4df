package org.pmargin.core.margin.grid;

import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.valuation.MarketShock;

/**
 * The vol legs of a risk grid, larger for short expiries (Deribit/Paradex/Derive form):
 * multiplier m(T) = (cutoff/max(DTE, minDays))^p with p = {@code shortPower} when DTE &lt; cutoff, else
 * {@code longPower}; vol up σ' = max(σ·(1 + up·m), minVolUp); vol down σ' = max(σ·(1 − down·m), 0.01·σ).
 *
 * @param up  the relative up shock at the cutoff (Deribit 0.50)
 * @param down  the relative down shock at the cutoff (Deribit 0.25)
 * @param shortPower  the exponent for expiries shorter than the cutoff (Deribit 0.30)
 * @param longPower  the exponent for longer expiries (Deribit 0.13)
 * @param cutoffDays  the reference tenor in days (30)
 * @param minDays  the floor on days to expiry (1)
 * @param minVolUp  the floor of a shocked-up vol (Deribit 0.50): max(σ·(1 + up·m), floor), as Derive applies it
 */
public record VolShockParameters(double up, double down, double shortPower, double longPower, double cutoffDays,
    double minDays, double minVolUp) {

  /** Validates the fields. */
  public VolShockParameters {
    Checks.nonNegative(up, "vol.up");
    Checks.inRange(down, 0, 1, "vol.down");
    Checks.nonNegative(shortPower, "vol.short_power");
    Checks.nonNegative(longPower, "vol.long_power");
    Checks.positive(cutoffDays, "vol.cutoff_days");
    Checks.positive(minDays, "vol.min_days");
    Checks.nonNegative(minVolUp, "vol.min_vol_up");
  }

  /** The multiplier m(T) of an expiry. */
  public double multiplier(double expiryYears) {
    double days = Math.max(expiryYears * YearFraction.DAYS_PER_YEAR, minDays);
    double p = days < cutoffDays ? shortPower : longPower;
    return Math.pow(cutoffDays / days, p);
  }

  /** The vol shock of a direction. */
  public MarketShock.VolShock shock(VolDirection direction) {
    return switch (direction) {
      case UNCHANGED -> MarketShock.VolShock.NONE;
      case UP -> (vol, t) -> Math.max(vol * (1 + up * multiplier(t)), minVolUp);
      case DOWN -> (vol, t) -> Math.max(vol * (1 - down * multiplier(t)), 0.01 * vol);
    };
  }
}
