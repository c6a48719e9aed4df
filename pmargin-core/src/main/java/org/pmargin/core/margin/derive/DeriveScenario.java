package org.pmargin.core.margin.derive;

import java.util.Locale;
import org.pmargin.core.validation.Checks;

/**
 * One Derive PM2 scenario: a spot multiplier, a vol move and a dampening weight (PMRMLib_2's {@code Scenario}).
 *
 * <p>The scenario's P&amp;L is w·(shocked value − current value) for the perp, each expiry and each risk-cancelling
 * collateral, so a weight below 1 dampens a tail move: the deploy config's tails all have w·|s − 1| = 0.1386 and
 * the repository's test set's 0.036, so a linear position loses no more in a tail than in the ±13.86% (±3.6%) move and
 * only convex books feel the tail (METHODOLOGY §1f, §11). A weight above 1 amplifies.
 *
 * @param spotShock  the multiplier s of the forwards' variable parts, the perp mark and risk-cancelling collateral;
 *     exactly 1 for the skew scenarios (Derive's setter requires it)
 * @param vol  the vol move
 * @param dampening  the weight w ≥ 0
 */
public record DeriveScenario(double spotShock, DeriveVolShock vol, double dampening) {

  /** Validates the fields. */
  public DeriveScenario {
    Checks.positive(spotShock, "spot_shock");
    Checks.notNull(vol, "vol_shock");
    Checks.nonNegative(dampening, "dampening");
    if (vol.isSkew()) {
      Checks.require(spotShock == 1.0, "spot_shock", "a " + vol + " skew scenario must have spot shock 1 (it uses the"
          + " unshocked forward), got " + spotShock);
    }
  }

  /** A short description for reports, e.g. {@code spot ×0.82, vol up, w=1}. */
  public String describe() {
    String v = vol.isSkew() ? vol.name().toLowerCase(Locale.ROOT) + " skew" : "vol " + vol.name().toLowerCase(Locale.ROOT);
    return "spot ×" + fmt(spotShock) + ", " + v + ", w=" + fmt(dampening);
  }

  static String fmt(double x) {
    String s = String.format(Locale.ROOT, "%.6f", x);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
