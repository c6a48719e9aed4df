package org.pmargin.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.sensitivity.RiskBucket;
import org.pmargin.core.margin.sensitivity.SensitivityParameters;
import org.pmargin.core.margin.sensitivity.VegaParameters;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code sensitivity} section of a risk-parameter file (the SIMM-style model): the standard parameters
 * with any of {@code buckets}, {@code residual}, {@code inter_bucket_correlations}, {@code vega},
 * {@code curvature_confidence} and {@code maintenance_factor} replaced.
 */
public final class SensitivityParametersJson {

  private static final Set<String> FIELDS = Set.of("buckets", "residual", "inter_bucket_correlations", "vega",
      "curvature_confidence", "maintenance_factor");
  private static final Set<String> BUCKET = Set.of("name", "members", "delta_risk_weight", "intra_correlation",
      "delta_threshold_usd", "vega_threshold_usd", "curvature_shock");

  private SensitivityParametersJson() {
  }

  /** Reads the section. */
  public static SensitivityParameters read(Fields f) {
    f.onlyKnown(FIELDS);
    SensitivityParameters d = SensitivityParameters.standard();
    List<RiskBucket> buckets = d.buckets();
    if (f.has("buckets")) {
      buckets = new ArrayList<>();
      for (Fields b : f.objects("buckets")) {
        buckets.add(bucket(b, true));
      }
    }
    RiskBucket residual = f.has("residual") ? bucket(f.object("residual"), false) : d.residual();
    List<List<Double>> gamma = f.has("inter_bucket_correlations")
        ? matrix(f, "inter_bucket_correlations") : d.interBucketCorrelations();
    VegaParameters vega = d.vega();
    if (f.has("vega")) {
      Fields v = f.object("vega").onlyKnown(Set.of("tenor_days", "risk_weights", "tenor_correlations"));
      try {
        vega = new VegaParameters(list(v.numbers("tenor_days")), list(v.numbers("risk_weights")),
            matrix(v, "tenor_correlations"));
      } catch (InvalidInputException e) {
        throw v.locate(e);
      }
    }
    try {
      return new SensitivityParameters(buckets, residual, gamma, vega,
          f.number("curvature_confidence", d.curvatureConfidence()),
          f.number("maintenance_factor", d.maintenanceFactor()));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static RiskBucket bucket(Fields b, boolean withMembers) {
    b.onlyKnown(BUCKET);
    Set<Asset> members = new LinkedHashSet<>();
    if (withMembers) {
      JsonNode list = b.node().get("members");
      if (list == null || !list.isArray()) {
        throw new InvalidInputException(b.pathOf("members"), "must be an array of asset tickers");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isString()) {
          throw new InvalidInputException(b.pathOf("members") + "[" + i + "]", "must be a ticker string");
        }
        members.add(Asset.of(list.get(i).stringValue()));
      }
    }
    try {
      return new RiskBucket(b.text("name"), members, b.number("delta_risk_weight"), b.number("intra_correlation"),
          b.number("delta_threshold_usd"), b.number("vega_threshold_usd"), b.number("curvature_shock"));
    } catch (InvalidInputException e) {
      throw b.locate(e);
    }
  }

  private static List<List<Double>> matrix(Fields f, String name) {
    JsonNode rows = f.node().get(name);
    if (rows == null || !rows.isArray()) {
      throw new InvalidInputException(f.pathOf(name), "must be an array of rows");
    }
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (!row.isArray()) {
        throw new InvalidInputException(f.pathOf(name) + "[" + i + "]", "must be an array of numbers");
      }
      List<Double> r = new ArrayList<>();
      for (int j = 0; j < row.size(); j++) {
        if (!row.get(j).isNumber() || !Double.isFinite(row.get(j).asDouble())) {
          throw new InvalidInputException(f.pathOf(name) + "[" + i + "][" + j + "]", "must be a finite number");
        }
        r.add(row.get(j).asDouble());
      }
      out.add(r);
    }
    return out;
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
