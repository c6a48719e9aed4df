package org.pmargin.bench;

/**
 * Black-76 with the textbook Abramowitz–Stegun 26.2.17 (Zelen &amp; Severo) normal CDF: the cheap-to-write baseline
 * of {@link Black76Benchmark#priceTextbookCdf}.
 *
 * <p>The approximation N(x) = 1 − φ(x)·(b1·t + … + b5·t⁵), t = 1/(1 + p·|x|), has an absolute error below 7.5e-8
 * and no relative accuracy in the lower tail, where it returns the difference of two nearly equal numbers. It is
 * not fit for pricing deep out-of-the-money options; it is here only to show what the double-precision CDF of
 * {@link org.pmargin.core.pricing.Normal} costs compared with the cheapest common formula (one {@code exp}, one
 * division, no branches but the sign).
 */
final class TextbookBlack76 {

  private static final double INV_SQRT_2PI = 0.398942280401432677939946059934;
  private static final double P = 0.2316419;
  private static final double B1 = 0.319381530;
  private static final double B2 = -0.356563782;
  private static final double B3 = 1.781477937;
  private static final double B4 = -1.821255978;
  private static final double B5 = 1.330274429;

  private TextbookBlack76() {
  }

  /** The price, with the same arguments as {@code Black76.priceUnchecked}. */
  static double price(boolean isCall, double forward, double strike, double expiryYears, double vol,
      double discount) {
    double sd = vol * Math.sqrt(expiryYears);
    double d1 = Math.log(forward / strike) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    if (isCall) {
      return discount * (forward * cdf(d1) - strike * cdf(d2));
    }
    return discount * (strike * cdf(-d2) - forward * cdf(-d1));
  }

  /** Abramowitz–Stegun 26.2.17: absolute error below 7.5e-8. */
  static double cdf(double x) {
    double y = Math.abs(x);
    double t = 1.0 / (1.0 + P * y);
    double poly = t * (B1 + t * (B2 + t * (B3 + t * (B4 + t * B5))));
    double upper = INV_SQRT_2PI * Math.exp(-0.5 * y * y) * poly; // P(Z > |x|)
    return x >= 0 ? 1.0 - upper : upper;
  }
}
