package org.pmargin.core.stats;

import org.pmargin.core.stats.BacktestStatistics.Zone;
import org.pmargin.core.validation.Checks;

/**
 * The Basel traffic light as supervisors apply it: on every day from the {@code window}-th on, the exceptions of the
 * trailing {@code window} days (250 in the Basel framework) and their zone; the worst window (the most exceptions,
 * hence the worst zone) and when its zone was first reached; and the zone of the last window, the one a supervisor
 * would apply today.
 *
 * <p>Why: the zone of a whole multi-year test period hides a bad year among good ones, and a recent bad year behind
 * good early ones; the Basel Committee's "Supervisory framework for the use of "backtesting" in conjunction with the
 * internal models approach to market risk capital requirements" (BCBS, January 1996) counts the exceptions of the most
 * recent 250 trading days, and reassesses the zone as each day enters the window.
 *
 * <p>Conventions, those of {@link BacktestStatistics#trafficLight}: with F the binomial(window, 1 − α) cumulative
 * distribution, a count x is green when F(x) &lt; 95 %, yellow when F(x) &lt; 99.99 %, red otherwise; for 250 days
 * at 99 % that is BCBS (1996)'s table, green 0–4, yellow 5–9, red ≥ 10. At another confidence the thresholds are
 * the same cumulative probabilities of that confidence's binomial distribution. Window ends are day indices of the
 * exception record: the window ending at day e covers days e − window + 1 to e.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RollingTrafficLight {

  /** The Basel framework's window: 250 trading days. */
  public static final int BASEL_WINDOW = 250;

  private final int window;
  private final double confidence;
  private final int yellowFrom;
  private final int redFrom;
  /** Exceptions of the window ending at day {@code window − 1 + i}. */
  private final int[] counts;
  private final int worstEnd;

  private RollingTrafficLight(int window, double confidence, int yellowFrom, int redFrom, int[] counts) {
    this.window = window;
    this.confidence = confidence;
    this.yellowFrom = yellowFrom;
    this.redFrom = redFrom;
    this.counts = counts;
    int worst = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[worst]) {
        worst = i;
      }
    }
    this.worstEnd = window - 1 + worst;
  }

  /**
   * The rolling traffic light over the Basel window of {@value #BASEL_WINDOW} days.
   *
   * @param exceptions  the exception record in date order (true = exception), at least 250 days
   * @param confidence  the VaR confidence α in (0, 1) (0.99 in the Basel framework)
   * @return the rolling zones
   * @throws org.pmargin.core.validation.InvalidInputException naming {@code exceptions} when there are fewer than
   *     250 days
   */
  public static RollingTrafficLight basel(boolean[] exceptions, double confidence) {
    return of(exceptions, BASEL_WINDOW, confidence);
  }

  /**
   * The rolling traffic light over any window.
   *
   * @param exceptions  the exception record in date order (true = exception), at least {@code window} days
   * @param window  the trailing window in days, ≥ 1
   * @param confidence  the VaR confidence α in (0, 1)
   * @return the rolling zones
   * @throws org.pmargin.core.validation.InvalidInputException naming {@code exceptions} when the record is shorter
   *     than the window
   */
  public static RollingTrafficLight of(boolean[] exceptions, int window, double confidence) {
    Checks.notNull(exceptions, "exceptions");
    Checks.require(window >= 1, "window", "must be at least 1 day, got " + window);
    Checks.require(confidence > 0 && confidence < 1, "confidence", "must be in (0, 1), got " + confidence);
    Checks.require(exceptions.length >= window, "exceptions", "not enough days for a rolling " + window
        + "-day traffic light: " + exceptions.length + " days, needs at least " + window);
    int yellow = window + 1;
    int red = window + 1;
    for (int x = 0; x <= window && red > window; x++) {
      Zone z = BacktestStatistics.trafficLight(window, x, confidence);
      if (z != Zone.GREEN && yellow > window) {
        yellow = x;
      }
      if (z == Zone.RED) {
        red = x;
      }
    }
    int[] counts = new int[exceptions.length - window + 1];
    int inWindow = 0;
    for (int d = 0; d < exceptions.length; d++) {
      inWindow += exceptions[d] ? 1 : 0;
      if (d >= window) {
        inWindow -= exceptions[d - window] ? 1 : 0;
      }
      if (d >= window - 1) {
        counts[d - window + 1] = inWindow;
      }
    }
    return new RollingTrafficLight(window, confidence, yellow, red, counts);
  }

  /** The trailing window in days. */
  public int window() {
    return window;
  }

  /** The VaR confidence of the exceptions. */
  public double confidence() {
    return confidence;
  }

  /** The smallest count in the yellow zone (5 for 250 days at 99 %; window + 1 when no count is yellow). */
  public int yellowFrom() {
    return yellowFrom;
  }

  /** The smallest count in the red zone (10 for 250 days at 99 %; window + 1 when no count is red). */
  public int redFrom() {
    return redFrom;
  }

  /** The number of windows: days in the record − window + 1. */
  public int windows() {
    return counts.length;
  }

  /** The day index of the first window's last day: window − 1. */
  public int firstEnd() {
    return window - 1;
  }

  /** The day index of the last window's last day: the record's last day. */
  public int lastEnd() {
    return window - 2 + counts.length;
  }

  /**
   * The exceptions of the window ending at a day.
   *
   * @param end  the window's last day, in [{@link #firstEnd()}, {@link #lastEnd()}]
   * @return the count
   */
  public int exceptionsEndingAt(int end) {
    Checks.require(end >= firstEnd() && end <= lastEnd(), "end",
        "must be in [" + firstEnd() + ", " + lastEnd() + "], got " + end);
    return counts[end - window + 1];
  }

  /** The zone of the window ending at a day ({@link #exceptionsEndingAt} for the range). */
  public Zone zoneEndingAt(int end) {
    return zone(exceptionsEndingAt(end));
  }

  /** The zone of a count of exceptions in one window. */
  public Zone zone(int exceptions) {
    return exceptions >= redFrom ? Zone.RED : exceptions >= yellowFrom ? Zone.YELLOW : Zone.GREEN;
  }

  /** The most exceptions of any window. */
  public int worstExceptions() {
    return counts[worstEnd - window + 1];
  }

  /** The last day of the first window with the most exceptions. */
  public int worstEnd() {
    return worstEnd;
  }

  /** The worst zone of any window: the zone of {@link #worstExceptions()}. */
  public Zone worst() {
    return zone(worstExceptions());
  }

  /** The exceptions of the last window (the most recent 250 days). */
  public int lastExceptions() {
    return counts[counts.length - 1];
  }

  /** The zone of the last window. */
  public Zone last() {
    return zone(lastExceptions());
  }

  /**
   * The last day of the first window in a zone.
   *
   * @param zone  the zone
   * @return the day index, or −1 when no window was in that zone
   */
  public int firstEndIn(Zone zone) {
    Checks.notNull(zone, "zone");
    for (int i = 0; i < counts.length; i++) {
      if (zone(counts[i]) == zone) {
        return window - 1 + i;
      }
    }
    return -1;
  }

  /** How many windows fell in a zone; the three add up to {@link #windows()}. */
  public int windowsIn(Zone zone) {
    Checks.notNull(zone, "zone");
    int n = 0;
    for (int c : counts) {
      n += zone(c) == zone ? 1 : 0;
    }
    return n;
  }
}
