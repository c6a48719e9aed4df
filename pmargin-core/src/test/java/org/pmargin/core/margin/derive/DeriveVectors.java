package org.pmargin.core.margin.derive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;

/**
 * Reads {@code /derive/pm2-vectors.txt}: the inputs and expected results of derivexyz/v2-core's PM2 portfolio cases,
 * transcribed (numbers only) into a line format described at the top of the file.
 */
final class DeriveVectors {

  private DeriveVectors() {
  }

  /** One vector: its name, the file version read, the subaccount, the parameters and the expected numbers. */
  record Vector(String name, String commit, DerivePortfolio portfolio, DeriveParameters parameters,
      Map<String, Double> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> load() {
    InputStream in = DeriveVectors.class.getResourceAsStream("/derive/pm2-vectors.txt");
    if (in == null) {
      throw new IllegalStateException("missing /derive/pm2-vectors.txt");
    }
    List<Vector> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Builder b = null;
      String line;
      while ((line = r.readLine()) != null) {
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (text.isEmpty()) {
          continue;
        }
        if (text.startsWith("[")) {
          if (b != null) {
            out.add(b.build());
          }
          b = new Builder(text.substring(1, text.length() - 1));
          continue;
        }
        b.line(text.split("\\s+"));
      }
      if (b != null) {
        out.add(b.build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static final class Builder {
    final String name;
    String commit = "";
    double spot;
    double spotConfidence;
    double stable;
    double stableConfidence;
    double cash;
    DerivePortfolio.Perp perp = DerivePortfolio.Perp.none();
    final Map<Long, double[]> feeds = new LinkedHashMap<>();
    final Map<Long, List<DerivePortfolio.Option>> options = new TreeMap<>();
    final List<DerivePortfolio.Collateral> collaterals = new ArrayList<>();
    DeriveParameters params = DeriveParameters.testSet();
    final List<DeriveScenario> scenarios = new ArrayList<>();
    final Map<String, Double> expected = new LinkedHashMap<>();

    Builder(String name) {
      this.name = name;
    }

    void line(String[] t) {
      switch (t[0]) {
        case "source" -> commit = t[1];
        case "spot" -> {
          spot = d(t[1]);
          spotConfidence = d(t[2]);
        }
        case "stable" -> {
          stable = d(t[1]);
          stableConfidence = d(t[2]);
        }
        case "cash" -> cash = d(t[1]);
        case "perp" -> perp = new DerivePortfolio.Perp("perp", d(t[1]), d(t[2]), d(t[3]), d(t[4]), d(t[5]));
        case "feed" -> feeds.put(Long.parseLong(t[1]), new double[] {d(t[2]), d(t[3]), d(t[4]), d(t[5]), d(t[6])});
        case "option" -> {
          long seconds = Long.parseLong(t[1]);
          OptionType type = t[3].equals("C") ? OptionType.CALL : OptionType.PUT;
          List<DerivePortfolio.Option> list = options.computeIfAbsent(seconds, s -> new ArrayList<>());
          list.add(new DerivePortfolio.Option(t[3] + "-" + t[2] + "@" + seconds, d(t[2]), type, d(t[4]), d(t[5]),
              feeds.get(seconds)[4]));
        }
        case "collateral" -> collaterals.add(new DerivePortfolio.Collateral(t[1], d(t[2]), d(t[3]), d(t[4]),
            t[5].equals("1"), d(t[6]), d(t[7])));
        case "param" -> params = params.with(t[1], d(t[2]));
        case "scenario" -> scenarios.add(new DeriveScenario(d(t[1]), DeriveVolShock.valueOf(t[2].toUpperCase(
            Locale.ROOT)), d(t[3])));
        case "expect" -> expected.put(t[1], d(t[2]));
        default -> throw new IllegalArgumentException(name + ": unknown line " + String.join(" ", t));
      }
    }

    Vector build() {
      List<DerivePortfolio.Expiry> expiries = new ArrayList<>();
      for (Map.Entry<Long, double[]> f : feeds.entrySet()) {
        List<DerivePortfolio.Option> os = options.get(f.getKey());
        if (os == null) {
          continue;
        }
        long seconds = f.getKey();
        double forward = f.getValue()[0];
        // the repository's harness splits the forward inside the 30-minute settlement window:
        // fixed part F*(1800 - s)/1800, variable part F*s/1800 (setForwardPricePortions)
        double variable = seconds < 1800 ? forward * seconds / 1800 : forward;
        double fixed = seconds < 1800 ? forward * (1800 - seconds) / 1800 : 0;
        expiries.add(new DerivePortfolio.Expiry(seconds, variable, fixed, f.getValue()[2], f.getValue()[1],
            f.getValue()[3], os));
      }
      DeriveParameters p = scenarios.isEmpty() ? params : params.withScenarios(scenarios);
      DerivePortfolio portfolio = new DerivePortfolio(Asset.of("X"), spot, spotConfidence, stable, cash, perp,
          expiries, collaterals);
      return new Vector(name, commit, portfolio, p, expected);
    }

    private static double d(String s) {
      return Double.parseDouble(s);
    }
  }
}
