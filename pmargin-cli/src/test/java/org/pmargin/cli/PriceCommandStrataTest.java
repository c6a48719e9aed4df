package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;
import com.opengamma.strata.pricer.impl.option.BlackScholesFormulaRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code pmargin price} end to end (JSON lines in, JSON lines out) against an independent implementation,
 * OpenGamma Strata's Black and Black-Scholes formula repositories, to 1e-9 relative on seeded random cases.
 *
 * <p>Strata's Black formulas are undiscounted, so its figures are multiplied by e^(−rT). Its Black theta holds the
 * spot fixed, ours the forward (−∂V/∂T at fixed F, as the issue defines theta), so ours is compared with the
 * identity θ = r·V + e^(−rT)·driftlessTheta built from Strata's driftless theta. Strata returns exactly zero far in
 * the tails (e.g. a gamma of 4e-15 one day before expiry, 34% out of the money), so strikes stay within five
 * standard deviations of the forward, and figures below 1e-3 of their natural scale (an at-the-money option's) are
 * compared to 1e-12 of that scale instead.
 */
class PriceCommandStrataTest {

  private static final long SEED = 20261125L;
  private static final int CASES = 400;
  private static final double REL = 1e-9;

  @TempDir
  Path dir;

  /** One random case with the numbers the expected values need. */
  private record Case(String json, boolean black76, boolean call, double x, double k, double t, double vol,
      double rate, double q) {
  }

  @Test
  void shouldMatchStrataToOneInABillionOnRandomCases() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<Case> cases = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < CASES; i++) {
      boolean black76 = rnd.nextBoolean();
      boolean call = rnd.nextBoolean();
      double x = 10 * Math.pow(10, rnd.nextDouble(0, 4));
      double t = Math.exp(rnd.nextDouble(Math.log(1.0 / 365), Math.log(3.0)));
      double vol = rnd.nextDouble(0.1, 1.5);
      // Strikes within 5 standard deviations (and 0.6 in log) of the forward: beyond, Strata truncates to zero.
      double width = Math.min(0.6, 5 * vol * Math.sqrt(t));
      double k = x * Math.exp(rnd.nextDouble(-width, width));
      double rate = rnd.nextDouble(-0.02, 0.1);
      double q = black76 ? 0 : rnd.nextDouble(-0.05, 0.15);
      String json = black76
          ? String.format(Locale.ROOT, "{\"model\":\"black76\",\"type\":\"%s\",\"forward\":%s,\"strike\":%s,"
              + "\"vol\":%s,\"expiry_years\":%s,\"rate\":%s}", call ? "call" : "put", x, k, vol, t, rate)
          : String.format(Locale.ROOT, "{\"model\":\"black-scholes\",\"type\":\"%s\",\"spot\":%s,\"strike\":%s,"
              + "\"vol\":%s,\"expiry_years\":%s,\"rate\":%s,\"dividend_yield\":%s}", call ? "call" : "put", x, k,
              vol, t, rate, q);
      cases.add(new Case(json, black76, call, x, k, t, vol, rate, q));
      in.append(json).append('\n');
    }
    Path file = dir.resolve("cases.jsonl");
    Files.writeString(file, in);

    CliRun run = CliRun.of("price", "--input", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(CASES);
    for (int i = 0; i < CASES; i++) {
      Case c = cases.get(i);
      JsonNode r = Json.parse(lines[i]);
      String where = "seed " + SEED + ", case " + (i + 1) + ": " + c.json();
      assertThat(r.get("line").asLong()).as(where).isEqualTo(i + 1);
      double[] expected = c.black76() ? strataBlack76(c) : strataBlackScholes(c);
      String[] names = {"price", "delta", "gamma", "vega", "theta", "vanna", "volga"};
      // Natural magnitudes (an at-the-money option's): price X, delta 1, gamma 1/(X·σ√T), vega X√T, theta Xσ/√T,
      // vanna 1/σ, volga X√T/σ.
      double sqrtT = Math.sqrt(c.t());
      double[] scale = {c.x(), 1, 1 / (c.x() * c.vol() * sqrtT), c.x() * sqrtT, c.x() * c.vol() / sqrtT,
          1 / c.vol(), c.x() * sqrtT / c.vol()};
      for (int j = 0; j < names.length; j++) {
        double actual = r.get(names[j]).asDouble();
        double tolerance = REL * Math.max(Math.abs(expected[j]), 1e-3 * scale[j]);
        assertThat(actual).as(names[j] + " for " + where).isCloseTo(expected[j],
            org.assertj.core.data.Offset.offset(tolerance));
      }
    }
  }

  private static double[] strataBlack76(Case c) {
    double df = Math.exp(-c.rate() * c.t());
    double undiscounted = BlackFormulaRepository.price(c.x(), c.k(), c.t(), c.vol(), c.call());
    double theta = c.rate() * df * undiscounted + df * BlackFormulaRepository.driftlessTheta(c.x(), c.k(), c.t(),
        c.vol());
    return new double[] {df * undiscounted,
        df * BlackFormulaRepository.delta(c.x(), c.k(), c.t(), c.vol(), c.call()),
        df * BlackFormulaRepository.gamma(c.x(), c.k(), c.t(), c.vol()),
        df * BlackFormulaRepository.vega(c.x(), c.k(), c.t(), c.vol()),
        theta,
        df * BlackFormulaRepository.vanna(c.x(), c.k(), c.t(), c.vol()),
        df * BlackFormulaRepository.volga(c.x(), c.k(), c.t(), c.vol())};
  }

  private static double[] strataBlackScholes(Case c) {
    double b = c.rate() - c.q();
    return new double[] {
        BlackScholesFormulaRepository.price(c.x(), c.k(), c.t(), c.vol(), c.rate(), b, c.call()),
        BlackScholesFormulaRepository.delta(c.x(), c.k(), c.t(), c.vol(), c.rate(), b, c.call()),
        BlackScholesFormulaRepository.gamma(c.x(), c.k(), c.t(), c.vol(), c.rate(), b),
        BlackScholesFormulaRepository.vega(c.x(), c.k(), c.t(), c.vol(), c.rate(), b),
        BlackScholesFormulaRepository.theta(c.x(), c.k(), c.t(), c.vol(), c.rate(), b, c.call()),
        BlackScholesFormulaRepository.vanna(c.x(), c.k(), c.t(), c.vol(), c.rate(), b),
        BlackScholesFormulaRepository.vomma(c.x(), c.k(), c.t(), c.vol(), c.rate(), b)};
  }
}
