package org.pmargin.core.margin.derive;

/**
 * The vol move of a Derive PM2 scenario (PMRMLib_2's {@code VolShockDirection}).
 *
 * <p>{@link #UP}, {@link #NONE} and {@link #DOWN} reprice each expiry at the shocked forward with every vol multiplied
 * by the expiry's up multiplier (floored at the minimum up vol), left alone, or multiplied by the down multiplier.
 * {@link #LINEAR} and {@link #ABS} are the skew scenarios: they keep the unshocked forward and tilt each option's vol
 * by its log-moneyness (signed for linear, absolute for abs), and each expiry counts with its worst sign.
 */
public enum DeriveVolShock {
  /** Vols multiplied by the up multiplier, floored at the minimum up vol. */
  UP,
  /** Vols unchanged. */
  NONE,
  /** Vols multiplied by the down multiplier. */
  DOWN,
  /** Skew tilt by ln(K/F): wings on one side up, the other down. */
  LINEAR,
  /** Skew tilt by |ln(K/F)|: both wings up (a smile steepening). */
  ABS;

  /** True for the two skew scenarios. */
  public boolean isSkew() {
    return this == LINEAR || this == ABS;
  }
}
