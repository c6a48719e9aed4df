package org.pmargin.core.instrument;

import java.util.Locale;
import org.pmargin.core.validation.InvalidInputException;

/**
 * How an instrument's profit and loss is denominated and paid.
 *
 * <ul>
 *   <li>{@link #LINEAR}: in the quote currency (USD, USDC, USDT). A delta-one position of q coins gains
 *       q·(exit − entry) quote units. A linear option pays its USD payoff in the quote currency.</li>
 *   <li>{@link #INVERSE}: in the underlying coin. A delta-one contract has a face value in USD and a position of
 *       N USD gains N·(1/entry − 1/exit) coins. A coin-settled (Deribit-style) option is quoted and paid in coin:
 *       its premium in coin is its USD price divided by the index.</li>
 * </ul>
 */
public enum Settlement {
  /** Settled in the quote currency (USD-margined). */
  LINEAR,
  /** Settled in the underlying coin (coin-margined). */
  INVERSE;

  /**
   * Parses {@code linear}/{@code usd}/{@code usdc}/{@code usdt} and {@code inverse}/{@code coin}.
   *
   * @param text  the text to parse
   * @param field  the field name for the error message
   * @return the settlement
   */
  public static Settlement parse(String text, String field) {
    if (text != null) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "linear", "usd", "usdc", "usdt", "quote":
          return LINEAR;
        case "inverse", "coin":
          return INVERSE;
        default:
          break;
      }
    }
    throw new InvalidInputException(field, "must be 'linear' (or 'usd') or 'inverse' (or 'coin'), got '" + text + "'");
  }
}
