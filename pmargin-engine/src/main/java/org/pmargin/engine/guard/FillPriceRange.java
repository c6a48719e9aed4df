package org.pmargin.engine.guard;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.pmargin.core.validation.Checks;

/**
 * The prices at which a fill in one instrument may be booked against the current snapshot, in the instrument's price
 * unit (the fill's): the reference mark and the band's bounds, with how the band was set, for messages. Every fill
 * and what-if order is checked against one, and almost all are inside, so the description is written only when it
 * is asked for (formatting it was a twentieth of a what-if request's time over HTTP).
 */
public final class FillPriceRange {

  private final double reference;
  private final double low;
  private final double high;
  private Supplier<String> describe;
  private String terms;

  /**
   * A range.
   *
   * @param reference  the instrument's mark in the snapshot
   * @param low  the lowest acceptable price, ≥ 0
   * @param high  the highest acceptable price, ≥ low
   * @param describe  how the bounds were set, e.g. "mark 65,690 ± 5%" or "vol 52.3% ± 20 vol points", written on
   *     first use
   */
  public FillPriceRange(double reference, double low, double high, Supplier<String> describe) {
    this.reference = reference;
    this.low = low;
    this.high = high;
    this.describe = Checks.notNull(describe, "describe");
  }

  /** The instrument's mark in the snapshot. */
  public double reference() {
    return reference;
  }

  /** The lowest acceptable price. */
  public double low() {
    return low;
  }

  /** The highest acceptable price. */
  public double high() {
    return high;
  }

  /** How the bounds were set, for people. */
  public synchronized String terms() {
    if (terms == null) {
      terms = describe.get();
      describe = null;
    }
    return terms;
  }

  /** Whether a price is inside the band, bounds included. */
  public boolean contains(double price) {
    return price >= low && price <= high;
  }

  /** Why a price is outside the band, in the user's terms. */
  public String breach(String symbol, double price) {
    return String.format(Locale.ROOT, "fill price %s for %s is outside the price band %s..%s (%s)", fmt(price),
        symbol, fmt(low), fmt(high), terms());
  }

  static String fmt(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.2f", v) : String.format(Locale.ROOT, "%.6g", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FillPriceRange r && Double.compare(reference, r.reference) == 0
        && Double.compare(low, r.low) == 0 && Double.compare(high, r.high) == 0 && terms().equals(r.terms());
  }

  @Override
  public int hashCode() {
    return Objects.hash(reference, low, high);
  }

  @Override
  public String toString() {
    return "FillPriceRange[reference=" + reference + ", low=" + low + ", high=" + high + ", terms=" + terms() + "]";
  }
}
