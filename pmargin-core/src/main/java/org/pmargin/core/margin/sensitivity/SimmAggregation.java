package org.pmargin.core.margin.sensitivity;

/**
 * ISDA SIMM's aggregation of weighted sensitivities within and across buckets, with the gradient used for the Euler
 * allocation.
 *
 * <p>Factors are numbered 0..n−1, each in a bucket 0..B−1 (named) or B (residual). Within a bucket
 * K_b = sqrt(Σ_k Σ_l c_kl·WS_k·WS_l) with c_kk = 1; across named buckets
 * M = sqrt(Σ_b K_b² + Σ_{b≠c} γ_bc·S_b·S_c) with S_b = clamp(Σ_{k∈b} WS_k, −K_b, K_b); the residual bucket's
 * K is added: M + K_residual. Curvature uses ρ², γ² and SIMM's λ: M = max(Σ CVR + λ·sqrt(...), 0) with
 * θ = min(Σ CVR / Σ |CVR|, 0) and λ = (z² − 1)(1 + θ) − θ, the residual bucket on its own the same way.
 *
 * <p>Both are positively homogeneous of degree 1 in the weighted sensitivities (λ depends only on their ratios), so
 * Σ_k WS_k·∂M/∂WS_k = M (Euler). The gradient holds λ and the concentration factors fixed; where the margin is not
 * differentiable (a clamp exactly binding, a bucket with K_b = 0) it takes one side's derivative, which keeps the
 * Euler sum exact. Inputs are scaled by their largest magnitude before squaring, so no finite input overflows.
 */
final class SimmAggregation {

  private SimmAggregation() {
  }

  /** The correlation c_kl of two distinct factors k, l of the same bucket (already squared for curvature). */
  @FunctionalInterface
  interface IntraCorrelation {
    double between(int k, int l);
  }

  /**
   * The aggregated margin of one risk class.
   *
   * @param bucketK  K_b per bucket (the residual last)
   * @param bucketSum  Σ WS_k per bucket
   * @param bucketS  S_b, the sum clamped to ±K_b (the residual's unclamped sum)
   * @param margin  the margin
   * @param gradient  ∂margin/∂WS_k per factor
   * @param theta  curvature's θ over the named buckets (0 for delta and vega)
   * @param lambda  curvature's λ over the named buckets (0 for delta and vega)
   * @param residualTheta  θ of the residual bucket alone (0 for delta and vega)
   * @param residualLambda  λ of the residual bucket alone (0 for delta and vega)
   */
  record Result(double[] bucketK, double[] bucketSum, double[] bucketS, double margin, double[] gradient,
      double theta, double lambda, double residualTheta, double residualLambda) {
  }

  /**
   * SIMM's delta and vega aggregation.
   *
   * @param bucketOf  the bucket of each factor, in [0, namedBuckets]
   * @param ws  the weighted sensitivities
   * @param namedBuckets  B; bucket B is the residual bucket
   * @param rho  correlation within a bucket
   * @param gamma  B×B inter-bucket correlations
   * @return the margin and its gradient
   */
  static Result linear(int[] bucketOf, double[] ws, int namedBuckets, IntraCorrelation rho, double[][] gamma) {
    return aggregate(bucketOf, ws, namedBuckets, rho, gamma, false, 0);
  }

  /**
   * SIMM's curvature aggregation: ρ and γ enter squared (pass ρ² as {@code rhoSquared}; γ is squared here).
   *
   * @param bucketOf  the bucket of each factor
   * @param cvr  the curvature risks, positive for a loss, already scaled to SIMM's mean-loss units
   * @param namedBuckets  B
   * @param rhoSquared  the squared correlation within a bucket
   * @param gamma  B×B inter-bucket correlations (not squared)
   * @param zSquared  Φ⁻¹(q)², so λ = (z² − 1)(1 + θ) − θ
   * @return the margin and its gradient
   */
  static Result curvature(int[] bucketOf, double[] cvr, int namedBuckets, IntraCorrelation rhoSquared,
      double[][] gamma, double zSquared) {
    return aggregate(bucketOf, cvr, namedBuckets, rhoSquared, gamma, true, zSquared);
  }

  private static Result aggregate(int[] bucketOf, double[] ws, int namedBuckets, IntraCorrelation rho,
      double[][] gamma, boolean curvature, double zSquared) {
    int n = ws.length;
    int nb = namedBuckets + 1;
    double scale = 0;
    for (double w : ws) {
      scale = Math.max(scale, Math.abs(w));
    }
    double[] k = new double[nb];
    double[] sum = new double[nb];
    double[] s = new double[nb];
    double[] gradient = new double[n];
    if (scale == 0) {
      return new Result(k, sum, s, 0, gradient, 0, curvature ? zSquared - 1 : 0, 0, curvature ? zSquared - 1 : 0);
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = ws[i] / scale;
    }
    // r_k = Σ_l c_kl x_l over the factor's bucket; K_b² = Σ_k x_k r_k
    double[] r = new double[n];
    double[] k2 = new double[nb];
    double[] abs = new double[nb];
    for (int i = 0; i < n; i++) {
      double ri = x[i];
      for (int j = 0; j < n; j++) {
        if (j != i && bucketOf[j] == bucketOf[i]) {
          ri += rho.between(i, j) * x[j];
        }
      }
      r[i] = ri;
      k2[bucketOf[i]] += x[i] * ri;
      sum[bucketOf[i]] += x[i];
      abs[bucketOf[i]] += Math.abs(x[i]);
    }
    for (int b = 0; b < nb; b++) {
      k[b] = Math.sqrt(Math.max(k2[b], 0));
      s[b] = b == namedBuckets ? sum[b] : Math.max(-k[b], Math.min(sum[b], k[b]));
    }
    double q = 0;
    double[] cross = new double[namedBuckets]; // Σ_{c≠b} γ'_bc S_c
    for (int b = 0; b < namedBuckets; b++) {
      q += k[b] * k[b];
      for (int c = 0; c < namedBuckets; c++) {
        if (c != b) {
          double g = gamma[b][c];
          double gg = curvature ? g * g : g;
          cross[b] += gg * s[c];
          q += gg * s[b] * s[c];
        }
      }
    }
    double root = Math.sqrt(Math.max(q, 0));
    double rootRes = k[namedBuckets];
    // ∂root/∂x_i and ∂K_res/∂x_i
    double[] dRoot = new double[n];
    for (int i = 0; i < n; i++) {
      int b = bucketOf[i];
      double dk = k[b] > 0 ? r[i] / k[b] : 0;
      if (b == namedBuckets) {
        dRoot[i] = dk;
        continue;
      }
      if (root > 0) {
        // a bucket with K_b = 0 has S_b = Σ WS to first order (any one factor moved by h gives K = |h|, S = h)
        double ds = k[b] == 0 ? 1 : sum[b] >= k[b] ? dk : sum[b] <= -k[b] ? -dk : 1;
        dRoot[i] = (k[b] * dk + ds * cross[b]) / root;
      }
    }
    double margin;
    double theta = 0;
    double lambda = 0;
    double thetaRes = 0;
    double lambdaRes = 0;
    if (!curvature) {
      margin = root + rootRes;
      System.arraycopy(dRoot, 0, gradient, 0, n);
    } else {
      double sumNamed = 0;
      double absNamed = 0;
      for (int b = 0; b < namedBuckets; b++) {
        sumNamed += sum[b];
        absNamed += abs[b];
      }
      theta = absNamed > 0 ? Math.min(sumNamed / absNamed, 0) : 0;
      lambda = (zSquared - 1) * (1 + theta) - theta;
      double named = Math.max(sumNamed + lambda * root, 0);
      double absRes = abs[namedBuckets];
      thetaRes = absRes > 0 ? Math.min(sum[namedBuckets] / absRes, 0) : 0;
      lambdaRes = (zSquared - 1) * (1 + thetaRes) - thetaRes;
      double res = Math.max(sum[namedBuckets] + lambdaRes * rootRes, 0);
      margin = named + res;
      for (int i = 0; i < n; i++) {
        boolean inResidual = bucketOf[i] == namedBuckets;
        double part = inResidual ? res : named;
        gradient[i] = part > 0 ? 1 + (inResidual ? lambdaRes : lambda) * dRoot[i] : 0;
      }
    }
    for (int b = 0; b < nb; b++) {
      k[b] *= scale;
      sum[b] *= scale;
      s[b] *= scale;
    }
    return new Result(k, sum, s, margin * scale, gradient, theta, lambda, thetaRes, lambdaRes);
  }
}
