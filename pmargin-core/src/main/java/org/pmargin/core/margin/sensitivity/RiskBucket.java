package org.pmargin.core.margin.sensitivity;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A group of underlyings that share a delta risk weight, one correlation between any two members, concentration
 * thresholds and a curvature shock: ISDA SIMM's bucket, grouping coins (large caps, alts, stablecoins) where SIMM
 * groups issuers or commodities. The residual bucket has no members and takes every asset no other bucket names.
 *
 * <p>Units: a coin's delta sensitivity is its <b>cash delta</b> s = S·∂V/∂S in USD (the USD gain for a 100% rise, to
 * first order), so {@code deltaRiskWeight} is the relative price move the margin covers: WS = RW·s·CR is the USD loss
 * of a RW move. SIMM quotes the same weights per 1% move (RW_SIMM = 100·RW).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name  a stable key, e.g. {@code crypto-large}
 * @param members  the underlyings in the bucket, never USD (the unit of account carries no risk); empty for the
 *     residual bucket
 * @param deltaRiskWeight  RW_b, the relative price move of each member the delta margin covers, ≥ 0
 * @param intraCorrelation  ρ_b, the correlation of the price moves of two different members, in [−1, 1]; with n
 *     members it must be ≥ −1/(n−1) (else the bucket's n×n correlation matrix is not positive semi-definite), and
 *     the residual bucket, whose membership is open, needs ρ_b ≥ 0
 * @param deltaThresholdUsd  T_b, the net cash delta of one member (USD) beyond which its risk weight is scaled by
 *     CR = sqrt(|s|/T_b), &gt; 0
 * @param vegaThresholdUsd  VT_b, the same for the vol-weighted vega σ·∂V/∂σ of one member summed over its expiries
 *     (USD for a 100% relative rise of its vols), &gt; 0
 * @param curvatureShock  the relative price move of the curvature revaluation (±), in [0, 1); 0 switches curvature
 *     off for the bucket
 */
public record RiskBucket(String name, Set<Asset> members, double deltaRiskWeight, double intraCorrelation,
    double deltaThresholdUsd, double vegaThresholdUsd, double curvatureShock) {

  /** Validates the fields and copies the members into ticker order. */
  public RiskBucket {
    Checks.notBlank(name, "name");
    Checks.notNull(members, "members");
    TreeSet<Asset> sorted = new TreeSet<>();
    for (Asset a : members) {
      Checks.notNull(a, "members");
      if (a.equals(Asset.USD)) {
        throw new InvalidInputException("members",
            "USD is the unit of account and carries no risk; it is in no bucket");
      }
      sorted.add(a);
    }
    members = Collections.unmodifiableSet(sorted);
    Checks.nonNegative(deltaRiskWeight, "delta_risk_weight");
    Checks.inRange(intraCorrelation, -1, 1, "intra_correlation");
    if (sorted.size() > 1 && intraCorrelation < -1.0 / (sorted.size() - 1)) {
      throw new InvalidInputException("intra_correlation", "with " + sorted.size() + " members a common correlation "
          + "below -1/" + (sorted.size() - 1) + " is not positive semi-definite, got " + intraCorrelation);
    }
    Checks.positive(deltaThresholdUsd, "delta_threshold");
    Checks.positive(vegaThresholdUsd, "vega_threshold");
    if (!(curvatureShock >= 0 && curvatureShock < 1)) {
      throw new InvalidInputException("curvature_shock", "must be in [0, 1), got " + curvatureShock);
    }
  }
}
