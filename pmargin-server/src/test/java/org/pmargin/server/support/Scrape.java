package org.pmargin.server.support;

import java.util.Arrays;

/** Reads one sample out of a Prometheus text scrape: the metric's name and label pairs {@code k="v"} to match. */
public final class Scrape {

  private Scrape() {
  }

  /**
   * The value of the first sample with this name whose labels contain every given pair.
   *
   * @param scrape  the scrape text
   * @param name  the sample's name, e.g. {@code pmargin_requests_rejected_total}
   * @param labels  pairs such as {@code code="invalid_input"}
   * @return its value, or 0 when no sample matches (a counter never incremented)
   */
  public static double value(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
        continue;
      }
      String head = line.substring(0, line.lastIndexOf(' '));
      if (Arrays.stream(labels).allMatch(head::contains)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
