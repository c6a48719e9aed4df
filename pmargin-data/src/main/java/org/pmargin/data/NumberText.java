package org.pmargin.data;

import java.util.Locale;

/** Numbers written for people: to a number of significant digits, with thousands separators (tables, provenance). */
public final class NumberText {

  private NumberText() {
  }

  /**
   * A value to {@code digits} significant digits: fixed point with thousands separators between 1e-3 and 1e9,
   * scientific outside.
   *
   * @param value  the value
   * @param digits  the significant digits, &gt;= 1
   * @return the text
   */
  public static String sig(double value, int digits) {
    if (value == 0) {
      return "0";
    }
    double a = Math.abs(value);
    if (a >= 1e-3 && a < 1e9) {
      int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(a)));
      return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
    return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
  }
}
