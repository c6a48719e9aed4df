package org.pmargin.core.pricing;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathRuntimeException;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The Black-76 implied volatility of an option price: the σ at which Black-76 reproduces the price.
 *
 * <p>The price is first checked against the no-arbitrage bounds (above the discounted intrinsic value, below
 * the discounted forward for a call or strike for a put); a price outside them has no implied vol and gets an
 * {@link InvalidInputException} naming {@code price}. Inside them Black-76 is continuous and strictly increasing
 * in σ, so the root is bracketed between {@link #MIN_VOL} and an upper bound found by doubling (at most
 * {@link #MAX_VOL}) and found by Brent's method (Hipparchus): it cannot diverge, and stops at a relative
 * accuracy of 1e-14 in σ.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ImpliedVol {

  /** The smallest vol searched: 0.0001% a year. */
  public static final double MIN_VOL = 1e-6;
  /** The largest vol searched: 10,000% a year. */
  public static final double MAX_VOL = 100.0;

  private static final int MAX_EVALUATIONS = 1000;

  private ImpliedVol() {
  }

  /**
   * Solves Black-76 for σ.
   *
   * @param type  call or put
   * @param price  the discounted option price, in the currency of F and K
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0
   * @param rate  the discount rate r
   * @return the implied vol
   * @throws InvalidInputException when the price is outside the no-arbitrage bounds or implies a vol outside
   *     [{@link #MIN_VOL}, {@link #MAX_VOL}]
   */
  public static double black76(OptionType type, double price, double forward, double strike, double expiryYears,
      double rate) {
    Checks.notNull(type, "type");
    Checks.positive(forward, "forward");
    Checks.positive(strike, "strike");
    Checks.positive(expiryYears, "expiry_years");
    Checks.finite(rate, "rate");
    if (!(Math.abs(rate * expiryYears) <= Black76.MAX_RATE_TIMES_EXPIRY)) {
      throw new InvalidInputException("rate",
          "rate·expiry_years must be within ±" + Black76.MAX_RATE_TIMES_EXPIRY + ", got " + rate * expiryYears);
    }
    Checks.finite(price, "price");
    double df = Math.exp(-rate * expiryYears);
    boolean call = type.isCall();
    double intrinsic = df * Math.max(call ? forward - strike : strike - forward, 0.0);
    double upper = df * (call ? forward : strike);
    if (!(price > intrinsic)) {
      throw new InvalidInputException("price", "no implied vol: price " + price
          + " is not above the discounted intrinsic value " + intrinsic);
    }
    if (!(price < upper)) {
      throw new InvalidInputException("price", "no implied vol: price " + price + " is not below the upper bound "
          + upper + " (discounted " + (call ? "forward" : "strike") + ")");
    }
    double low = MIN_VOL;
    if (Black76.priceUnchecked(call, forward, strike, expiryYears, low, df) > price) {
      throw new InvalidInputException("price", "no implied vol: price " + price + " implies a vol below " + MIN_VOL);
    }
    double high = 1.0;
    while (Black76.priceUnchecked(call, forward, strike, expiryYears, high, df) < price) {
      if (high >= MAX_VOL) {
        throw new InvalidInputException("price",
            "no implied vol: price " + price + " implies a vol above " + MAX_VOL);
      }
      low = high;
      high = Math.min(2 * high, MAX_VOL);
    }
    BrentSolver solver = new BrentSolver(1e-14, 1e-16, 0.0);
    try {
      return solver.solve(MAX_EVALUATIONS,
          sigma -> Black76.priceUnchecked(call, forward, strike, expiryYears, sigma, df) - price, low, high);
    } catch (MathRuntimeException e) {
      throw new InvalidInputException("price", "no implied vol found for price " + price + ": " + e.getMessage(), e);
    }
  }
}
