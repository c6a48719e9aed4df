package org.pmargin.engine.oracle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * A seeded synthetic feed for load and property tests: a common geometric random walk of the index, quoted by
 * several sources each adding small independent noise, one tick per source per step. Optionally one source is an
 * outlier (its quotes multiplied by a factor) and one goes silent (stale) after a given time, to exercise the guards.
 *
 * <p>Deterministic for a given generator state; not thread-safe.
 */
public final class SyntheticRandomWalkFeed implements PriceFeed {

  private final Spec spec;
  private final RandomGenerator rng;
  private Instant next;
  private double level;

  /**
   * The shape of the synthetic feed.
   *
   * @param underlying  the coin quoted
   * @param sources  the number of sources, &gt;= 1, named {@code src0}, {@code src1}, ...
   * @param start  the time of the first step
   * @param step  the time between steps, &gt; 0
   * @param startPrice  the walk's starting level, &gt; 0
   * @param stepVol  the standard deviation of the walk's log-return per step, &gt;= 0
   * @param sourceNoise  the standard deviation of each source's independent relative noise, in [0, 0.5)
   * @param outlierSource  the index of the outlier source, or −1 for none
   * @param outlierFactor  the outlier's multiplier of its quotes, &gt; 0
   * @param staleSource  the index of the source that goes silent, or −1 for none
   * @param staleAfter  when that source stops quoting
   */
  public record Spec(Asset underlying, int sources, Instant start, Duration step, double startPrice, double stepVol,
      double sourceNoise, int outlierSource, double outlierFactor, int staleSource, Instant staleAfter) {

    /** Validates the fields. */
    public Spec {
      Checks.notNull(underlying, "underlying");
      Checks.require(sources >= 1, "sources", "must be >= 1, got " + sources);
      Checks.notNull(start, "start");
      Checks.notNull(step, "step");
      Checks.require(step.isPositive(), "step", "must be > 0, got " + step);
      Checks.positive(startPrice, "start_price");
      Checks.nonNegative(stepVol, "step_vol");
      Checks.require(sourceNoise >= 0 && sourceNoise < 0.5, "source_noise", "must be in [0, 0.5), got "
          + sourceNoise);
      Checks.require(outlierSource >= -1 && outlierSource < sources, "outlier_source",
          "must be -1 or a source index, got " + outlierSource);
      Checks.positive(outlierFactor, "outlier_factor");
      Checks.require(staleSource >= -1 && staleSource < sources, "stale_source",
          "must be -1 or a source index, got " + staleSource);
      Checks.notNull(staleAfter, "stale_after");
    }

    /** Well-behaved sources only: no outlier, none stale. */
    public static Spec clean(Asset underlying, int sources, Instant start, Duration step, double startPrice,
        double stepVol, double sourceNoise) {
      return new Spec(underlying, sources, start, step, startPrice, stepVol, sourceNoise, -1, 1, -1, Instant.MAX);
    }

    /** A copy with source {@code index} quoting {@code factor} times the walk. */
    public Spec withOutlier(int index, double factor) {
      return new Spec(underlying, sources, start, step, startPrice, stepVol, sourceNoise, index, factor,
          staleSource, staleAfter);
    }

    /** A copy with source {@code index} silent from {@code after} on. */
    public Spec withStale(int index, Instant after) {
      return new Spec(underlying, sources, start, step, startPrice, stepVol, sourceNoise, outlierSource,
          outlierFactor, index, after);
    }
  }

  /**
   * Creates the feed.
   *
   * @param spec  its shape
   * @param rng  the random generator (seeded by the caller)
   */
  public SyntheticRandomWalkFeed(Spec spec, RandomGenerator rng) {
    this.spec = Checks.notNull(spec, "spec");
    this.rng = Checks.notNull(rng, "rng");
    this.next = spec.start();
    this.level = spec.startPrice();
  }

  /** The source id of a source index. */
  public static String sourceId(int index) {
    return "src" + index;
  }

  /** The walk's current level (the common price the sources quote around). */
  public double level() {
    return level;
  }

  @Override
  public List<PriceTick> poll(Instant upTo) {
    Checks.notNull(upTo, "up_to");
    List<PriceTick> out = new ArrayList<>();
    while (!next.isAfter(upTo)) {
      if (!next.equals(spec.start())) {
        level *= Math.exp(spec.stepVol() * rng.nextGaussian() - 0.5 * spec.stepVol() * spec.stepVol());
      }
      for (int i = 0; i < spec.sources(); i++) {
        double noise = Math.exp(spec.sourceNoise() * rng.nextGaussian());
        if (i == spec.staleSource() && !next.isBefore(spec.staleAfter())) {
          continue;
        }
        double p = level * noise * (i == spec.outlierSource() ? spec.outlierFactor() : 1);
        out.add(PriceTick.index(sourceId(i), spec.underlying(), p, next));
      }
      next = next.plus(spec.step());
    }
    return out;
  }
}
