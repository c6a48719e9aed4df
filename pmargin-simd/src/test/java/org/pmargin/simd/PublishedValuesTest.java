package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.pricing.OptionGreeks;

/**
 * Both kernels against worked examples printed in Haug and Hull, and the scalar reference against the core's
 * {@link Black76}, which it must reproduce (its price bit for bit).
 */
class PublishedValuesTest {

  /** Half a unit in the 4th decimal: the precision Haug prints. */
  private static final double HAUG_TOL = 5e-5;
  /** Half a cent: the precision Hull prints. */
  private static final double HULL_TOL = 0.005;

  static Stream<Black76Kernel> kernels() {
    return Stream.of(ScalarBlack76Kernel.INSTANCE, VectorBlack76Kernel.INSTANCE);
  }

  /**
   * Haug, The Complete Guide to Option Pricing Formulas, 2nd ed. (2007), ch. 1, Black (1976) options on futures:
   * F = 19, K = 19, T = 0.75, r = 0.10, σ = 0.28 gives c = p = 1.7011.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void shouldPriceHaugsBlack76Example(Black76Kernel kernel) {
    double[] price = price(kernel, batch(19, 19, 0.75, 0.28, 0.10));
    assertThat(price[0]).isCloseTo(1.7011, within(HAUG_TOL));
    assertThat(price[1]).isCloseTo(1.7011, within(HAUG_TOL));
  }

  /**
   * Haug 2nd ed., ch. 2, generalized Black-Scholes-Merton delta with b = 0 (an option on a future): F = 105,
   * K = 100, T = 0.5, r = 0.10, σ = 0.36 gives call delta 0.5946 and put delta −0.3566.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void shouldReproduceHaugsFuturesOptionDeltas(Black76Kernel kernel) {
    double[][] g = greeks(kernel, batch(105, 100, 0.5, 0.36, 0.10));
    assertThat(g[1][0]).isCloseTo(0.5946, within(HAUG_TOL));
    assertThat(g[1][1]).isCloseTo(-0.3566, within(HAUG_TOL));
  }

  /**
   * Hull, Options, Futures, and Other Derivatives, 9th ed., ch. 18, Black's model: a 4-month European put on
   * crude-oil futures, F = K = 20, r = 9 %, σ = 25 %: p = 1.12.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void shouldPriceHullsCrudeOilFuturesPut(Black76Kernel kernel) {
    assertThat(price(kernel, batch(20, 20, 4.0 / 12, 0.25, 0.09))[1]).isCloseTo(1.12, within(HULL_TOL));
  }

  @Test
  void shouldReproduceTheCoreBlack76() {
    Black76Batch batch = RandomBatches.batch(31L, 2000);
    double[][] g = greeks(ScalarBlack76Kernel.INSTANCE, batch);
    for (int i = 0; i < batch.size(); i++) {
      boolean call = batch.sign(i) > 0;
      double rate = -Math.log(batch.discount(i)) / batch.expiryYears(i);
      assertThat(g[0][i]).as("price %d", i).isEqualTo(Black76.priceUnchecked(call, batch.forward(i),
          batch.strike(i), batch.expiryYears(i), batch.vol(i), batch.discount(i)));
      OptionGreeks core = Black76.greeks(call ? OptionType.CALL : OptionType.PUT, batch.forward(i), batch.strike(i),
          batch.expiryYears(i), batch.vol(i), rate);
      // the core recomputes D from r, an ulp or two away from the batch's D
      double d = batch.discount(i);
      assertThat(g[1][i]).as("delta %d", i).isCloseTo(core.delta(), within(1e-14 * d));
      assertThat(g[2][i]).as("gamma %d", i).isCloseTo(core.gamma(), within(1e-14 * Math.abs(core.gamma()) + 1e-300));
      assertThat(g[3][i]).as("vega %d", i).isCloseTo(core.vega(), within(1e-14 * Math.abs(core.vega()) + 1e-300));
    }
  }

  //-------------------------------------------------------------------------
  /** A call (index 0) and a put (index 1) on the same terms. */
  static Black76Batch batch(double f, double k, double t, double vol, double rate) {
    return Black76Batch.ofRates(new double[] {f, f}, new double[] {k, k}, new double[] {t, t},
        new double[] {vol, vol}, new double[] {rate, rate}, new double[] {1, -1});
  }

  static double[] price(Black76Kernel kernel, Black76Batch batch) {
    double[] price = new double[batch.size()];
    kernel.price(batch, price);
    return price;
  }

  static double[][] greeks(Black76Kernel kernel, Black76Batch batch) {
    double[][] g = new double[4][batch.size()];
    kernel.priceGreeks(batch, g[0], g[1], g[2], g[3]);
    return g;
  }
}
