package org.pmargin.core.pricing;

import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The Black-Scholes-Merton formula for a European option on a spot price with a continuous carry (dividend or
 * funding) yield q, with its analytic Greeks.
 *
 * <p>The price equals Black-76 on the forward F = S·e^((r−q)T) discounted at r. Greeks are with respect to the
 * spot S; theta is −∂V/∂T with S held fixed (so the forward drifts), as in Hull and Haug. Units: see
 * {@link OptionGreeks}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class BlackScholes {

  private BlackScholes() {
  }

  /**
   * The price and every Greek.
   *
   * @param type  call or put
   * @param spot  S &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0
   * @param vol  σ &gt; 0
   * @param rate  continuously compounded rate r
   * @param dividendYield  continuous carry yield q (dividend, or funding for a crypto underlying)
   * @return the price and Greeks with respect to S
   */
  public static OptionGreeks greeks(OptionType type, double spot, double strike, double expiryYears, double vol,
      double rate, double dividendYield) {
    validate(type, spot, strike, expiryYears, vol, rate, dividendYield);
    double sqrtT = Math.sqrt(expiryYears);
    double sd = vol * sqrtT;
    double d1 = (Math.log(spot / strike) + (rate - dividendYield) * expiryYears) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    double dq = Math.exp(-dividendYield * expiryYears);
    double dr = Math.exp(-rate * expiryYears);
    double s = type.sign();
    double nd1 = Normal.cdf(s * d1);
    double nd2 = Normal.cdf(s * d2);
    double pdf = Normal.pdf(d1);
    double price = s * (spot * dq * nd1 - strike * dr * nd2);
    double delta = s * dq * nd1;
    double gamma = dq * pdf / (spot * sd);
    double vega = spot * dq * pdf * sqrtT;
    double theta = -spot * dq * pdf * vol / (2 * sqrtT) - s * rate * strike * dr * nd2
        + s * dividendYield * spot * dq * nd1;
    double vanna = -dq * pdf * d2 / vol;
    double volga = vega * d1 * d2 / vol;
    return new OptionGreeks(price, delta, gamma, vega, theta, vanna, volga);
  }

  /**
   * The rate sensitivities with the spot held fixed, per 1.00 of rate: rho = ∂V/∂r = ±K·T·e^(−rT)·N(±d2) and
   * dividend rho = ∂V/∂q = ∓S·T·e^(−qT)·N(±d1) (upper signs for a call). Units: see {@link RateSensitivities}.
   *
   * @param type  call or put
   * @param spot  S &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0
   * @param vol  σ &gt; 0
   * @param rate  continuously compounded rate r
   * @param dividendYield  continuous carry yield q
   * @return rho and dividend rho
   */
  public static RateSensitivities rates(OptionType type, double spot, double strike, double expiryYears, double vol,
      double rate, double dividendYield) {
    validate(type, spot, strike, expiryYears, vol, rate, dividendYield);
    double sd = vol * Math.sqrt(expiryYears);
    double d1 = (Math.log(spot / strike) + (rate - dividendYield) * expiryYears) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    double s = type.sign();
    double rho = s * strike * expiryYears * Math.exp(-rate * expiryYears) * Normal.cdf(s * d2);
    double dividendRho = -s * spot * expiryYears * Math.exp(-dividendYield * expiryYears) * Normal.cdf(s * d1);
    return new RateSensitivities(rho, dividendRho);
  }

  private static void validate(OptionType type, double spot, double strike, double expiryYears, double vol,
      double rate, double dividendYield) {
    Checks.positive(spot, "spot");
    Checks.finite(dividendYield, "dividend_yield");
    Black76.validate(type, spot, strike, expiryYears, vol, rate);
    if (!(Math.abs(dividendYield * expiryYears) <= Black76.MAX_RATE_TIMES_EXPIRY)) {
      throw new InvalidInputException("dividend_yield", "dividend_yield·expiry_years must be within ±"
          + Black76.MAX_RATE_TIMES_EXPIRY + ", got dividend_yield=" + dividendYield + ", expiry_years=" + expiryYears);
    }
  }

  /** The forward F = S·e^((r−q)T) that Black-76 would price the same option on. */
  public static double forward(double spot, double expiryYears, double rate, double dividendYield) {
    return spot * Math.exp((rate - dividendYield) * expiryYears);
  }
}
