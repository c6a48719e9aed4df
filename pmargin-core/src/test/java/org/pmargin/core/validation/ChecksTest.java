package org.pmargin.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the argument checks and InvalidInputException: NaN never passes, and every failure names its field. */
class ChecksTest {

  private static final String FIELD = "strike";

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void shouldRejectNonFiniteValuesInEveryNumericCheck(double bad) {
    assertRejected(() -> Checks.finite(bad, FIELD), String.valueOf(bad));
    assertRejected(() -> Checks.positive(bad, FIELD), String.valueOf(bad));
    assertRejected(() -> Checks.nonNegative(bad, FIELD), String.valueOf(bad));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {0.0, -0.0, -1e-300, -5})
  void shouldRejectZeroAndNegativesAsNotPositive(double bad) {
    assertRejected(() -> Checks.positive(bad, FIELD), String.valueOf(bad));
  }

  @Test
  void shouldReturnTheValidatedValue() {
    assertThat(Checks.finite(-3.5, FIELD)).isEqualTo(-3.5);
    assertThat(Checks.positive(Double.MIN_VALUE, FIELD)).isEqualTo(Double.MIN_VALUE);
    assertThat(Checks.positive(Double.MAX_VALUE, FIELD)).isEqualTo(Double.MAX_VALUE);
    assertThat(Checks.nonNegative(0.0, FIELD)).isEqualTo(0.0);
    assertThat(Checks.nonNegative(7, FIELD)).isEqualTo(7.0);
    assertThat(Checks.inRange(1.0, 1.0, 2.0, FIELD)).isEqualTo(1.0);
    assertThat(Checks.inRange(2.0, 1.0, 2.0, FIELD)).isEqualTo(2.0);
    assertThat(Checks.notNull("x", FIELD)).isEqualTo("x");
    assertThat(Checks.notBlank(" x ", FIELD)).isEqualTo(" x ");
  }

  @Test
  void shouldRejectNegativesAsNotNonNegative() {
    assertRejected(() -> Checks.nonNegative(-1e-300, FIELD), "-1.0E-300");
  }

  @Test
  void shouldRejectValuesOutsideAClosedRange() {
    assertRejected(() -> Checks.inRange(Math.nextDown(1.0), 1.0, 2.0, FIELD), "0.9999999999999999");
    assertRejected(() -> Checks.inRange(Math.nextUp(2.0), 1.0, 2.0, FIELD), "2.0000000000000004");
    assertRejected(() -> Checks.inRange(Double.NaN, 1.0, 2.0, FIELD), "NaN");
  }

  @Test
  void shouldRejectNullsAndBlanks() {
    assertRejected(() -> Checks.notNull(null, FIELD), "required");
    assertRejected(() -> Checks.notBlank(null, FIELD), "required");
    assertRejected(() -> Checks.notBlank("", FIELD), "blank");
    assertRejected(() -> Checks.notBlank(" \t", FIELD), "blank");
  }

  @Test
  void shouldRequireAConditionWithItsMessage() {
    Checks.require(true, FIELD, "never shown");
    assertRejected(() -> Checks.require(false, FIELD, "must be above the floor"), "must be above the floor");
  }

  @Test
  void shouldSplitFieldAndReason() {
    InvalidInputException e = new InvalidInputException("quantity", "must not be zero");
    assertThat(e.field()).isEqualTo("quantity");
    assertThat(e.reason()).isEqualTo("must not be zero");
    assertThat(e).hasMessage("quantity: must not be zero").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPrefixAParentPath() {
    InvalidInputException e = new InvalidInputException("quantity", "must not be zero");
    InvalidInputException nested = e.within("positions[3]");
    assertThat(nested.field()).isEqualTo("positions[3].quantity");
    assertThat(nested.reason()).isEqualTo("must not be zero");
    assertThat(nested).hasMessage("positions[3].quantity: must not be zero");
    assertThat(nested.getStackTrace()).isEqualTo(e.getStackTrace());
    // an index path joins without a dot, and paths nest
    InvalidInputException indexed = new InvalidInputException("[2].strike", "must be > 0").within("legs");
    assertThat(indexed.field()).isEqualTo("legs[2].strike");
    assertThat(indexed.within("accounts[0]").field()).isEqualTo("accounts[0].legs[2].strike");
  }

  @Test
  void shouldKeepTheCauseThroughWithin() {
    RuntimeException cause = new RuntimeException("parse");
    InvalidInputException e = new InvalidInputException("expiry", "bad date", cause).within("instrument");
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.field()).isEqualTo("instrument.expiry");
  }

  private static void assertRejected(ThrowingCallable call, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(FIELD))
        .hasMessageStartingWith(FIELD + ": ")
        .hasMessageContaining(messagePart);
  }
}
