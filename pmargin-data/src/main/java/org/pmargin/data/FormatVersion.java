package org.pmargin.data;

import org.pmargin.core.validation.InvalidInputException;

/**
 * The versions of the JSON formats this build reads. Every file format has a top-level {@code version} field; a
 * reader accepts only the versions it knows, so a newer file is refused with a clear message rather than misread.
 */
public final class FormatVersion {

  /** The current version of the portfolio and market-snapshot formats. */
  public static final int CURRENT = 1;

  private FormatVersion() {
  }

  /**
   * Checks the {@code version} field of a document.
   *
   * @param doc  the top-level object
   * @param kind  the kind of document, for the message ("portfolio", "market snapshot")
   */
  public static void check(Fields doc, String kind) {
    if (!doc.has("version")) {
      throw new InvalidInputException("version", "is required in a " + kind + " file (current version: "
          + CURRENT + ")");
    }
    long v = doc.integer("version");
    if (v != CURRENT) {
      throw new InvalidInputException("version", "unsupported " + kind + " format version " + v
          + "; this build reads version " + CURRENT);
    }
  }
}
