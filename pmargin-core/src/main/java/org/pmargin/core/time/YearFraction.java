package org.pmargin.core.time;

import java.time.Instant;
import org.pmargin.core.validation.Checks;

/**
 * Year fractions between two UTC instants under the ACT/365 Fixed convention.
 *
 * <p>Crypto derivatives trade around the clock and expire at an exact instant (Deribit: 08:00 UTC), so the
 * engine measures time to expiry in seconds and divides by the seconds of a 365-day year: no calendars, no
 * business days, no leap-year adjustment. One day is 1/365 of a year and one hour 1/8760.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class YearFraction {

  /** Seconds in the 365-day year used by ACT/365 Fixed. */
  public static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

  /** Days in the year of the convention. */
  public static final double DAYS_PER_YEAR = 365.0;

  private YearFraction() {
  }

  /**
   * The signed year fraction from {@code from} to {@code to}; negative when {@code to} is earlier.
   *
   * @param from  the start instant
   * @param to  the end instant
   * @return (to - from) in seconds, with nanoseconds, divided by {@link #SECONDS_PER_YEAR}
   */
  public static double between(Instant from, Instant to) {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    // Duration.between would allocate; this runs for every dated position on every price tick.
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    int nanos = to.getNano() - from.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    return (seconds + nanos * 1e-9) / SECONDS_PER_YEAR;
  }

  /** The instant that lies the given year fraction after {@code from}, to the nanosecond. */
  public static Instant plusYears(Instant from, double years) {
    Checks.finite(years, "years");
    double seconds = years * SECONDS_PER_YEAR;
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return from.plusSeconds(whole).plusNanos(nanos);
  }
}
