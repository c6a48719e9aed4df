package org.pmargin.engine.oracle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.oracle.AggregatedPrice.DegradedReason;
import org.pmargin.engine.oracle.AggregatedPrice.DropReason;
import org.pmargin.engine.oracle.AggregatedPrice.Dropped;
import org.pmargin.engine.oracle.AggregatedPrice.Status;

/**
 * Turns the latest tick of each source into one guarded price, as a pure function of its inputs (no clock, no
 * state): the caller passes the aggregation time and the last good price.
 *
 * <p>The steps: (1) sources whose tick is older than their staleness limit (or stamped in the future) are dropped;
 * (2) the median m of the fresh prices is taken and every source with |p/m − 1| &gt; max deviation is dropped as an
 * outlier; (3) the median of the remaining prices is the candidate; (4) the circuit breaker trips — the price stays
 * the last good one and the result is DEGRADED — when fewer than the minimum number of sources remain, or when the
 * candidate is further than the move bound from the last good price. A manipulated price is therefore never
 * silently used: it is either outvoted by the median, dropped as an outlier, or stopped by the breaker.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PriceAggregator {

  private final OracleConfig config;

  /**
   * Creates an aggregator.
   *
   * @param config  the guards
   */
  public PriceAggregator(OracleConfig config) {
    this.config = Checks.notNull(config, "config");
  }

  /** The guards. */
  public OracleConfig config() {
    return config;
  }

  /**
   * The consensus of the sources before the circuit breaker: steps (1) to (3).
   *
   * @param underlying  the coin
   * @param latest  the latest tick of each source (one per source id; all of this underlying)
   * @param asOf  the aggregation time
   * @return the kept and dropped ticks and their median, if any were kept
   */
  public Consensus consensus(Asset underlying, Collection<PriceTick> latest, Instant asOf) {
    Checks.notNull(underlying, "underlying");
    Checks.notNull(latest, "ticks");
    Checks.notNull(asOf, "as_of");
    List<PriceTick> fresh = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PriceTick t : latest) {
      Checks.notNull(t, "ticks");
      if (!t.underlying().equals(underlying)) {
        throw new InvalidInputException("ticks", "a tick of " + t.underlying() + " among those of " + underlying);
      }
      if (!seen.add(t.source())) {
        throw new InvalidInputException("ticks", "more than one tick from source " + t.source());
      }
      if (t.timestamp().isAfter(asOf)) {
        dropped.add(new Dropped(t, DropReason.FUTURE, "stamped " + t.timestamp() + ", after " + asOf));
        continue;
      }
      Duration age = Duration.between(t.timestamp(), asOf);
      Duration limit = config.stalenessOf(t.source());
      if (age.compareTo(limit) > 0) {
        dropped.add(new Dropped(t, DropReason.STALE, "age " + age + " beyond the limit " + limit));
        continue;
      }
      fresh.add(t);
    }
    if (fresh.isEmpty()) {
      return new Consensus(List.of(), dropped, OptionalDouble.empty());
    }
    double first = median(fresh);
    List<PriceTick> kept = new ArrayList<>();
    for (PriceTick t : fresh) {
      double dev = Math.abs(t.price() / first - 1);
      if (dev > config.maxDeviation()) {
        dropped.add(new Dropped(t, DropReason.OUTLIER, String.format(java.util.Locale.ROOT,
            "%.4f%% from the median %s, beyond %.4f%%", dev * 100, first, config.maxDeviation() * 100)));
      } else {
        kept.add(t);
      }
    }
    return new Consensus(kept, dropped, kept.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(median(kept)));
  }

  /**
   * The guarded price of an underlying.
   *
   * @param underlying  the coin
   * @param latest  the latest tick of each source (one per source id; all of this underlying)
   * @param asOf  the aggregation time
   * @param lastGood  the last price accepted for this underlying, finite and &gt; 0
   * @return the price, OK or DEGRADED, with the sources used and dropped
   */
  public AggregatedPrice aggregate(Asset underlying, Collection<PriceTick> latest, Instant asOf, double lastGood) {
    Checks.positive(lastGood, "last_good_price");
    Consensus c = consensus(underlying, latest, asOf);
    if (c.kept().size() < config.minSources()) {
      return new AggregatedPrice(underlying, asOf, lastGood, Status.DEGRADED,
          Optional.of(DegradedReason.TOO_FEW_SOURCES), c.median(), c.kept(), c.dropped());
    }
    double candidate = c.median().getAsDouble();
    if (Math.abs(candidate / lastGood - 1) > config.maxMove()) {
      return new AggregatedPrice(underlying, asOf, lastGood, Status.DEGRADED, Optional.of(DegradedReason.JUMP),
          c.median(), c.kept(), c.dropped());
    }
    return new AggregatedPrice(underlying, asOf, candidate, Status.OK, Optional.empty(), c.median(), c.kept(),
        c.dropped());
  }

  /** The median of the ticks' prices: the middle one, or the mean of the two middle ones. */
  static double median(List<PriceTick> ticks) {
    double[] p = ticks.stream().mapToDouble(PriceTick::price).toArray();
    Arrays.sort(p);
    int n = p.length;
    // The mean of the two middle values written so it cannot overflow and stays within [p[n/2-1], p[n/2]].
    return n % 2 == 1 ? p[n / 2] : p[n / 2 - 1] + (p[n / 2] - p[n / 2 - 1]) / 2;
  }

  /**
   * The sources' consensus before the circuit breaker.
   *
   * @param kept  the fresh, non-outlier ticks
   * @param dropped  the ticks left out, with why
   * @param median  the median of the kept ticks, empty when none was kept
   */
  public record Consensus(List<PriceTick> kept, List<Dropped> dropped, OptionalDouble median) {

    /** Copies the lists. */
    public Consensus {
      kept = List.copyOf(kept);
      dropped = List.copyOf(dropped);
      Checks.notNull(median, "median");
    }
  }
}
