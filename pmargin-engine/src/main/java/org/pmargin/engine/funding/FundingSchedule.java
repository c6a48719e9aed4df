package org.pmargin.engine.funding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * When funding is settled: every {@code interval} of market time, aligned to 00:00 UTC (the funding times are the
 * whole multiples of the interval since the epoch, so 8 hours gives 00:00, 08:00 and 16:00 UTC as Binance and Bybit
 * settle, 1 hour every hour as Hyperliquid). Deribit accrues continuously; a short interval approximates it.
 *
 * <p>A payment covers one interval: rate per 8 hours × interval / 8 hours (see
 * {@link org.pmargin.core.valuation.PerpetualFunding}). A zero interval turns funding off.
 *
 * @param interval  the time between funding times: zero (off), or between 1 minute and 24 hours, dividing 24 hours
 *     into whole minutes (so every UTC day starts with a funding time)
 */
public record FundingSchedule(Duration interval) {

  /** The default interval: 8 hours (Binance, Bybit, OKX). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(8);

  /**
   * The most funding times one market update may pass (a year of hourly funding is 8,760): beyond it the update is
   * refused, since a gap that long is a feed fault, not a market.
   */
  public static final int MAX_TIMES_PER_UPDATE = 10_000;

  private static final long DAY_MINUTES = 24 * 60;

  /** Validates the interval. */
  public FundingSchedule {
    Checks.notNull(interval, "funding_interval");
    if (!interval.isZero()) {
      long minutes = interval.toMinutes();
      Checks.require(Duration.ofMinutes(minutes).equals(interval) && minutes >= 1 && minutes <= DAY_MINUTES
          && DAY_MINUTES % minutes == 0, "funding_interval",
          "must be zero (off) or whole minutes from 1 minute to 24 hours dividing 24 hours, got " + interval);
    }
  }

  /** Funding every 8 hours at 00:00, 08:00 and 16:00 UTC. */
  public static FundingSchedule defaults() {
    return new FundingSchedule(DEFAULT_INTERVAL);
  }

  /** No funding. */
  public static FundingSchedule off() {
    return new FundingSchedule(Duration.ZERO);
  }

  /** Whether funding accrues. */
  public boolean enabled() {
    return !interval.isZero();
  }

  /** The hours one payment covers. */
  public double hours() {
    return interval.toSeconds() / 3600.0;
  }

  /**
   * The funding times market time passes when it moves from {@code from} to {@code to}: every t with
   * from &lt; t ≤ to, in order (a funding time at the engine's start has been settled before it).
   *
   * @param from  the previous market time
   * @param to  the new market time, not before {@code from}
   * @return the funding times, empty when off
   * @throws InvalidInputException naming {@code snapshot.as_of} when there are more than {@link
   *     #MAX_TIMES_PER_UPDATE}
   */
  public List<Instant> timesBetween(Instant from, Instant to) {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    if (!enabled() || !to.isAfter(from)) {
      return List.of();
    }
    long step = interval.toSeconds();
    long first = Math.floorDiv(from.getEpochSecond(), step) + 1; // the first multiple strictly after from
    long last = Math.floorDiv(to.getEpochSecond(), step); // the last multiple at or before to
    if (last < first) {
      return List.of();
    }
    if (last - first + 1 > MAX_TIMES_PER_UPDATE) {
      throw new InvalidInputException("snapshot.as_of", "market time jumps from " + from + " to " + to + " over "
          + (last - first + 1) + " funding times, more than " + MAX_TIMES_PER_UPDATE + ": replay the gap in steps");
    }
    List<Instant> out = new ArrayList<>((int) (last - first + 1));
    for (long k = first; k <= last; k++) {
      out.add(Instant.ofEpochSecond(k * step));
    }
    return out;
  }
}
