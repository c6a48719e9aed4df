package org.pmargin.core.market;

import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Gatheral's raw SVI smile: w(k) = a + b·(ρ·(k − m) + sqrt((k − m)² + σ²)).
 *
 * <p>Validated on construction: b ≥ 0, |ρ| &lt; 1, σ &gt; 0, a minimum total variance a + b·σ·sqrt(1 − ρ²) ≥ 0,
 * Roger Lee's moment bound on the wings b·(1 + |ρ|) ≤ 2, and no butterfly arbitrage: Gatheral's density
 * function g(k) = (1 − k·w'/(2w))² − (w'²/4)·(1/w + 1/4) + w''/2 must be non-negative on k ∈ [−3, 3].
 *
 * @param a  the level
 * @param b  the angle between the wings
 * @param rho  the rotation, in (−1, 1)
 * @param m  the horizontal shift
 * @param sigma  the smoothness of the vertex, &gt; 0
 */
public record SviSmile(double a, double b, double rho, double m, double sigma) implements Smile {

  /** Validates the parameters and checks the smile for butterfly arbitrage. */
  public SviSmile {
    Checks.finite(a, "a");
    Checks.nonNegative(b, "b");
    Checks.require(rho > -1 && rho < 1, "rho", "must be in (-1, 1), got " + rho);
    Checks.finite(m, "m");
    Checks.positive(sigma, "sigma");
    double minimum = a + b * sigma * Math.sqrt(1 - rho * rho);
    Checks.require(minimum >= 0, "a",
        "gives a negative total variance: a + b·sigma·sqrt(1-rho²) = " + minimum + " < 0");
    Checks.require(b * (1 + Math.abs(rho)) <= 2, "b",
        "breaks Lee's moment bound: b·(1+|rho|) = " + b * (1 + Math.abs(rho)) + " > 2");
    for (int i = -300; i <= 300; i++) {
      double k = i / 100.0;
      double g = density(a, b, rho, m, sigma, k);
      if (g < -1e-10) {
        throw new InvalidInputException("svi", "butterfly arbitrage: density g(k) = " + g + " < 0 at k = " + k);
      }
    }
  }

  @Override
  public double totalVariance(double logMoneyness, double expiryYears) {
    double x = logMoneyness - m;
    return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
  }

  private static double density(double a, double b, double rho, double m, double sigma, double k) {
    double x = k - m;
    double root = Math.sqrt(x * x + sigma * sigma);
    double w = a + b * (rho * x + root);
    double w1 = b * (rho + x / root);
    double w2 = b * sigma * sigma / (root * root * root);
    if (!(w > 0)) {
      return w == 0 && w1 == 0 ? 0 : -1;
    }
    double t = 1 - k * w1 / (2 * w);
    return t * t - w1 * w1 / 4 * (1 / w + 0.25) + w2 / 2;
  }

  @Override
  public Smile scaled(double volFactor) {
    double v2 = volFactor * volFactor;
    return new SviSmile(a * v2, b * v2, rho, m, sigma);
  }
}
