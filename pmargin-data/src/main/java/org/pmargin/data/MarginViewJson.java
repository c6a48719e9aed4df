package org.pmargin.data;

import org.pmargin.core.margin.MarginView;
import org.pmargin.core.validation.InvalidInputException;

/** Reads a margin view from a parameter section: {@code per_settlement_currency} or {@code unified_usd}. */
final class MarginViewJson {

  private MarginViewJson() {
  }

  /** The section's {@code view} field, or the default when absent. */
  static MarginView read(Fields f, MarginView defaultView) {
    if (!f.has("view")) {
      return defaultView;
    }
    return switch (f.text("view")) {
      case "per_settlement_currency", "segregated" -> MarginView.PER_SETTLEMENT_CURRENCY;
      case "unified_usd", "unified" -> MarginView.UNIFIED_USD;
      default -> throw new InvalidInputException(f.pathOf("view"),
          "must be 'per_settlement_currency' or 'unified_usd', got '" + f.text("view") + "'");
    };
  }
}
