package org.pmargin.core.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Risk-factor shocks per scenario, over one margin period of risk: for every factor (an underlying or collateral
 * asset) a log return of its USD price and a log change of its implied vol level.
 *
 * <p>A scenario moves every factor at once; a position depends on its own underlying's factor only, so its P&L in a
 * scenario is its revaluation with that factor's shock. Stored as structure of arrays, scenario-major
 * ({@code [scenario × factors + factor]}), so one scenario's shocks are contiguous. Scenario sets are built once per
 * snapshot and model and shared by every account.
 *
 * <p>Conventions: price shock factor = exp(log return); vol shock factor = exp(log vol change), applied to every
 * option of the underlying (a parallel move in log vol). This class is immutable and thread-safe (arrays are copied
 * in and never exposed).
 */
public final class ScenarioSet {

  private final String name;
  private final List<Asset> factors;
  private final int size;
  private final double[] logReturns;
  private final double[] volLogChanges;
  private final List<String> labels;

  /**
   * Creates a scenario set.
   *
   * @param name  what generated it, e.g. {@code historical 1d 2017-2025}
   * @param factors  the risk factors, distinct
   * @param logReturns  price log returns, [scenario][factor]
   * @param volLogChanges  implied-vol log changes, [scenario][factor]; null for none (vols unchanged)
   * @param labels  a label per scenario (e.g. the window's end date), or null for numbers
   */
  public ScenarioSet(String name, List<Asset> factors, double[][] logReturns, double[][] volLogChanges,
      List<String> labels) {
    this.name = Checks.notBlank(name, "name");
    Checks.notNull(factors, "factors");
    Checks.require(!factors.isEmpty(), "factors", "a scenario set needs at least one risk factor");
    Checks.require(factors.stream().distinct().count() == factors.size(), "factors", "must be distinct: " + factors);
    this.factors = List.copyOf(factors);
    Checks.notNull(logReturns, "log_returns");
    Checks.require(logReturns.length > 0, "log_returns", "a scenario set needs at least one scenario");
    this.size = logReturns.length;
    int k = factors.size();
    this.logReturns = flatten(logReturns, k, "log_returns");
    this.volLogChanges = volLogChanges == null ? new double[size * k] : flatten(volLogChanges, k, "vol_log_changes");
    if (volLogChanges != null) {
      Checks.require(volLogChanges.length == size, "vol_log_changes",
          "must have one row per scenario: " + volLogChanges.length + " rows for " + size + " scenarios");
    }
    if (labels == null) {
      List<String> numbers = new ArrayList<>(size);
      for (int s = 0; s < size; s++) {
        numbers.add("#" + (s + 1));
      }
      this.labels = List.copyOf(numbers);
    } else {
      Checks.require(labels.size() == size, "labels", "must have one label per scenario");
      this.labels = List.copyOf(labels);
    }
  }

  private double[] flatten(double[][] rows, int k, String field) {
    double[] out = new double[rows.length * k];
    for (int s = 0; s < rows.length; s++) {
      double[] row = rows[s];
      if (row == null || row.length != k) {
        throw new InvalidInputException(field + "[" + s + "]", "must have one value per factor (" + k + ")");
      }
      for (int f = 0; f < k; f++) {
        if (!Double.isFinite(row[f])) {
          throw new InvalidInputException(field + "[" + s + "][" + f + "]", "must be finite, got " + row[f]);
        }
        out[s * k + f] = row[f];
      }
    }
    return out;
  }

  /**
   * The same scenarios with each factor's shocks (price and vol) multiplied by a factor-specific scale: the
   * square-root-of-time stretch of a longer margin period of risk for less liquid assets, √(MPOR_asset / MPOR_set).
   *
   * @param scales  scale per factor; factors not listed keep scale 1
   * @param newName  the name of the scaled set
   * @return the scaled set
   */
  public ScenarioSet scaled(java.util.Map<Asset, Double> scales, String newName) {
    int k = factors.size();
    double[][] r = new double[size][k];
    double[][] v = new double[size][k];
    for (int f = 0; f < k; f++) {
      double scale = Checks.positive(scales.getOrDefault(factors.get(f), 1.0), "scales." + factors.get(f));
      for (int s = 0; s < size; s++) {
        r[s][f] = logReturns[s * k + f] * scale;
        v[s][f] = volLogChanges[s * k + f] * scale;
      }
    }
    return new ScenarioSet(newName, factors, r, v, labels);
  }

  /** What generated the set. */
  public String name() {
    return name;
  }

  /** The risk factors. */
  public List<Asset> factors() {
    return factors;
  }

  /** The number of scenarios. */
  public int size() {
    return size;
  }

  /** The index of a factor, or −1 when the set does not move it. */
  public int factorIndex(Asset asset) {
    return factors.indexOf(asset);
  }

  /** The price log return of a factor in a scenario. */
  public double logReturn(int scenario, int factor) {
    return logReturns[scenario * factors.size() + factor];
  }

  /** The implied-vol log change of a factor in a scenario. */
  public double volLogChange(int scenario, int factor) {
    return volLogChanges[scenario * factors.size() + factor];
  }

  /** A scenario's label. */
  public String label(int scenario) {
    return labels.get(scenario);
  }

  @Override
  public String toString() {
    return "ScenarioSet[" + name + ", " + size + " scenarios over " + factors + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioSet s && name.equals(s.name) && factors.equals(s.factors)
        && Arrays.equals(logReturns, s.logReturns) && Arrays.equals(volLogChanges, s.volLogChanges)
        && labels.equals(s.labels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(logReturns) + factors.hashCode();
  }
}
