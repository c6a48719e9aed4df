package org.pmargin.core.market;

import java.util.Arrays;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A smile given as implied vols at quoted strikes, interpolated linearly in total variance against
 * log-moneyness, with the wing vols held flat beyond the first and last strikes.
 *
 * <p>Arbitrage-checked on construction: with the undiscounted Black-76 call prices C_i at the quoted strikes
 * (computed in units of the forward, which leaves the check unchanged), the prices must decrease with the strike
 * with slopes in [−1, 0] (no call spread worth more than its width) and the slopes must not decrease (no butterfly
 * with a negative price). A smile that fails names the strike.
 * Violations worth less than {@link #ARBITRAGE_TOLERANCE} of the forward are accepted: quoted vols are rounded
 * (Deribit's to 0.01 vol point), and half a rounding step times the vega of an at-the-money option (about
 * 0.4·F·√T per 1.00 of vol) moves its price by up to 2e-5·F·√T; real Deribit smiles break convexity by that much.
 *
 * @param expiryYears  the time to expiry of the slice the vols are quoted for, &gt; 0
 * @param logMoneyness  k_i = ln(K_i/F), strictly increasing
 * @param vols  the implied vols at those points, &gt; 0
 */
public record StrikeSmile(double expiryYears, double[] logMoneyness, double[] vols) implements Smile {

  /** The largest arbitrage accepted as rounding noise, as a fraction of the forward (2e-5: 1.40 USD on 70,000). */
  public static final double ARBITRAGE_TOLERANCE = 2e-5;

  /** Validates the arrays (copied) and checks the smile for static arbitrage. */
  public StrikeSmile {
    Checks.positive(expiryYears, "expiry_years");
    Checks.notNull(logMoneyness, "strikes");
    Checks.notNull(vols, "vols");
    Checks.require(logMoneyness.length == vols.length, "vols",
        "must have one vol per strike: " + vols.length + " vols for " + logMoneyness.length + " strikes");
    Checks.require(vols.length >= 1, "vols", "must not be empty");
    logMoneyness = logMoneyness.clone();
    vols = vols.clone();
    for (int i = 0; i < vols.length; i++) {
      Checks.finite(logMoneyness[i], "strikes[" + i + "]");
      Checks.positive(vols[i], "vols[" + i + "]");
      if (i > 0 && !(logMoneyness[i] > logMoneyness[i - 1])) {
        throw new InvalidInputException("strikes[" + i + "]", "strikes must be strictly increasing");
      }
    }
    checkArbitrage(expiryYears, logMoneyness, vols);
  }

  /**
   * Builds a smile from strikes and vols.
   *
   * @param forward  the forward of the expiry
   * @param expiryYears  the time to expiry
   * @param strikes  strictly increasing strikes
   * @param vols  the implied vol at each strike
   * @return the smile, checked for static arbitrage
   */
  public static StrikeSmile of(double forward, double expiryYears, double[] strikes, double[] vols) {
    Checks.positive(forward, "forward");
    Checks.notNull(strikes, "strikes");
    double[] k = new double[strikes.length];
    for (int i = 0; i < strikes.length; i++) {
      k[i] = Math.log(Checks.positive(strikes[i], "strikes[" + i + "]") / forward);
    }
    return new StrikeSmile(expiryYears, k, vols);
  }

  @Override
  public double totalVariance(double k, double expiryYears) {
    int n = logMoneyness.length;
    if (k <= logMoneyness[0]) {
      return vols[0] * vols[0] * expiryYears;
    }
    if (k >= logMoneyness[n - 1]) {
      return vols[n - 1] * vols[n - 1] * expiryYears;
    }
    int i = Arrays.binarySearch(logMoneyness, k);
    if (i >= 0) {
      return vols[i] * vols[i] * expiryYears;
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w0 = vols[lo] * vols[lo];
    double w1 = vols[hi] * vols[hi];
    double x = (k - logMoneyness[lo]) / (logMoneyness[hi] - logMoneyness[lo]);
    return (w0 + (w1 - w0) * x) * expiryYears;
  }

  /** The check in units of the forward (F = 1, strikes e^k); messages show the strike as a multiple of F. */
  private static void checkArbitrage(double t, double[] k, double[] vols) {
    int n = k.length;
    double[] call = new double[n];
    double[] strike = new double[n];
    for (int i = 0; i < n; i++) {
      strike[i] = Math.exp(k[i]);
      call[i] = Black76.priceUnchecked(true, 1.0, strike[i], t, vols[i], 1.0);
    }
    double prevSlope = -1;
    for (int i = 1; i < n; i++) {
      double width = strike[i] - strike[i - 1];
      double slope = (call[i] - call[i - 1]) / width;
      double tolerance = ARBITRAGE_TOLERANCE / width;
      if (slope > tolerance || slope < -1 - tolerance) {
        throw new InvalidInputException("vols[" + i + "]", "call-spread arbitrage between strikes "
            + strike[i - 1] + "·F and " + strike[i] + "·F: call price slope " + slope + " is outside [-1, 0]");
      }
      if (slope < prevSlope - tolerance) {
        throw new InvalidInputException("vols[" + (i - 1) + "]", "butterfly arbitrage at strike " + strike[i - 1]
            + "·F: call prices are not convex in the strike");
      }
      prevSlope = slope;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrikeSmile s && expiryYears == s.expiryYears && Arrays.equals(logMoneyness, s.logMoneyness)
        && Arrays.equals(vols, s.vols);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(expiryYears) + Arrays.hashCode(logMoneyness)) + Arrays.hashCode(vols);
  }

  @Override
  public String toString() {
    return "StrikeSmile[T=" + expiryYears + ", k=" + Arrays.toString(logMoneyness) + ", vols=" + Arrays.toString(vols) + "]";
  }

  /** The log-moneyness points (a copy). */
  @Override
  public double[] logMoneyness() {
    return logMoneyness.clone();
  }

  /** The vols (a copy). */
  @Override
  public double[] vols() {
    return vols.clone();
  }

  @Override
  public Smile scaled(double volFactor) {
    double[] out = vols.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= volFactor;
    }
    return new StrikeSmile(expiryYears, logMoneyness, out);
  }
}
