package org.pmargin.core.instrument;

import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/** Validation shared by the instrument records. */
final class InstrumentChecks {

  private InstrumentChecks() {
  }

  static void common(String symbol, Asset underlying, Asset quote, Settlement settlement,
      double contractSize, double tickSize) {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(underlying, "underlying");
    Checks.notNull(quote, "quote");
    Checks.notNull(settlement, "settlement");
    Checks.positive(contractSize, "contract_size");
    Checks.positive(tickSize, "tick_size");
    if (underlying.equals(quote)) {
      throw new InvalidInputException("quote", "must differ from the underlying, both are " + quote);
    }
  }
}
