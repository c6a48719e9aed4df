package org.pmargin.engine.guard;

import java.util.Locale;

/**
 * The prices at which a fill in one instrument may be booked against the current snapshot, in the instrument's price
 * unit (the fill's): the reference mark and the band's bounds, with how the band was set, for messages.
 *
 * @param reference  the instrument's mark in the snapshot
 * @param low  the lowest acceptable price, ≥ 0
 * @param high  the highest acceptable price, ≥ low
 * @param terms  how the bounds were set, e.g. "mark 65,690 ± 5%" or "vol 52.3% ± 20 vol points"
 */
public record FillPriceRange(double reference, double low, double high, String terms) {

  /** Whether a price is inside the band, bounds included. */
  public boolean contains(double price) {
    return price >= low && price <= high;
  }

  /** Why a price is outside the band, in the user's terms. */
  public String breach(String symbol, double price) {
    return String.format(Locale.ROOT, "fill price %s for %s is outside the price band %s..%s (%s)", fmt(price),
        symbol, fmt(low), fmt(high), terms);
  }

  static String fmt(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.2f", v) : String.format(Locale.ROOT, "%.6g", v);
  }
}
