package org.pmargin.engine.oracle;

import java.time.Instant;
import java.util.List;

/**
 * A source of price ticks, pulled by the caller's clock: {@link #poll(Instant)} returns the ticks stamped up to a
 * time that were not returned before. Pulling (rather than pushing) keeps the oracle deterministic and free of wall
 * clock: a replay, a simulation and a live adapter are driven the same way, with the time passed in.
 *
 * <p>Implementations are not required to be thread-safe: a feed is polled from one thread.
 */
public interface PriceFeed {

  /**
   * The ticks with a timestamp at or before {@code upTo} not yet returned, in non-decreasing timestamp order.
   *
   * @param upTo  the time up to which to read, inclusive
   * @return the new ticks, possibly empty, never null
   */
  List<PriceTick> poll(Instant upTo);

  /** Whether the feed can produce no more ticks (a finite replay or file at its end). */
  default boolean exhausted() {
    return false;
  }
}
