package org.pmargin.core.pricing;

/**
 * An option's value and its sensitivities, in plain mathematical units.
 *
 * <ul>
 *   <li>{@code delta} = ∂V/∂X and {@code gamma} = ∂²V/∂X², where X is the forward (Black-76) or the spot
 *       (Black-Scholes);</li>
 *   <li>{@code vega} = ∂V/∂σ per 1.00 of volatility (divide by 100 for one vol point);</li>
 *   <li>{@code theta} = −∂V/∂T per year, X held fixed (divide by 365 for one day);</li>
 *   <li>{@code vanna} = ∂²V/∂X∂σ and {@code volga} = ∂²V/∂σ².</li>
 * </ul>
 * All in the currency of the price. This class is immutable and thread-safe.
 *
 * @param price  the value V
 * @param delta  ∂V/∂X
 * @param gamma  ∂²V/∂X²
 * @param vega  ∂V/∂σ
 * @param theta  −∂V/∂T
 * @param vanna  ∂²V/∂X∂σ
 * @param volga  ∂²V/∂σ²
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta, double vanna,
    double volga) {

  /** All zero. */
  public static final OptionGreeks ZERO = new OptionGreeks(0, 0, 0, 0, 0, 0, 0);

  /** Every figure multiplied by a factor: a quantity, or a currency conversion at a fixed rate. */
  public OptionGreeks times(double factor) {
    return new OptionGreeks(price * factor, delta * factor, gamma * factor, vega * factor, theta * factor,
        vanna * factor, volga * factor);
  }

  /** The sum of two sets of Greeks on the same underlying and in the same currency. */
  public OptionGreeks plus(OptionGreeks other) {
    return new OptionGreeks(price + other.price, delta + other.delta, gamma + other.gamma, vega + other.vega,
        theta + other.theta, vanna + other.vanna, volga + other.volga);
  }
}
