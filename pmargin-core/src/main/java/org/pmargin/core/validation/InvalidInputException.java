package org.pmargin.core.validation;

/**
 * Bad input to the engine: a value that is missing, not finite, out of range or inconsistent.
 *
 * <p>The exception names the offending field (a dotted path such as {@code positions[3].quantity} once a
 * reader has added its context), so that a command line, a service or a batch report can say exactly what
 * to fix. The engine never turns such input into a NaN or an infinity in a result.
 */
public class InvalidInputException extends IllegalArgumentException {

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field  the name of the offending field, never blank
   * @param message  what is wrong with it, including the value received
   */
  public InvalidInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param field  the name of the offending field
   * @param message  what is wrong with it
   * @param cause  the underlying failure
   */
  public InvalidInputException(String field, String message, Throwable cause) {
    super(field + ": " + message, cause);
    this.field = field;
  }

  /** The name (or dotted path) of the field that was rejected. */
  public String field() {
    return field;
  }

  /** The message without the field prefix. */
  public String reason() {
    String m = getMessage();
    return m.startsWith(field + ": ") ? m.substring(field.length() + 2) : m;
  }

  /**
   * Returns a copy whose field path is prefixed with a parent path, e.g. {@code positions[2]} + {@code quantity}.
   *
   * @param parent  the path of the enclosing object
   * @return the exception with the longer path
   */
  public InvalidInputException within(String parent) {
    String path = field.startsWith("[") ? parent + field : parent + "." + field;
    InvalidInputException e = new InvalidInputException(path, reason(), getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
