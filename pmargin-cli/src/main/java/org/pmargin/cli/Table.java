package org.pmargin.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table for people: a header row, right-aligned numbers, left-aligned text.
 */
final class Table {

  private final String[] headers;
  private final boolean[] leftAligned;
  private final List<String[]> rows = new ArrayList<>();

  /** Creates a table; a header starting with '<' is a left-aligned text column (the '<' is not printed). */
  Table(String... headers) {
    this.headers = new String[headers.length];
    this.leftAligned = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      leftAligned[i] = headers[i].startsWith("<");
      this.headers[i] = leftAligned[i] ? headers[i].substring(1) : headers[i];
    }
  }

  /** Adds a row of already formatted cells. */
  Table row(String... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /** Prints the table with two spaces between columns. */
  void print(PrintWriter out) {
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = headers[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    printRow(out, headers, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (String[] r : rows) {
      printRow(out, r, width);
    }
  }

  private void printRow(PrintWriter out, String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      String pad = " ".repeat(width[i] - cells[i].length());
      sb.append(leftAligned[i] ? cells[i] + pad : pad + cells[i]);
    }
    out.println(sb.toString().stripTrailing());
  }

  /** A number with a fixed count of decimals and thousands separators. */
  static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** A number with a given count of significant digits, plain or scientific as it reads best. */
  static String sig(double value, int digits) {
    return org.pmargin.data.NumberText.sig(value, digits);
  }
}
