package org.pmargin.core.scenario;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stats.NearestCorrelation;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Monte Carlo scenarios: correlated price log returns from a daily vol vector and a correlation matrix, Gaussian
 * or Student-t, with optional implied-vol shocks correlated with the price shock.
 *
 * <p>Why: history has few extreme joint moves; a parametric model fills the tail and can be stressed (fatter tails,
 * higher correlation, higher vol) reproducibly from a seed.
 *
 * <p>Model, per scenario: ε ~ N(0, I), z = L·ε with L the (semidefinite) Cholesky factor of the correlation
 * matrix, repaired with {@link NearestCorrelation} when it is not positive semidefinite. For Student-t with ν &gt; 2
 * degrees of freedom, one mixing variable W ~ χ²_ν common to all factors (a multivariate t, so the t copula's tail
 * dependence) scales the shock to unit variance: z ← z·√((ν − 2)/W). The price shock is r_i = σ_i·√h·z_i, zero
 * mean (no drift or convexity term: over a margin period of risk it is negligible against σ√h). The vol shock, when
 * enabled, is Δ ln σ_i = σ_v·√h·(ρ·z_i + √(1 − ρ²)·η_i), η ~ N(0, I) independent, so corr(r_i, Δ ln σ_i) = ρ (spot-vol
 * correlation, negative for crypto) and its standard deviation is σ_v√h. The h-day shock is the daily one scaled by
 * √h (i.i.d. square-root-of-time). W is drawn by Marsaglia and Tsang's (2000) gamma method, W = 2·Gamma(ν/2).
 *
 * <p>Randomness comes only from {@code L64X128MixRandom} seeded with {@link #seed()}, drawing in a fixed order, so
 * the same specification gives a bit-identical {@link ScenarioSet} on a given JDK. This class is immutable and
 * thread-safe (arrays are copied in and out).
 */
public final class MonteCarloScenarios {

  /** The default number of scenarios. */
  public static final int DEFAULT_SCENARIOS = 10_000;

  private static final String ALGORITHM = "L64X128MixRandom";

  private final List<Asset> factors;
  private final double[] dailyVols;
  private final double[][] correlation;
  private final double[][] cholesky;
  private final boolean repaired;
  private final int horizonDays;
  private final int scenarios;
  private final long seed;
  private final double degreesOfFreedom;
  private final double volOfVol;
  private final double spotVolCorrelation;

  private MonteCarloScenarios(List<Asset> factors, double[] dailyVols, double[][] correlation, double[][] cholesky,
      boolean repaired, int horizonDays, int scenarios, long seed, double degreesOfFreedom, double volOfVol,
      double spotVolCorrelation) {
    Checks.require(horizonDays >= 1, "horizon_days", "must be at least 1, got " + horizonDays);
    Checks.require(scenarios >= 1, "scenarios", "must be at least 1, got " + scenarios);
    Checks.require(degreesOfFreedom == 0 || degreesOfFreedom > 2 && degreesOfFreedom <= 1e6, "degrees_of_freedom",
        "must be in (2, 1e6] for a unit-variance Student-t (0 for Gaussian), got " + degreesOfFreedom);
    Checks.nonNegative(volOfVol, "vol_of_vol");
    Checks.inRange(spotVolCorrelation, -1, 1, "spot_vol_correlation");
    this.factors = factors;
    this.dailyVols = dailyVols;
    this.correlation = correlation;
    this.cholesky = cholesky;
    this.repaired = repaired;
    this.horizonDays = horizonDays;
    this.scenarios = scenarios;
    this.seed = seed;
    this.degreesOfFreedom = degreesOfFreedom;
    this.volOfVol = volOfVol;
    this.spotVolCorrelation = spotVolCorrelation;
  }

  /**
   * A Gaussian specification with {@value #DEFAULT_SCENARIOS} scenarios and no vol shocks.
   *
   * @param factors  the risk factors, distinct
   * @param dailyVols  daily log-return vol per factor, finite and ≥ 0
   * @param correlation  a symmetric matrix with one row per factor; repaired when not positive semidefinite
   * @param horizonDays  h ≥ 1, the margin period of risk in days
   * @param seed  the random seed
   * @return the specification
   */
  public static MonteCarloScenarios gaussian(List<Asset> factors, double[] dailyVols, double[][] correlation,
      int horizonDays, long seed) {
    Checks.notNull(factors, "factors");
    Checks.require(!factors.isEmpty(), "factors", "needs at least one risk factor");
    Checks.require(factors.stream().distinct().count() == factors.size(), "factors", "must be distinct: " + factors);
    int k = factors.size();
    Checks.notNull(dailyVols, "daily_vols");
    Checks.require(dailyVols.length == k, "daily_vols", "must have one vol per factor (" + k + ")");
    for (int i = 0; i < k; i++) {
      Checks.nonNegative(dailyVols[i], "daily_vols[" + i + "]");
    }
    Checks.notNull(correlation, "correlation");
    Checks.require(correlation.length == k, "correlation", "must have one row per factor (" + k + ")");
    NearestCorrelation.Result c = NearestCorrelation.repair(correlation);
    return new MonteCarloScenarios(List.copyOf(factors), dailyVols.clone(), c.matrix(), c.cholesky(), c.repaired(),
        horizonDays, DEFAULT_SCENARIOS, seed, 0, 0, 0);
  }

  /** The same specification with Student-t shocks of ν &gt; 2 degrees of freedom, scaled to unit variance. */
  public MonteCarloScenarios withStudentT(double degreesOfFreedom) {
    Checks.require(degreesOfFreedom > 2, "degrees_of_freedom", "must be > 2, got " + degreesOfFreedom);
    return new MonteCarloScenarios(factors, dailyVols, correlation, cholesky, repaired, horizonDays, scenarios, seed,
        degreesOfFreedom, volOfVol, spotVolCorrelation);
  }

  /**
   * The same specification with implied-vol shocks.
   *
   * @param volOfVol  σ_v, the daily standard deviation of the vol log change, ≥ 0
   * @param spotVolCorrelation  ρ in [−1, 1] between a factor's price shock and its vol shock
   * @return the specification
   */
  public MonteCarloScenarios withVolShocks(double volOfVol, double spotVolCorrelation) {
    return new MonteCarloScenarios(factors, dailyVols, correlation, cholesky, repaired, horizonDays, scenarios, seed,
        degreesOfFreedom, volOfVol, spotVolCorrelation);
  }

  /** The same specification with another number of scenarios. */
  public MonteCarloScenarios withScenarios(int count) {
    return new MonteCarloScenarios(factors, dailyVols, correlation, cholesky, repaired, horizonDays, count, seed,
        degreesOfFreedom, volOfVol, spotVolCorrelation);
  }

  /** The risk factors. */
  public List<Asset> factors() {
    return factors;
  }

  /** The correlation actually used (repaired if the input was not positive semidefinite), a copy. */
  public double[][] correlation() {
    double[][] out = new double[correlation.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = correlation[i].clone();
    }
    return out;
  }

  /** Whether the input correlation had to be repaired. */
  public boolean correlationRepaired() {
    return repaired;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The number of scenarios. */
  public int scenarios() {
    return scenarios;
  }

  /** ν for Student-t shocks, or 0 for Gaussian. */
  public double degreesOfFreedom() {
    return degreesOfFreedom;
  }

  /**
   * Draws the scenarios.
   *
   * @return a scenario set named after the model, h and the seed; vol shocks only when vol of vol &gt; 0
   */
  public ScenarioSet generate() {
    RandomGenerator g = RandomGeneratorFactory.<RandomGenerator>of(ALGORITHM).create(seed);
    int k = factors.size();
    double sqrtH = Math.sqrt(horizonDays);
    double[] scale = new double[k];
    for (int i = 0; i < k; i++) {
      scale[i] = dailyVols[i] * sqrtH;
    }
    boolean student = degreesOfFreedom > 0;
    boolean vol = volOfVol > 0;
    double volScale = volOfVol * sqrtH;
    double rhoPerp = Math.sqrt(Math.max(0, 1 - spotVolCorrelation * spotVolCorrelation));
    double[][] ret = new double[scenarios][k];
    double[][] dv = vol ? new double[scenarios][k] : null;
    double[] eps = new double[k];
    double[] z = new double[k];
    for (int s = 0; s < scenarios; s++) {
      for (int i = 0; i < k; i++) {
        eps[i] = g.nextGaussian();
      }
      double mix = student ? Math.sqrt((degreesOfFreedom - 2) / chiSquare(g, degreesOfFreedom)) : 1;
      for (int i = 0; i < k; i++) {
        double[] li = cholesky[i];
        double zi = 0;
        for (int j = 0; j <= i; j++) {
          zi += li[j] * eps[j];
        }
        z[i] = zi * mix;
        ret[s][i] = scale[i] * z[i];
      }
      if (vol) {
        for (int i = 0; i < k; i++) {
          dv[s][i] = volScale * (spotVolCorrelation * z[i] + rhoPerp * g.nextGaussian());
        }
      }
    }
    String model = student ? "student-t " + degreesOfFreedom : "gaussian";
    String name = "monte carlo " + model + " " + horizonDays + "d " + scenarios + " seed " + seed;
    try {
      return new ScenarioSet(name, factors, ret, dv, null);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("daily_vols", "give non-finite shocks: " + e.getMessage(), e);
    }
  }

  /** χ²_ν = 2·Gamma(ν/2) by Marsaglia and Tsang (ACM TOMS 26, 2000), shape ν/2 &gt; 1, strictly positive. */
  private static double chiSquare(RandomGenerator g, double nu) {
    double d = nu / 2 - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = g.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = g.nextDouble();
      if (u > 0 && Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        double w = 2 * d * v;
        if (w > 0) {
          return w;
        }
      }
    }
  }
}
