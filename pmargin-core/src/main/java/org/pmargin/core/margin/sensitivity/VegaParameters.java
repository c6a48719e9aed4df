package org.pmargin.core.margin.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The vega risk factors of the sensitivity model: expiry vertices (days to expiry), a relative vol shock per vertex
 * and the correlation of vol moves between vertices.
 *
 * <p>An option's vol-weighted vega σ·∂V/∂σ (USD for a 100% relative rise of its implied vol, SIMM's vega risk) is
 * split between the two vertices around its time to expiry by linear interpolation in days (all of it to the first
 * or last vertex outside the range), as SIMM allocates sensitivities to tenors; so an option's margin moves smoothly
 * as it ages instead of jumping at bucket edges.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param tenorDays  the vertices in days, strictly increasing and &gt; 0
 * @param riskWeights  the relative vol move covered at each vertex, ≥ 0 (0.5 = vols 50% higher)
 * @param tenorCorrelations  the correlation of vol moves between vertices: a symmetric, positive semi-definite
 *     matrix with unit diagonal
 */
public record VegaParameters(List<Double> tenorDays, List<Double> riskWeights, List<List<Double>> tenorCorrelations) {

  /** Validates the fields. */
  public VegaParameters {
    Checks.notNull(tenorDays, "tenor_days");
    Checks.require(!tenorDays.isEmpty(), "tenor_days", "needs at least one vertex");
    for (int i = 0; i < tenorDays.size(); i++) {
      String f = "tenor_days[" + i + "]";
      Checks.positive(Checks.notNull(tenorDays.get(i), f), f);
      if (i > 0 && !(tenorDays.get(i) > tenorDays.get(i - 1))) {
        throw new InvalidInputException(f, "vertices must increase strictly, got " + tenorDays.get(i) + " after "
            + tenorDays.get(i - 1));
      }
    }
    tenorDays = List.copyOf(tenorDays);
    Checks.notNull(riskWeights, "risk_weights");
    if (riskWeights.size() != tenorDays.size()) {
      throw new InvalidInputException("risk_weights", "needs one weight per vertex (" + tenorDays.size() + "), got "
          + riskWeights.size());
    }
    for (int i = 0; i < riskWeights.size(); i++) {
      String f = "risk_weights[" + i + "]";
      Checks.nonNegative(Checks.notNull(riskWeights.get(i), f), f);
    }
    riskWeights = List.copyOf(riskWeights);
    tenorCorrelations = Correlations.requireCorrelationMatrix(tenorCorrelations, tenorDays.size(),
        "tenor_correlations");
  }

  /**
   * Vertices whose vol moves correlate as exp(−α·|ln(t_i/t_j)|): the correlation falls with the ratio of the expiries
   * (7 d against 30 d as much as 30 d against 128 d). It is the exponential (Laplace) kernel in log-expiry, positive
   * definite for every α &gt; 0, so any set of vertices gives a valid matrix.
   *
   * @param tenorDays  the vertices in days
   * @param riskWeights  the relative vol move per vertex
   * @param decay  α ≥ 0; 0 makes all expiries move together
   * @return the parameters
   */
  public static VegaParameters withDecay(List<Double> tenorDays, List<Double> riskWeights, double decay) {
    Checks.nonNegative(decay, "tenor_correlation_decay");
    Checks.notNull(tenorDays, "tenor_days");
    List<List<Double>> rows = new ArrayList<>();
    for (int i = 0; i < tenorDays.size(); i++) {
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < tenorDays.size(); j++) {
        double ti = Checks.positive(Checks.notNull(tenorDays.get(i), "tenor_days[" + i + "]"),
            "tenor_days[" + i + "]");
        double tj = Checks.positive(Checks.notNull(tenorDays.get(j), "tenor_days[" + j + "]"),
            "tenor_days[" + j + "]");
        // |ln t_i − ln t_j| is exactly symmetric in i and j, so the matrix is too
        row.add(i == j ? 1.0 : Math.exp(-decay * Math.abs(Math.log(ti) - Math.log(tj))));
      }
      rows.add(row);
    }
    return new VegaParameters(tenorDays, riskWeights, rows);
  }

  /**
   * The default vega parameters.
   *
   * <ul>
   *   <li>Vertices 7, 30, 90, 180 and 365 days: the weekly, monthly, quarterly and half-yearly expiries that crypto
   *       option venues list, and a year for the long end.</li>
   *   <li>Risk weights 0.77, 0.50, 0.43, 0.40, 0.36: Deribit's portfolio-margin vol-up shock
   *       0.50·(30/DTE)^p with p = 0.30 below 30 days and 0.13 above (API {@code volatility_range_up 0.5},
   *       {@code short_term_vega_power 0.3}, {@code long_term_vega_power 0.13}; shared methodology §1c) evaluated at
   *       each vertex. SIMM charges a vol move symmetrically; we take the vol-up leg because short vega is the
   *       usual risk of an options book, and note that it charges a long-vega book about twice Deribit's
   *       vol-down shock (0.25·(30/DTE)^p).</li>
   *   <li>Tenor correlation exp(−0.2·|ln(t_i/t_j)|): 0.75 between 7 d and 30 d, 0.80 between 30 d and 90 d, 0.45
   *       between 7 d and a year. Our interpretation, close to Deribit's legacy 25% charge on vega offset across
   *       expiries (about 75% credit between neighbouring expiries; shared methodology §1b).</li>
   * </ul>
   *
   * @return the parameters
   */
  public static VegaParameters standard() {
    return withDecay(List.of(7.0, 30.0, 90.0, 180.0, 365.0), List.of(0.77, 0.50, 0.43, 0.40, 0.36), 0.2);
  }

  /** The number of vertices. */
  public int size() {
    return tenorDays.size();
  }

  /** A vertex's label, e.g. {@code 30d}. */
  public String label(int vertex) {
    double d = tenorDays.get(vertex);
    return (d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d)) + "d";
  }

  /**
   * How an option expiring in {@code expiryDays} splits its vega between the vertices: linear in days between the
   * two vertices around it, all to the nearest end vertex outside their range.
   *
   * @param expiryDays  the time to expiry in days, ≥ 0
   * @return a weight per vertex, summing to 1
   */
  public double[] allocation(double expiryDays) {
    Checks.nonNegative(expiryDays, "expiry_days");
    int n = tenorDays.size();
    double[] w = new double[n];
    if (expiryDays <= tenorDays.get(0)) {
      w[0] = 1;
      return w;
    }
    if (expiryDays >= tenorDays.get(n - 1)) {
      w[n - 1] = 1;
      return w;
    }
    int j = 0;
    while (tenorDays.get(j + 1) < expiryDays) {
      j++;
    }
    double lo = tenorDays.get(j);
    double hi = tenorDays.get(j + 1);
    w[j + 1] = (expiryDays - lo) / (hi - lo);
    w[j] = 1 - w[j + 1];
    return w;
  }
}
