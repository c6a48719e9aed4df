package org.pmargin.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the standard normal cdf and pdf against high-precision references, Hipparchus and textbook tables. */
class NormalTest {

  /**
   * 50-digit mpmath values of N(x) and φ(x) on x = -37..8 (step 1/8) plus region boundaries of Cody's
   * approximation; the file header gives the command that generated it.
   */
  private static final String REFERENCE_TABLE = "normal-reference.csv";

  /**
   * Relative accuracy of N(x) against the 50-digit reference. Cody (Math. Comp. 23, 1969) promises about 1e-15 for
   * ANORM; measured worst case here is 2.1e-15 at the boundary y = sqrt(32), so 4e-15 (about 18 ulps) is the bound.
   */
  private static final double CDF_REL_TOL = 4e-15;

  /**
   * Relative accuracy of φ(x) = exp(-x²/2)/sqrt(2π): the rounding of x²/2 (relative 2^-53) becomes an absolute error
   * of x²/2·2^-53 in the exponent, hence a relative error of that size in φ, plus a few ulps for exp and the product.
   */
  private static double pdfRelTol(double x) {
    return 4e-16 * (1 + x * x);
  }

  /**
   * Hipparchus Erf.erfc (regularized incomplete gamma) is itself only good to about 3.2e-13 relative in the far
   * lower tail (measured against the mpmath table for x in [-37, -6]); on [-6, 8] it is good to 1e-14.
   */
  private static final double HIPPARCHUS_CENTRAL_REL_TOL = 1e-14;
  private static final double HIPPARCHUS_TAIL_REL_TOL = 1e-12;

  private static final double SQRT2 = Math.sqrt(2.0);

  record Reference(double x, double cdf, double pdf) {
  }

  static Stream<Reference> referenceTable() throws IOException {
    List<Reference> rows = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(NormalTest.class.getResourceAsStream(REFERENCE_TABLE),
        REFERENCE_TABLE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("x,") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        rows.add(new Reference(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
      }
    }
    assertThat(rows).hasSizeGreaterThan(300);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceTable")
  void shouldMatchHighPrecisionCdfToFewUlps(Reference ref) {
    double n = Normal.cdf(ref.x());
    if (ref.cdf() >= Double.MIN_NORMAL) {
      assertThat(Math.abs(n - ref.cdf()) / ref.cdf()).as("relative error of N(%s)", ref.x())
          .isLessThanOrEqualTo(CDF_REL_TOL);
    } else {
      // subnormal results carry fewer significant bits: allow two subnormal spacings
      assertThat(n).isCloseTo(ref.cdf(), within(2 * Double.MIN_VALUE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceTable")
  void shouldMatchHighPrecisionPdf(Reference ref) {
    double p = Normal.pdf(ref.x());
    if (ref.pdf() >= Double.MIN_NORMAL) {
      assertThat(Math.abs(p - ref.pdf()) / ref.pdf()).as("relative error of pdf(%s)", ref.x())
          .isLessThanOrEqualTo(pdfRelTol(ref.x()));
    } else {
      assertThat(p).isCloseTo(ref.pdf(), within(2 * Double.MIN_VALUE));
    }
  }

  @Test
  void shouldAgreeWithHipparchusErfcInTheCentralRange() {
    for (int i = -6000; i <= 8000; i++) {
      double x = i / 1000.0;
      double expected = 0.5 * Erf.erfc(-x / SQRT2);
      assertThat(Math.abs(Normal.cdf(x) - expected) / expected).as("x = %s", x)
          .isLessThanOrEqualTo(HIPPARCHUS_CENTRAL_REL_TOL);
    }
  }

  @Test
  void shouldAgreeWithHipparchusErfcRelativelyInTheFarLowerTail() {
    for (int i = -37000; i <= -6000; i += 7) {
      double x = i / 1000.0;
      double expected = 0.5 * Erf.erfc(-x / SQRT2);
      assertThat(expected).isGreaterThan(0);
      assertThat(Math.abs(Normal.cdf(x) - expected) / expected).as("x = %s", x)
          .isLessThanOrEqualTo(HIPPARCHUS_TAIL_REL_TOL);
    }
  }

  @Test
  void shouldBeSymmetric() {
    for (int i = 0; i <= 40000; i++) {
      double x = i / 1000.0;
      // N(x) + N(-x) = 1 up to the rounding of 1 - tail: within two ulps of 1
      assertThat(Normal.cdf(x) + Normal.cdf(-x)).as("x = %s", x).isCloseTo(1.0, within(2 * Math.ulp(1.0)));
      assertThat(Normal.pdf(x)).isEqualTo(Normal.pdf(-x));
    }
  }

  @Test
  void shouldBeNonDecreasingAcrossTheApproximationBoundaries() {
    // Cody's approximation switches formula at |x| = 0.67448975, sqrt(32) and 38.5; walk across each one ulp at a
    // time. Two different rational functions meet there, so a step back of a few ulps (within the 1e-15 accuracy)
    // is inherent (2 ulps measured at 0.67448975); a jump of more than 4 ulps would be a broken branch.
    for (double boundary : new double[] {-38.5, -Math.sqrt(32), -0.67448975, 0.67448975, Math.sqrt(32), 38.5}) {
      double x = boundary - 64 * Math.ulp(boundary);
      double prev = Normal.cdf(x);
      for (int i = 0; i < 128; i++) {
        x = Math.nextUp(x);
        double n = Normal.cdf(x);
        assertThat(n).as("N(%s) after N(prev) = %s", x, prev).isGreaterThanOrEqualTo(prev - 4 * Math.ulp(prev));
        prev = n;
      }
    }
    double prev = 0;
    for (int i = -40000; i <= 40000; i++) {
      double n = Normal.cdf(i / 1000.0);
      assertThat(n).isGreaterThanOrEqualTo(prev).isBetween(0.0, 1.0);
      prev = n;
    }
  }

  /**
   * Exact values, 20 significant digits from mpmath (50-digit arithmetic):
   * {@code python3 -c "import mpmath as mp; mp.mp.dps=50; print(mp.ncdf(-5))"}. Note scipy.stats.norm.cdf(-5)
   * prints 2.866515718791933e-07, which is itself 2e-15 off; the 50-digit value is 2.8665157187919391167e-7.
   */
  @ParameterizedTest(name = "N({0}) = {1}")
  @CsvSource({
      "1.96, 0.97500210485177956379",
      "-1.0, 0.15865525393145705141",
      "-5.0, 2.8665157187919391167e-7",
      "-10.0, 7.6198530241605260660e-24",
      "-20.0, 2.7536241186062336951e-89",
      "-30.0, 4.9067139271481870595e-198",
      "0.0, 0.5",
      "8.0, 0.99999999999999937790"})
  void shouldMatchExactValues(double x, double expected) {
    assertThat(Normal.cdf(x)).isCloseTo(expected, within(CDF_REL_TOL * expected));
  }

  /**
   * Hull, Options, Futures, and Other Derivatives (9th ed.), the table "Cumulative Probabilities for the
   * Standard Normal Distribution" at the end of the book, printed to 4 decimals: tolerance half a unit of the 4th.
   */
  @ParameterizedTest(name = "N({0}) = {1}")
  @CsvSource({
      "0.5, 0.6915",
      "1.0, 0.8413",
      "1.96, 0.9750",
      "-1.0, 0.1587",
      "-2.0, 0.0228",
      "2.33, 0.9901",
      "-0.25, 0.4013"})
  void shouldMatchTheFourDigitTextbookTable(double x, double expected) {
    assertThat(Normal.cdf(x)).isCloseTo(expected, within(5e-5));
  }

  @Test
  void shouldHaveTheStandardDensityAtZero() {
    // 1/sqrt(2π) = 0.398942280401432677939946... (mpmath); INV_SQRT_2PI is the double nearest to it
    assertThat(Normal.pdf(0.0)).isCloseTo(0.3989422804014326779, within(Math.ulp(0.4)));
    assertThat(Normal.INV_SQRT_2PI).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(Math.ulp(0.4)));
  }

  @Test
  void shouldPropagateNaN() {
    assertThat(Normal.cdf(Double.NaN)).isNaN();
    assertThat(Normal.pdf(Double.NaN)).isNaN();
  }

  @Test
  void shouldGiveZeroDensityAtInfinity() {
    assertThat(Normal.pdf(Double.POSITIVE_INFINITY)).isZero();
    assertThat(Normal.pdf(Double.NEGATIVE_INFINITY)).isZero();
  }

  @Test
  void shouldSaturateBeyondTheTailCutoff() {
    assertThat(Normal.cdf(39.0)).isEqualTo(1.0);
    assertThat(Normal.cdf(-39.0)).isEqualTo(0.0);
    assertThat(Normal.cdf(Double.MAX_VALUE)).isEqualTo(1.0);
    assertThat(Normal.cdf(-Double.MAX_VALUE)).isEqualTo(0.0);
  }

  /**
   * N(+∞) = 1 and N(−∞) = 0 (the Javadoc promises a result in [0, 1] for any double except NaN).
   */
  @Test
  void shouldMapInfinitiesToZeroAndOne() {
    assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).as("N(+inf)").isEqualTo(1.0);
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).as("N(-inf)").isEqualTo(0.0);
  }
}
