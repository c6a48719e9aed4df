package org.pmargin.core.portfolio;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The positions of one account, in the order given, at most one per instrument symbol.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param positions  the positions
 */
public record Portfolio(List<Position> positions) {

  /** Validates and copies the list; two positions in the same symbol are an error (net them first). */
  public Portfolio {
    Checks.notNull(positions, "positions");
    // Built for every account on every price tick: no allocation beyond the copy for the usual small book.
    Set<String> symbols = positions.size() > 16 ? new HashSet<>() : null;
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      if (p == null) {
        throw new InvalidInputException("positions[" + i + "]", "is required");
      }
      String symbol = p.instrument().symbol();
      boolean duplicate = false;
      if (symbols != null) {
        duplicate = !symbols.add(symbol);
      } else {
        for (int j = 0; j < i && !duplicate; j++) {
          duplicate = positions.get(j).instrument().symbol().equals(symbol);
        }
      }
      if (duplicate) {
        throw new InvalidInputException("positions[" + i + "].instrument",
            "duplicate instrument " + symbol + ": net it into one position");
      }
    }
    positions = List.copyOf(positions);
  }

  /** An empty portfolio. */
  public static Portfolio empty() {
    return new Portfolio(List.of());
  }

  /** The underlyings the positions depend on, in order of first appearance. */
  public Set<Asset> underlyings() {
    Set<Asset> out = new LinkedHashSet<>();
    for (Position p : positions) {
      out.add(p.instrument().underlying());
    }
    return out;
  }

  /** The portfolio with every quantity multiplied by a factor. */
  public Portfolio scaled(double factor) {
    Checks.finite(factor, "factor");
    Checks.require(factor != 0, "factor", "must not be zero");
    List<Position> out = new ArrayList<>(positions.size());
    for (Position p : positions) {
      out.add(p.withQuantity(p.quantity() * factor));
    }
    return new Portfolio(out);
  }
}
