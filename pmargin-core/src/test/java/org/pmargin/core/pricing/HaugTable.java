package org.pmargin.core.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pmargin.core.instrument.OptionType;

/** Reads the table of Haug's published European option values (see the resource file's header for the source). */
final class HaugTable {

  private static final String RESOURCE = "haug-european-values.csv";

  private HaugTable() {
  }

  /**
   * One published row.
   *
   * @param page  the page of Haug (1998) the row is printed on
   * @param type  call or put
   * @param strike  K
   * @param spot  S
   * @param dividendYield  q (cost of carry b = r - q)
   * @param rate  r
   * @param expiry  T in years
   * @param vol  σ
   * @param value  the published value
   * @param tolerance  the absolute tolerance used by QuantLib for the row
   */
  record Row(String page, OptionType type, double strike, double spot, double dividendYield, double rate,
      double expiry, double vol, double value, double tolerance) {
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(HaugTable.class.getResourceAsStream(RESOURCE), RESOURCE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        rows.add(new Row(f[0], OptionType.valueOf(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
            Double.parseDouble(f[8]), Double.parseDouble(f[9])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rows.size() != 43) {
      throw new IllegalStateException("expected the 43 rows of QuantLib's testValues, read " + rows.size());
    }
    return rows;
  }
}
