package org.pmargin.core.pricing;

/**
 * An option's sensitivities to its rates, in plain mathematical units: per 1.00 (100%) of rate, continuously
 * compounded, in the currency of the price. Divide by 100 for one percentage point (Hull quotes the 20-week call's
 * rho as 8.91, "a 1% increase in the rate increases the value by 0.0891").
 *
 * <ul>
 *   <li>{@code rho} = ∂V/∂r: for Black-76 with the forward held fixed (only the discounting moves), −T·V; for
 *       Black-Scholes with the spot held fixed (the forward moves with r), K·T·e^(−rT)·N(d2) for a call and
 *       −K·T·e^(−rT)·N(−d2) for a put;</li>
 *   <li>{@code dividendRho} = ∂V/∂q, the sensitivity to the carry (dividend or funding) yield q of Black-Scholes:
 *       −S·T·e^(−qT)·N(d1) for a call, S·T·e^(−qT)·N(−d1) for a put; 0 for Black-76, which has no q. Haug's "carry
 *       rho" ∂V/∂b, with b = r − q, is its opposite.</li>
 * </ul>
 * Kept apart from {@link OptionGreeks}, which portfolios aggregate per underlying, because a rate is not a risk of the
 * underlying. This class is immutable and thread-safe.
 *
 * @param rho  ∂V/∂r per 1.00 of rate
 * @param dividendRho  ∂V/∂q per 1.00 of carry yield
 */
public record RateSensitivities(double rho, double dividendRho) {

  /** Both multiplied by a factor: a quantity, or a currency conversion at a fixed rate. */
  public RateSensitivities times(double factor) {
    return new RateSensitivities(rho * factor, dividendRho * factor);
  }
}
