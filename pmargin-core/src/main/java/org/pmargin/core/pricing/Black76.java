package org.pmargin.core.pricing;

import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Black's 1976 formula for a European option on a forward or future, with its analytic Greeks.
 *
 * <p>With d1 = (ln(F/K) + σ²T/2)/(σ√T), d2 = d1 − σ√T and discount factor D = e^(−rT):
 * call = D·(F·N(d1) − K·N(d2)), put = D·(K·N(−d2) − F·N(−d1)). Greeks are with respect to the forward F, which
 * is held fixed for theta. Units: see {@link OptionGreeks}.
 *
 * <p>Inputs must be finite with F, K, T and σ strictly positive and |r·T| ≤ {@value #MAX_RATE_TIMES_EXPIRY}. An expired
 * option or a zero vol is a case for the caller (intrinsic value), never a silent NaN here.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Black76 {

  /**
   * The largest |r·T| accepted: beyond it e^(−rT) leaves the range where a price can be finite and meaningful
   * (e^709 overflows a double), and no real rate and expiry come near it.
   */
  public static final double MAX_RATE_TIMES_EXPIRY = 100;

  private Black76() {
  }

  /**
   * The price only, without validation and without allocation: the revaluation kernel's reference.
   *
   * @param isCall  true for a call
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0
   * @param vol  σ &gt; 0
   * @param discount  the discount factor D
   * @return the price
   */
  public static double priceUnchecked(boolean isCall, double forward, double strike, double expiryYears,
      double vol, double discount) {
    double sd = vol * Math.sqrt(expiryYears);
    double d1 = Math.log(forward / strike) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    if (isCall) {
      return discount * (forward * Normal.cdf(d1) - strike * Normal.cdf(d2));
    }
    return discount * (strike * Normal.cdf(-d2) - forward * Normal.cdf(-d1));
  }

  /**
   * The price.
   *
   * @param type  call or put
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0, ACT/365
   * @param vol  σ &gt; 0, annualised
   * @param rate  continuously compounded discount rate r
   * @return the price in the currency of F and K
   */
  public static double price(OptionType type, double forward, double strike, double expiryYears, double vol,
      double rate) {
    validate(type, forward, strike, expiryYears, vol, rate);
    return priceUnchecked(type.isCall(), forward, strike, expiryYears, vol, Math.exp(-rate * expiryYears));
  }

  /**
   * The price and every Greek, in one pass.
   *
   * @param type  call or put
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0, ACT/365
   * @param vol  σ &gt; 0, annualised
   * @param rate  continuously compounded discount rate r
   * @return the price and Greeks with respect to F
   */
  public static OptionGreeks greeks(OptionType type, double forward, double strike, double expiryYears, double vol,
      double rate) {
    validate(type, forward, strike, expiryYears, vol, rate);
    double sqrtT = Math.sqrt(expiryYears);
    double sd = vol * sqrtT;
    double d1 = Math.log(forward / strike) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    double df = Math.exp(-rate * expiryYears);
    double s = type.sign();
    double nd1 = Normal.cdf(s * d1);
    double nd2 = Normal.cdf(s * d2);
    double pdf = Normal.pdf(d1);
    double price = df * s * (forward * nd1 - strike * nd2);
    double delta = df * s * nd1;
    double gamma = df * pdf / (forward * sd);
    double vega = df * forward * pdf * sqrtT;
    double theta = rate * price - df * forward * pdf * vol / (2 * sqrtT);
    double vanna = -df * pdf * d2 / vol;
    double volga = vega * d1 * d2 / vol;
    return new OptionGreeks(price, delta, gamma, vega, theta, vanna, volga);
  }

  /**
   * The rate sensitivity with the forward held fixed: rho = ∂V/∂r = −T·V (only the discount factor depends on r), per
   * 1.00 of rate; no carry yield, so {@code dividendRho} is 0. Units: see {@link RateSensitivities}.
   *
   * @param type  call or put
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param expiryYears  T &gt; 0, ACT/365
   * @param vol  σ &gt; 0, annualised
   * @param rate  continuously compounded discount rate r
   * @return rho, and a zero dividend rho
   */
  public static RateSensitivities rates(OptionType type, double forward, double strike, double expiryYears,
      double vol, double rate) {
    return new RateSensitivities(-expiryYears * price(type, forward, strike, expiryYears, vol, rate), 0.0);
  }

  static void validate(OptionType type, double forward, double strike, double expiryYears, double vol,
      double rate) {
    Checks.notNull(type, "type");
    Checks.positive(forward, "forward");
    Checks.positive(strike, "strike");
    Checks.positive(expiryYears, "expiry_years");
    Checks.positive(vol, "vol");
    Checks.finite(rate, "rate");
    // Messages are built only on failure: this runs on every price and Greeks call.
    if (!(Math.abs(rate * expiryYears) <= MAX_RATE_TIMES_EXPIRY)) {
      throw new InvalidInputException("rate", "rate·expiry_years must be within ±" + MAX_RATE_TIMES_EXPIRY
          + " (a discount factor of e^±100), got rate=" + rate + ", expiry_years=" + expiryYears);
    }
    if (!(vol * Math.sqrt(expiryYears) > 1e-12)) {
      throw new InvalidInputException("vol",
          "vol·sqrt(expiry_years) must exceed 1e-12, got vol=" + vol + ", expiry_years=" + expiryYears);
    }
  }
}
