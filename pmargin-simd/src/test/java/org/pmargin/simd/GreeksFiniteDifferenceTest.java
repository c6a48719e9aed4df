package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta, gamma and vega of both kernels against central finite differences of the kernel's own price, over a seeded
 * random batch. Bumps are relative to the option's own scale: F by 1e-4·F·σ√T for delta and 1e-3·F·σ√T for gamma
 * (the price curves in F on the scale F·σ√T), σ by 1e-4·σ for vega, so the truncation error is O(bump²) for every
 * option, short-dated or long, and the rounding error about ulp(price)/h is far smaller; the tolerance allows both.
 */
class GreeksFiniteDifferenceTest {

  private static final int SIZE = 3001;
  private static final double BUMP = 1e-4;
  private static final double GAMMA_BUMP = 1e-3;
  /** Relative to the Greek's natural scale (D, D/(F·σ√T), D·F·√T). */
  private static final double TOL = 2e-6;

  static Stream<Black76Kernel> kernels() {
    return Stream.of(ScalarBlack76Kernel.INSTANCE, VectorBlack76Kernel.INSTANCE);
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void shouldMatchFiniteDifferencesOfThePrice(Black76Kernel kernel) {
    Black76Batch batch = RandomBatches.batch(8080L, SIZE);
    double[] f = new double[SIZE];
    double[] k = new double[SIZE];
    double[] t = new double[SIZE];
    double[] v = new double[SIZE];
    double[] d = new double[SIZE];
    double[] s = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      f[i] = batch.forward(i);
      k[i] = batch.strike(i);
      t[i] = batch.expiryYears(i);
      v[i] = batch.vol(i);
      d[i] = batch.discount(i);
      s[i] = batch.sign(i);
    }
    double[][] g = new double[4][SIZE];
    kernel.priceGreeks(batch, g[0], g[1], g[2], g[3]);

    double[] sd = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      sd[i] = v[i] * Math.sqrt(t[i]);
    }
    double[] fUp = bumped(f, sd, BUMP);
    double[] fDown = bumped(f, sd, -BUMP);
    double[] fUp2 = bumped(f, sd, GAMMA_BUMP);
    double[] fDown2 = bumped(f, sd, -GAMMA_BUMP);
    double[] vUp = scaled(v, 1 + BUMP);
    double[] vDown = scaled(v, 1 - BUMP);
    double[] pfUp = price(kernel, fUp, k, t, v, d, s);
    double[] pfDown = price(kernel, fDown, k, t, v, d, s);
    double[] pfUp2 = price(kernel, fUp2, k, t, v, d, s);
    double[] pfDown2 = price(kernel, fDown2, k, t, v, d, s);
    double[] pvUp = price(kernel, f, k, t, vUp, d, s);
    double[] pvDown = price(kernel, f, k, t, vDown, d, s);
    for (int i = 0; i < SIZE; i++) {
      double sqrtT = Math.sqrt(t[i]);
      double delta = (pfUp[i] - pfDown[i]) / (fUp[i] - fDown[i]);
      double hUp = fUp2[i] - f[i];
      double hDown = f[i] - fDown2[i];
      // the second difference on the (slightly uneven, after rounding) grid f - hDown, f, f + hUp
      double gamma = 2 * ((pfUp2[i] - g[0][i]) / hUp - (g[0][i] - pfDown2[i]) / hDown) / (hUp + hDown);
      double vega = (pvUp[i] - pvDown[i]) / (vUp[i] - vDown[i]);
      String what = "option " + i + " (F=" + f[i] + " K=" + k[i] + " T=" + t[i] + " vol=" + v[i] + ")";
      // deep in the money the price is nearly D·(F − K): its rounding, divided by the bump, adds to the error
      double deltaRounding = 4 * Math.ulp(Math.max(pfUp[i], pfDown[i])) / (fUp[i] - fDown[i]);
      assertThat(Math.abs(g[1][i] - delta)).as("delta, %s", what).isLessThan(TOL * d[i] + deltaRounding);
      double gammaRounding = 8 * Math.ulp(Math.max(pfUp2[i], pfDown2[i])) / (hUp * hDown);
      assertThat(Math.abs(g[2][i] - gamma)).as("gamma, %s", what)
          .isLessThan(TOL * d[i] / (f[i] * v[i] * sqrtT) + gammaRounding);
      double vegaRounding = 4 * Math.ulp(Math.max(pvUp[i], pvDown[i])) / (vUp[i] - vDown[i]);
      assertThat(Math.abs(g[3][i] - vega)).as("vega, %s", what).isLessThan(TOL * d[i] * f[i] * sqrtT + vegaRounding);
    }
  }

  /** a·(1 + bump·scale), lane by lane. */
  private static double[] bumped(double[] a, double[] scale, double bump) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * (1 + bump * scale[i]);
    }
    return out;
  }

  private static double[] scaled(double[] a, double factor) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * factor;
    }
    return out;
  }

  private static double[] price(Black76Kernel kernel, double[] f, double[] k, double[] t, double[] v, double[] d,
      double[] s) {
    double[] out = new double[f.length];
    kernel.price(Black76Batch.of(f, k, t, v, d, s), out);
    return out;
  }
}
