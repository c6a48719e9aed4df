package org.pmargin.core.scenario;

import java.time.LocalDate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;

/** Seeded generators and small series shared by the scenario tests. */
final class ScenarioTestData {

  static final LocalDate START = LocalDate.of(2024, 1, 1);

  private ScenarioTestData() {
  }

  static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
  }

  /** A daily series starting at START with the given values. */
  static PriceSeries series(Asset asset, double... values) {
    LocalDate[] d = new LocalDate[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = START.plusDays(i);
    }
    return new PriceSeries(asset, d, values);
  }

  /** A price path from 100 with the given daily log returns. */
  static PriceSeries path(Asset asset, double[] logReturns) {
    double[] v = new double[logReturns.length + 1];
    v[0] = 100;
    for (int t = 0; t < logReturns.length; t++) {
      v[t + 1] = v[t] * Math.exp(logReturns[t]);
    }
    return series(asset, v);
  }

  static double std(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= x.length;
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
