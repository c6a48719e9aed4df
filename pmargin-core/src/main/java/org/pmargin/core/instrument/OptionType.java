package org.pmargin.core.instrument;

import java.util.Locale;
import org.pmargin.core.validation.InvalidInputException;

/** Call or put. */
public enum OptionType {
  /** The right to buy at the strike. */
  CALL,
  /** The right to sell at the strike. */
  PUT;

  /** +1 for a call, −1 for a put: the sign in the Black formulas. */
  public double sign() {
    return this == CALL ? 1.0 : -1.0;
  }

  /** Whether this is a call. */
  public boolean isCall() {
    return this == CALL;
  }

  /**
   * Parses {@code call}/{@code c} and {@code put}/{@code p}, in any case.
   *
   * @param text  the text to parse
   * @param field  the field name for the error message
   * @return the option type
   */
  public static OptionType parse(String text, String field) {
    if (text != null) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "call", "c":
          return CALL;
        case "put", "p":
          return PUT;
        default:
          break;
      }
    }
    throw new InvalidInputException(field, "must be 'call' or 'put', got '" + text + "'");
  }
}
