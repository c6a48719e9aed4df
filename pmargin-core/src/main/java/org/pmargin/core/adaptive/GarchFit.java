package org.pmargin.core.adaptive;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A GARCH(1,1) or GJR-GARCH(1,1) fitted by Gaussian maximum likelihood with Hipparchus' BOBYQA (Powell's bounded
 * derivative-free optimiser), and the fit it found.
 *
 * <p>Why this parametrisation: BOBYQA takes box bounds only, and the stationarity constraint α + γ/2 + β &lt; 1 is
 * not a box. The optimiser therefore searches the persistence P = α + γ/2 + β in [0, {@value #MAX_PERSISTENCE}], the
 * share u of P that is the reaction to shocks (α + γ/2 = u·P, β = (1 − u)·P), for GJR the share v of that reaction
 * that is asymmetric (γ/2 = v·u·P), and, without variance targeting, the log ratio λ of the long-run variance to the
 * sample variance s² in [−6, 6]; ω = V_L·(1 − P) with V_L = s²·e^λ (variance targeting: λ = 0, so V_L = s², Engle
 * and Mezrich 1996). Every point of the box is a valid, stationary model. The filter is seeded with s².
 *
 * @param parameters  the maximum-likelihood parameters
 * @param logLikelihood  ℓ at them
 * @param observations  the returns fitted
 * @param evaluations  likelihood evaluations the optimiser used
 * @param sampleVariance  s², the seed of the filter (mean of squared returns: zero-mean convention)
 */
public record GarchFit(GarchParameters parameters, double logLikelihood, int observations, int evaluations,
    double sampleVariance) {

  /** The variant fitted. */
  public enum Variant {
    /** Plain GARCH(1,1): γ = 0. */
    GARCH,
    /** GJR-GARCH(1,1): an extra reaction γ to negative returns. */
    GJR
  }

  /** The least returns a fit accepts: fewer do not pin three or four parameters down. */
  public static final int MIN_OBSERVATIONS = 100;
  /** The upper bound of the persistence searched (a unit root is not a forecast). */
  public static final double MAX_PERSISTENCE = 0.9995;

  private static final double LOG_RATIO_BOUND = 6;
  private static final int MAX_EVALUATIONS = 3000;

  /** Validates the fields. */
  public GarchFit {
    Checks.notNull(parameters, "parameters");
    Checks.finite(logLikelihood, "log_likelihood");
    Checks.positive(sampleVariance, "sample_variance");
  }

  /**
   * Fits from the default start (P = 0.95, u = 0.1, v = 0.3, V_L = s²).
   *
   * @param returns  at least {@value #MIN_OBSERVATIONS} finite daily log returns, not all zero
   * @param variant  GARCH or GJR
   * @param varianceTargeting  whether the long-run variance is fixed at the sample variance
   * @return the fit
   */
  public static GarchFit fit(double[] returns, Variant variant, boolean varianceTargeting) {
    return fit(returns, variant, varianceTargeting, null);
  }

  /**
   * Fits, starting from earlier parameters when given (a refit on a longer sample starts where the last one ended).
   *
   * @param start  the start, or null for the default one
   */
  public static GarchFit fit(double[] returns, Variant variant, boolean varianceTargeting, GarchParameters start) {
    Checks.notNull(variant, "variant");
    Garch.checkReturns(returns, MIN_OBSERVATIONS);
    double s2 = 0;
    for (double r : returns) {
      s2 += r * r;
    }
    s2 /= returns.length;
    Checks.require(s2 > 0, "returns", "are all zero: no variance to fit");
    boolean gjr = variant == Variant.GJR;
    int dim = 2 + (gjr ? 1 : 0) + (varianceTargeting ? 0 : 1);
    double[] lo = new double[dim];
    double[] hi = new double[dim];
    double[] x0 = new double[dim];
    hi[0] = MAX_PERSISTENCE;
    hi[1] = 1;
    double[] guess = startPoint(start, s2, gjr, varianceTargeting);
    System.arraycopy(guess, 0, x0, 0, dim);
    int i = 2;
    if (gjr) {
      hi[i++] = 1;
    }
    if (!varianceTargeting) {
      lo[i] = -LOG_RATIO_BOUND;
      hi[i] = LOG_RATIO_BOUND;
    }
    for (int k = 0; k < dim; k++) {
      x0[k] = Math.min(hi[k] - 1e-3, Math.max(lo[k] + 1e-3, x0[k]));
    }
    final double seed = s2;
    double[] bestX = x0.clone();
    double[] bestL = {Double.NEGATIVE_INFINITY};
    int[] evaluations = {0};
    ObjectiveFunction f = new ObjectiveFunction(x -> {
      double[] p = raw(x, seed, gjr, varianceTargeting);
      double l = Garch.logLikelihoodUnchecked(p[0], p[1], p[2], p[3], returns, seed);
      evaluations[0]++;
      if (l > bestL[0]) {
        bestL[0] = l;
        System.arraycopy(x, 0, bestX, 0, x.length);
      }
      return l;
    });
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * dim + 1, start == null ? 0.05 : 0.01, 1e-7);
    try {
      optimizer.optimize(new MaxEval(MAX_EVALUATIONS), f, GoalType.MAXIMIZE, new InitialGuess(x0),
          new SimpleBounds(lo, hi));
    } catch (MathIllegalStateException e) {
      // the evaluation budget ran out near a flat optimum: the best point seen is kept
      if (!(bestL[0] > Double.NEGATIVE_INFINITY)) {
        throw new InvalidInputException("returns", "the GARCH likelihood could not be evaluated: " + e.getMessage(),
            e);
      }
    }
    PointValuePair best = new PointValuePair(bestX, bestL[0]);
    double[] p = raw(best.getPoint(), s2, gjr, varianceTargeting);
    GarchParameters params = new GarchParameters(p[0], p[1], p[2], p[3]);
    return new GarchFit(params, best.getValue(), returns.length, evaluations[0], s2);
  }

  /** The one-step variance forecast after the fitted returns, the filter seeded with the sample variance. */
  public double nextVariance(double[] returns) {
    double[] v = Garch.variances(parameters, returns, sampleVariance);
    return v[v.length - 1];
  }

  /** (ω, α, γ, β) of a point of the search box. */
  private static double[] raw(double[] x, double s2, boolean gjr, boolean targeting) {
    double pers = x[0];
    double u = x[1];
    int i = 2;
    double v = gjr ? x[i++] : 0;
    double vl = targeting ? s2 : s2 * Math.exp(x[i]);
    double shock = u * pers;
    double halfGamma = v * shock;
    return new double[] {vl * (1 - pers), shock - halfGamma, 2 * halfGamma, pers - shock};
  }

  /** The search point of given parameters (or the default start). */
  private static double[] startPoint(GarchParameters start, double s2, boolean gjr, boolean targeting) {
    double pers = 0.95;
    double u = 0.1;
    double v = 0.3;
    double lambda = 0;
    if (start != null) {
      pers = Math.min(MAX_PERSISTENCE, start.persistence());
      double shock = start.alpha() + start.gamma() / 2;
      u = pers > 0 ? shock / pers : 0.1;
      v = shock > 0 ? start.gamma() / 2 / shock : 0.3;
      lambda = Math.max(-LOG_RATIO_BOUND, Math.min(LOG_RATIO_BOUND, Math.log(start.longRunVariance() / s2)));
    }
    double[] out = new double[4];
    out[0] = pers;
    out[1] = u;
    int i = 2;
    if (gjr) {
      out[i++] = v;
    }
    if (!targeting) {
      out[i] = lambda;
    }
    return out;
  }
}
