package org.pmargin.engine.oracle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * The outcome of aggregating the sources of one underlying at one time: the price to use, the sources used and
 * those dropped with the reason, and whether the price is live ({@link Status#OK}) or the last good price held by
 * the circuit breaker ({@link Status#DEGRADED}). Margin computed on a degraded price must be flagged as such.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param underlying  the coin
 * @param asOf  the aggregation time
 * @param price  the price to use: the median of the kept sources when OK, the last good price when DEGRADED;
 *     always finite and &gt; 0
 * @param status  OK or DEGRADED
 * @param reason  why the price is degraded; empty when OK
 * @param candidate  the median of the kept sources, when there was one (for a JUMP, the rejected price)
 * @param used  the ticks that made the median
 * @param dropped  the ticks left out, with why
 */
public record AggregatedPrice(Asset underlying, Instant asOf, double price, Status status,
    Optional<DegradedReason> reason, OptionalDouble candidate, List<PriceTick> used, List<Dropped> dropped) {

  /** Whether a price is live or held. */
  public enum Status {
    /** The price is the median of enough agreeing fresh sources. */
    OK,
    /** The circuit breaker tripped: the price is the last good one. */
    DEGRADED
  }

  /** Why the circuit breaker tripped. */
  public enum DegradedReason {
    /** Fewer fresh, non-outlier sources than the configured minimum. */
    TOO_FEW_SOURCES,
    /** The median moved further from the last good price than the configured bound. */
    JUMP
  }

  /** Why a source was left out. */
  public enum DropReason {
    /** Its latest tick is older than its staleness limit. */
    STALE,
    /** Its latest tick is stamped after the aggregation time. */
    FUTURE,
    /** It is further from the median of the fresh sources than the deviation bound. */
    OUTLIER
  }

  /**
   * A source left out of the median.
   *
   * @param tick  its latest tick
   * @param reason  why
   * @param detail  a human-readable explanation (age, or distance from the median)
   */
  public record Dropped(PriceTick tick, DropReason reason, String detail) {

    /** Validates the fields. */
    public Dropped {
      Checks.notNull(tick, "tick");
      Checks.notNull(reason, "reason");
      Checks.notNull(detail, "detail");
    }
  }

  /** Validates the fields and that the reason matches the status. */
  public AggregatedPrice {
    Checks.notNull(underlying, "underlying");
    Checks.notNull(asOf, "as_of");
    Checks.positive(price, "price");
    Checks.notNull(status, "status");
    Checks.notNull(reason, "reason");
    Checks.notNull(candidate, "candidate");
    Checks.require(reason.isPresent() == (status == Status.DEGRADED), "reason",
        "must be present exactly when the status is DEGRADED");
    candidate.ifPresent(c -> Checks.positive(c, "candidate"));
    used = List.copyOf(Checks.notNull(used, "used"));
    dropped = List.copyOf(Checks.notNull(dropped, "dropped"));
  }

  /** Whether the price is held by the circuit breaker. */
  public boolean degraded() {
    return status == Status.DEGRADED;
  }

  /** The distinct source ids used. */
  public List<String> sourcesUsed() {
    return used.stream().map(PriceTick::source).distinct().toList();
  }

  /** The ticks dropped for a reason. */
  public List<PriceTick> dropped(DropReason why) {
    return dropped.stream().filter(d -> d.reason() == why).map(Dropped::tick).toList();
  }

  /** This result with its candidate accepted as the live price: a jump confirmed by consecutive updates. */
  AggregatedPrice confirmed() {
    Checks.require(candidate.isPresent(), "candidate", "no candidate price to confirm");
    return new AggregatedPrice(underlying, asOf, candidate.getAsDouble(), Status.OK, Optional.empty(), candidate,
        used, dropped);
  }
}
