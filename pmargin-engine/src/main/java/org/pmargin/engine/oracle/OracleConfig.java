package org.pmargin.engine.oracle;

import java.time.Duration;
import java.util.Map;
import org.pmargin.core.validation.Checks;

/**
 * The guards of the oracle for one underlying (or for all): when a source is stale, when it is an outlier, how many
 * sources must agree, how far the price may move between accepted updates, and how the perpetual's basis is
 * smoothed. The defaults are a 30-second staleness limit, 2% deviation, 2 agreeing sources, a 10% move bound,
 * 3 confirmations of a jump and a basis smoothing factor of 0.1.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param staleness  the age beyond which a source's latest tick is ignored, &gt; 0
 * @param stalenessBySource  per-source overrides of {@code staleness}, by source id
 * @param maxDeviation  the largest relative distance |p/median − 1| of a source from the median of the fresh
 *     sources before it is dropped as an outlier, in (0, 1)
 * @param minSources  how many fresh, non-outlier sources are needed for a price, &gt;= 1
 * @param maxMove  the largest relative move |p/last good − 1| accepted in one update, &gt; 0
 * @param jumpConfirmations  how many consecutive updates must agree (within {@code maxDeviation}) on a price beyond
 *     {@code maxMove} before the oracle accepts it as the new level, &gt;= 2
 * @param basisSmoothing  the EWMA weight α of a new perpetual-minus-index basis observation, in (0, 1]: the basis
 *     becomes α·observed + (1 − α)·previous
 */
public record OracleConfig(Duration staleness, Map<String, Duration> stalenessBySource, double maxDeviation,
    int minSources, double maxMove, int jumpConfirmations, double basisSmoothing) {

  /** Validates the fields. */
  public OracleConfig {
    Checks.notNull(staleness, "staleness");
    Checks.require(staleness.isPositive(), "staleness", "must be > 0, got " + staleness);
    Checks.notNull(stalenessBySource, "staleness_by_source");
    for (Map.Entry<String, Duration> e : stalenessBySource.entrySet()) {
      Checks.notBlank(e.getKey(), "staleness_by_source");
      Duration d = Checks.notNull(e.getValue(), "staleness_by_source." + e.getKey());
      Checks.require(d.isPositive(), "staleness_by_source." + e.getKey(), "must be > 0, got " + d);
    }
    stalenessBySource = Map.copyOf(stalenessBySource);
    Checks.require(maxDeviation > 0 && maxDeviation < 1, "max_deviation", "must be in (0, 1), got " + maxDeviation);
    Checks.require(minSources >= 1, "min_sources", "must be >= 1, got " + minSources);
    Checks.positive(maxMove, "max_move");
    Checks.require(jumpConfirmations >= 2, "jump_confirmations", "must be >= 2, got " + jumpConfirmations);
    Checks.require(basisSmoothing > 0 && basisSmoothing <= 1, "basis_smoothing",
        "must be in (0, 1], got " + basisSmoothing);
  }

  /** The default guards. */
  public static OracleConfig defaults() {
    return new OracleConfig(Duration.ofSeconds(30), Map.of(), 0.02, 2, 0.10, 3, 0.1);
  }

  /** The staleness limit of a source. */
  public Duration stalenessOf(String source) {
    return stalenessBySource.getOrDefault(source, staleness);
  }

  /** A copy with another global staleness limit. */
  public OracleConfig withStaleness(Duration value) {
    return new OracleConfig(value, stalenessBySource, maxDeviation, minSources, maxMove, jumpConfirmations,
        basisSmoothing);
  }

  /** A copy with another minimum number of agreeing sources. */
  public OracleConfig withMinSources(int value) {
    return new OracleConfig(staleness, stalenessBySource, maxDeviation, value, maxMove, jumpConfirmations,
        basisSmoothing);
  }

  /** A copy with another basis smoothing factor. */
  public OracleConfig withBasisSmoothing(double value) {
    return new OracleConfig(staleness, stalenessBySource, maxDeviation, minSources, maxMove, jumpConfirmations,
        value);
  }
}
