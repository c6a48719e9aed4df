package org.pmargin.core.validation;

import java.util.Objects;

/**
 * Argument checks that return the value they validated, so a record's compact constructor can read
 * {@code strike = Checks.positive(strike, "strike")}.
 *
 * <p>Every comparison is written so that NaN fails it ({@code value > 0}, never {@code !(value <= 0)}), and
 * every failure is an {@link InvalidInputException} naming the field and showing the value received.
 */
public final class Checks {

  private Checks() {
  }

  /** The value, which must be finite (neither NaN nor infinite). */
  public static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(field, "must be a finite number, got " + value);
    }
    return value;
  }

  /** The value, which must be finite and strictly positive. */
  public static double positive(double value, String field) {
    if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
      throw new InvalidInputException(field, "must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** The value, which must be finite and zero or positive. */
  public static double nonNegative(double value, String field) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new InvalidInputException(field, "must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** The value, which must lie in the closed interval [min, max]. */
  public static double inRange(double value, double min, double max, String field) {
    if (!(value >= min && value <= max)) {
      throw new InvalidInputException(field, "must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** The value, which must not be null. */
  public static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  /** The string, which must not be null or blank. */
  public static String notBlank(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "is required and must not be blank");
    }
    return value;
  }

  /** Fails with the given message about the field unless the condition holds. */
  public static void require(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidInputException(field, Objects.requireNonNull(message));
    }
  }
}
