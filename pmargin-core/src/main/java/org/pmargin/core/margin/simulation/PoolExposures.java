package org.pmargin.core.margin.simulation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A pool's exposures for simulation margin: a weight and a shared per-unit P&L vector each, positions then the
 * balances that move, and the accumulation of their weighted sum over a block of scenarios.
 *
 * @param weights  each exposure's weight (contracts in the pool's terms, or coins held)
 * @param units  each exposure's per-unit P&L vector (shared, never written)
 * @param count  how many of the arrays' entries are used
 */
record PoolExposures(double[] weights, double[][] units, int count) {

  /** Scenarios per block of the batched accumulation: 2 KB of each vector, so a batch's blocks stay in cache. */
  static final int BLOCK = 256;

  /**
   * The exposures of a pool (positions, then balances that move in a unified pool).
   *
   * @param names  receives the exposures' names, or null
   */
  static PoolExposures of(PoolBook book, MarketSnapshot market, VectorCache cache, List<String> names,
      ScenarioSet scenarios, MarginView view, ScenarioUnitVectors vectors) {
    Asset pool = book.currency();
    Function<ExposureKey, double[]> compute = k -> vectors.unitVector(k, market);
    int max = book.positions().size() + book.balances().size();
    double[] weights = new double[max];
    double[][] units = new double[max][];
    int k = 0;
    for (Position p : book.positions()) {
      Asset u = p.instrument().underlying();
      if (scenarios.factorIndex(u) < 0) {
        throw new InvalidInputException("scenario_set.factors", "the scenario set (" + scenarios.name()
            + ") does not move " + u + ", the underlying of " + p.instrument().symbol());
      }
      units[k] = cache.get(scenarios, ExposureKey.of(p, pool), compute);
      weights[k++] = ExposureKey.weightOf(p, pool);
      if (names != null) {
        names.add(p.instrument().symbol());
      }
    }
    if (view == MarginView.UNIFIED_USD) {
      for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
        if (scenarios.factorIndex(b.getKey()) < 0 || b.getValue() == 0) {
          continue;
        }
        units[k] = cache.get(scenarios, ExposureKey.holding(b.getKey(), pool), compute);
        weights[k++] = b.getValue();
        if (names != null) {
          names.add("balance:" + b.getKey());
        }
      }
    }
    return new PoolExposures(weights, units, k);
  }

  /** Exposure k's P&L vector: weight × its unit vector (a new array). */
  double[] scaled(int k) {
    double[] unit = units[k];
    double weight = weights[k];
    double[] v = new double[unit.length];
    for (int s = 0; s < unit.length; s++) {
      v[s] = weight * unit[s];
    }
    return v;
  }

  /**
   * Adds the exposures into the pool's total over scenarios [from, to), four exposures per pass
   * (total += w0·u0 + w1·u1 + w2·u2 + w3·u3): a quarter of the loads and stores of the total, and a loop the JIT
   * vectorises. Every caller (one account, a batch, any block boundaries) adds the same terms in the same order for
   * a given scenario, so totals are equal bit for bit.
   */
  void accumulate(double[] total, int from, int to) {
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      add4(weights[k], units[k], weights[k + 1], units[k + 1], weights[k + 2], units[k + 2],
          weights[k + 3], units[k + 3], total, from, to);
    }
    for (; k < count; k++) {
      add1(weights[k], units[k], total, from, to);
    }
  }

  private static void add4(double w0, double[] u0, double w1, double[] u1, double w2, double[] u2, double w3,
      double[] u3, double[] total, int from, int to) {
    for (int s = from; s < to; s++) {
      total[s] += w0 * u0[s] + w1 * u1[s] + w2 * u2[s] + w3 * u3[s];
    }
  }

  private static void add1(double w, double[] u, double[] total, int from, int to) {
    for (int s = from; s < to; s++) {
      total[s] += w * u[s];
    }
  }
}
