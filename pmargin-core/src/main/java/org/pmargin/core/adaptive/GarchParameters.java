package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * The parameters of a GJR-GARCH(1,1) variance recursion on zero-mean daily log returns,
 * σ²_{t+1} = ω + (α + γ·1[r_t &lt; 0])·r_t² + β·σ²_t; plain GARCH(1,1) is γ = 0 (Bollerslev 1986; Glosten,
 * Jagannathan and Runkle 1993).
 *
 * <p>Why a record of its own: the constraints that make the recursion positive and covariance-stationary are checked
 * once here (ω &gt; 0; α, γ, β ≥ 0; persistence α + γ/2 + β &lt; 1, γ/2 because a symmetric return is negative
 * half the time), so every filter and forecast can rely on them.
 *
 * @param omega  ω &gt; 0, variance per day
 * @param alpha  α ≥ 0, the reaction to any squared return
 * @param gamma  γ ≥ 0, the extra reaction to a negative return (0 for plain GARCH)
 * @param beta  β ≥ 0, the memory of the previous variance
 */
public record GarchParameters(double omega, double alpha, double gamma, double beta) {

  /** Validates the constraints. */
  public GarchParameters {
    Checks.positive(omega, "omega");
    Checks.nonNegative(alpha, "alpha");
    Checks.nonNegative(gamma, "gamma");
    Checks.nonNegative(beta, "beta");
    double p = alpha + gamma / 2 + beta;
    Checks.require(p < 1, "persistence", "alpha + gamma/2 + beta must be below 1 (covariance stationarity), got "
        + p);
  }

  /** A plain GARCH(1,1). */
  public static GarchParameters garch(double omega, double alpha, double beta) {
    return new GarchParameters(omega, alpha, 0, beta);
  }

  /** The persistence α + γ/2 + β, in [0, 1): how slowly a shock to variance decays. */
  public double persistence() {
    return alpha + gamma / 2 + beta;
  }

  /** The long-run (unconditional) variance ω / (1 − persistence), per day. */
  public double longRunVariance() {
    return omega / (1 - persistence());
  }

  /** The next variance after a return r and a variance v: ω + (α + γ·1[r &lt; 0])·r² + β·v. */
  public double next(double r, double v) {
    return omega + (r < 0 ? alpha + gamma : alpha) * r * r + beta * v;
  }
}
