package org.pmargin.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.validation.InvalidInputException;

/** Validation of the batch: every bad input is rejected once, at construction, naming the field and the index. */
class Black76BatchTest {

  /** Three valid options; each case below breaks option 1 in one field. */
  private static double[][] valid() {
    return new double[][] {
        {100, 100, 100}, // forward
        {90, 100, 110}, // strike
        {0.5, 0.5, 0.5}, // expiry
        {0.6, 0.6, 0.6}, // vol
        {0.99, 0.99, 0.99}, // discount
        {1, -1, 1}}; // sign
  }

  private static Arguments breaking(String field, int column, double value, String message) {
    return Arguments.of(field, (Consumer<double[][]>) a -> a[column][1] = value, message);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        breaking("forward[1]", 0, Double.NaN, "finite number in [1.0E-100, 1.0E100]"),
        breaking("forward[1]", 0, -1, "finite number in"),
        breaking("forward[1]", 0, Double.POSITIVE_INFINITY, "finite number in"),
        breaking("forward[1]", 0, 1e101, "finite number in"),
        breaking("strike[1]", 1, 0, "finite number in"),
        breaking("strike[1]", 1, 1e-101, "finite number in"),
        breaking("expiry_years[1]", 2, 0, "finite number > 0"),
        breaking("vol[1]", 3, 0, "finite number > 0"),
        breaking("vol[1]", 3, 1e-14, "intrinsic value"),
        breaking("vol[1]", 3, 1000, "vol·sqrt(expiry_years)"),
        breaking("discount[1]", 4, Double.NaN, "finite number > 0"),
        breaking("sign[1]", 5, 0.5, "+1 (call) or -1 (put)"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badInputs")
  void shouldRejectNamingTheFieldAndIndex(String field, Consumer<double[][]> breakIt, String message) {
    double[][] a = valid();
    breakIt.accept(a);
    assertThatThrownBy(() -> Black76Batch.of(a[0], a[1], a[2], a[3], a[4], a[5]))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void shouldRejectArraysOfDifferentLengths() {
    double[][] a = valid();
    assertThatThrownBy(() -> Black76Batch.of(a[0], a[1], a[2], new double[] {0.6}, a[4], a[5]))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vol"))
        .hasMessageContaining("one entry per option");
    assertThatThrownBy(() -> Black76Batch.of(null, a[1], a[2], a[3], a[4], a[5]))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("forward"));
  }

  @Test
  void shouldRejectAnOutOfRangeRate() {
    double[][] a = valid();
    double[] rate = {0.05, 400, 0.05};
    assertThatThrownBy(() -> Black76Batch.ofRates(a[0], a[1], a[2], a[3], rate, a[5]))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rate[1]"));
  }

  @Test
  void shouldCopyTheArraysSoLaterChangesCannotBypassValidation() {
    double[][] a = valid();
    Black76Batch batch = Black76Batch.of(a[0], a[1], a[2], a[3], a[4], a[5]);
    a[3][1] = Double.NaN;
    assertThat(batch.vol(1)).isEqualTo(0.6);
    assertThat(batch.size()).isEqualTo(3);
  }

  @Test
  void shouldComputeDiscountFactorsFromRates() {
    double[][] a = valid();
    Black76Batch batch = Black76Batch.ofRates(a[0], a[1], a[2], a[3], new double[] {0.1, 0, -0.1}, a[5]);
    assertThat(batch.discount(0)).isEqualTo(Math.exp(-0.05));
    assertThat(batch.discount(1)).isEqualTo(1.0);
    assertThat(batch.discount(2)).isEqualTo(Math.exp(0.05));
  }

  @Test
  void shouldRejectOutputArraysThatAreTooShort() {
    double[][] a = valid();
    Black76Batch batch = Black76Batch.of(a[0], a[1], a[2], a[3], a[4], a[5]);
    for (Black76Kernel kernel : new Black76Kernel[] {ScalarBlack76Kernel.INSTANCE, VectorBlack76Kernel.INSTANCE}) {
      assertThatThrownBy(() -> kernel.price(batch, new double[2]))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"));
      assertThatThrownBy(() -> kernel.priceGreeks(batch, new double[3], new double[3], null, new double[3]))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("gamma"));
    }
  }
}
