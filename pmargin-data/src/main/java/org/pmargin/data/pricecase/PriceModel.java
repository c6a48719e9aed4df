package org.pmargin.data.pricecase;

import org.pmargin.core.validation.InvalidInputException;

/** The closed-form model a price case uses. */
public enum PriceModel {
  /** Black-76 on a forward; Greeks with respect to the forward. */
  BLACK_76("black76"),
  /** Black-Scholes-Merton on a spot with a carry yield; Greeks with respect to the spot. */
  BLACK_SCHOLES("black-scholes");

  private final String label;

  PriceModel(String label) {
    this.label = label;
  }

  /** The name used in the JSON format. */
  public String label() {
    return label;
  }

  /** Parses {@code black76} (also {@code black-76}, {@code black}) or {@code black-scholes} ({@code bs}). */
  public static PriceModel parse(String text) {
    return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "black76", "black-76", "black" -> BLACK_76;
      case "black-scholes", "blackscholes", "bs", "bsm" -> BLACK_SCHOLES;
      default -> throw new InvalidInputException("model", "must be 'black76' or 'black-scholes', got '" + text + "'");
    };
  }
}
