package org.pmargin.core.margin.grid;

import java.util.Locale;
import org.pmargin.core.validation.Checks;

/**
 * One scenario of a risk grid: a relative move of the underlying and a vol direction.
 *
 * <p>Standard scenarios count the full P&L. Extended (tail) scenarios count a {@code weight} of it, as the grid's
 * {@link ExtendedMode} says: with weight = range/|move| a linear position loses no more than at the edge, so the tail
 * only bites on convex books.
 *
 * @param move  the relative move of the underlying, &gt; −1 (−0.16 for −16%)
 * @param vol  the vol direction
 * @param extended  whether this is an extended (tail) scenario
 * @param weight  the fraction of P&L counted (1 for standard scenarios; see {@link ExtendedMode})
 */
public record GridScenario(double move, VolDirection vol, boolean extended, double weight) {

  /** Validates the fields. */
  public GridScenario {
    Checks.require(move > -1 && Double.isFinite(move), "move", "must be a finite number > -1, got " + move);
    Checks.notNull(vol, "vol");
    Checks.inRange(weight, 0, 1, "weight");
  }

  /** A label for people: {@code -16% vol up}, {@code +300% vol up (extended, options x0.053)}. */
  public String label() {
    String pct = java.math.BigDecimal.valueOf(move * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
        .toPlainString();
    String base = (move > 0 ? "+" : "") + pct + "% vol " + vol.name().toLowerCase(Locale.ROOT);
    return extended ? base + String.format(Locale.ROOT, " (extended, x%.3g)", weight) : base;
  }
}
