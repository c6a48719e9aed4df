package org.pmargin.core.margin.grid;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A partial credit between two correlated underlyings (BTC vs ETH) in a unified pool, SPAN's inter-commodity
 * spread credit in grid form: the hedge benefit is the sum of the two grids' worst losses minus the worst loss when
 * both underlyings move together (same relative move, same vol leg), and only {@code credit} of it is given back.
 * The credit is below 1, so a hedge between two different coins is never treated as perfect.
 *
 * @param first  one underlying
 * @param second  the other
 * @param credit  the fraction of the hedge benefit credited, in [0, 1)
 */
public record UnderlyingOffset(Asset first, Asset second, double credit) {

  /** Validates the fields. */
  public UnderlyingOffset {
    Checks.notNull(first, "first");
    Checks.notNull(second, "second");
    if (first.equals(second)) {
      throw new InvalidInputException("second", "an offset needs two different underlyings, got " + first + " twice");
    }
    Checks.require(credit >= 0 && credit < 1, "credit", "must be in [0, 1), got " + credit);
  }
}
