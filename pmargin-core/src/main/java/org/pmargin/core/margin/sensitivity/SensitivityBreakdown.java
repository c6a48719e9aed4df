package org.pmargin.core.margin.sensitivity;

import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.validation.Checks;

/**
 * Everything the {@link SensitivityModel} computed for one account, for reports and what-if tools: the
 * sensitivities per risk factor, their weights and concentration factors, the per-bucket aggregates, the three
 * margins and each position's Euler share. All amounts in USD.
 *
 * @param delta  the delta margin
 * @param vega  the vega margin
 * @param curvature  the curvature margin
 * @param contributions  each position's (and each risky balance's) share of the initial margin; they sum to it
 * @param maintenanceFactor  maintenance margin = factor × initial margin
 */
public record SensitivityBreakdown(Charge delta, Charge vega, CurvatureCharge curvature,
    List<PositionContribution> contributions, double maintenanceFactor) {

  /** Validates and copies. */
  public SensitivityBreakdown {
    Checks.notNull(delta, "delta");
    Checks.notNull(vega, "vega");
    Checks.notNull(curvature, "curvature");
    contributions = List.copyOf(contributions);
    Checks.positive(maintenanceFactor, "maintenance_factor");
  }

  /** The initial margin: delta + vega + curvature, USD. */
  public double initialMargin() {
    return delta.margin() + vega.margin() + curvature.charge().margin();
  }

  /** The maintenance margin, USD. */
  public double maintenanceMargin() {
    return maintenanceFactor * initialMargin();
  }

  /**
   * One risk factor's sensitivity and weighted sensitivity.
   *
   * @param bucket  the bucket's name
   * @param underlying  the coin
   * @param tenor  the vega vertex, e.g. {@code 30d}; empty for delta and curvature
   * @param sensitivityUsd  s: cash delta S·∂V/∂S (delta), vol-weighted vega σ·∂V/∂σ allocated to the vertex (vega),
   *     or the curvature risk CVR, positive for a loss (curvature)
   * @param weight  RW (delta, vega), or 1/Φ⁻¹(q)² (curvature: converts a tail loss to SIMM's mean-loss units)
   * @param concentration  CR ≥ 1 (1 for curvature)
   * @param weightedUsd  WS = weight·s·CR
   */
  public record Factor(String bucket, Asset underlying, String tenor, double sensitivityUsd, double weight,
      double concentration, double weightedUsd) {

    /** Validates the fields. */
    public Factor {
      Checks.notBlank(bucket, "bucket");
      Checks.notNull(underlying, "underlying");
      Checks.notNull(tenor, "tenor");
      Checks.finite(sensitivityUsd, "sensitivity");
      Checks.finite(weight, "weight");
      Checks.finite(concentration, "concentration");
      Checks.finite(weightedUsd, "weighted_sensitivity");
    }
  }

  /**
   * One bucket's aggregate.
   *
   * @param bucket  the bucket's name
   * @param residual  whether it is the residual bucket (added in full, not correlated with the others)
   * @param k  K_b = sqrt(Σ_k Σ_l ρ_kl·WS_k·WS_l)
   * @param sumWeighted  Σ_k WS_k
   * @param clamped  S_b = Σ_k WS_k clamped to [−K_b, K_b] (the plain sum for the residual bucket)
   */
  public record Bucket(String bucket, boolean residual, double k, double sumWeighted, double clamped) {

    /** Validates the fields. */
    public Bucket {
      Checks.notBlank(bucket, "bucket");
      Checks.nonNegative(k, "k");
      Checks.finite(sumWeighted, "sum_weighted");
      Checks.finite(clamped, "clamped");
    }
  }

  /**
   * The margin of one risk class (delta, vega or curvature).
   *
   * @param name  {@code delta}, {@code vega} or {@code curvature}
   * @param factors  the risk factors with a non-zero sensitivity
   * @param buckets  the buckets with at least one such factor, named ones in parameter order, the residual last
   * @param margin  the margin, ≥ 0
   */
  public record Charge(String name, List<Factor> factors, List<Bucket> buckets, double margin) {

    /** Validates and copies. */
    public Charge {
      Checks.notBlank(name, "name");
      factors = List.copyOf(factors);
      buckets = List.copyOf(buckets);
      Checks.nonNegative(margin, name + ".margin");
    }
  }

  /**
   * One underlying's curvature risk from revaluation at ±shock, each leg net of the delta's linear part.
   *
   * @param underlying  the coin
   * @param bucket  its bucket's name
   * @param shock  the relative price move h
   * @param upUsd  Σ over its options of V(S(1+h)) − V − h·S·Δ
   * @param downUsd  Σ over its options of V(S(1−h)) − V + h·S·Δ
   * @param cvrUsd  CVR = −min(up, down): positive when the options lose beyond delta (short gamma)
   */
  public record CurvatureRisk(Asset underlying, String bucket, double shock, double upUsd, double downUsd,
      double cvrUsd) {

    /** Validates the fields. */
    public CurvatureRisk {
      Checks.notNull(underlying, "underlying");
      Checks.notBlank(bucket, "bucket");
      Checks.finite(shock, "shock");
      Checks.finite(upUsd, "up");
      Checks.finite(downUsd, "down");
      Checks.finite(cvrUsd, "cvr");
    }
  }

  /**
   * The curvature margin with SIMM's λ and θ.
   *
   * @param charge  the factors (CVR in SIMM's units), buckets and margin
   * @param risks  the revaluation behind each factor
   * @param theta  θ = min(Σ CVR / Σ |CVR|, 0) over the named buckets
   * @param lambda  λ = (Φ⁻¹(q)² − 1)(1 + θ) − θ over the named buckets
   * @param residualTheta  θ of the residual bucket
   * @param residualLambda  λ of the residual bucket
   */
  public record CurvatureCharge(Charge charge, List<CurvatureRisk> risks, double theta, double lambda,
      double residualTheta, double residualLambda) {

    /** Validates and copies. */
    public CurvatureCharge {
      Checks.notNull(charge, "charge");
      risks = List.copyOf(risks);
      Checks.finite(theta, "theta");
      Checks.finite(lambda, "lambda");
      Checks.finite(residualTheta, "residual_theta");
      Checks.finite(residualLambda, "residual_lambda");
    }
  }
}
