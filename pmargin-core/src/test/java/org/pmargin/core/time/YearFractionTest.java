package org.pmargin.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.validation.InvalidInputException;

/** Checks ACT/365 Fixed year fractions between instants and their inverse. */
class YearFractionTest {

  private static final Instant START = Instant.parse("2024-01-01T08:00:00Z");

  @Test
  void shouldCountDaysOver365() {
    // ACT/365 Fixed: 365 days is one year even across a leap day (2024-02-29 lies in between)
    assertThat(YearFraction.between(START, START.plus(Duration.ofDays(365)))).isEqualTo(1.0);
    assertThat(YearFraction.between(START, Instant.parse("2024-12-31T08:00:00Z"))).isEqualTo(365.0 / 365.0);
    assertThat(YearFraction.between(START, Instant.parse("2025-01-01T08:00:00Z"))).isEqualTo(366.0 / 365.0);
    assertThat(YearFraction.between(START, START.plus(Duration.ofDays(1)))).isEqualTo(1.0 / 365.0);
    assertThat(YearFraction.between(START, START.plus(Duration.ofHours(1)))).isCloseTo(1.0 / 8760.0,
        within(1e-18));
    assertThat(YearFraction.SECONDS_PER_YEAR).isEqualTo(31_536_000.0);
  }

  @Test
  void shouldBeSignedAndKeepNanoseconds() {
    assertThat(YearFraction.between(START.plus(Duration.ofDays(73)), START)).isEqualTo(-0.2);
    assertThat(YearFraction.between(START, START.plusNanos(500_000_000))).isCloseTo(0.5 / 31_536_000.0,
        within(1e-20));
    // -1 ns is stored as -1 s + 999,999,999 ns: the sum rounds at 1e-16 s, far below a nanosecond
    assertThat(YearFraction.between(START, START.minusNanos(1))).isCloseTo(-1e-9 / 31_536_000.0,
        within(1e-15 / 31_536_000.0));
    assertThat(YearFraction.between(START, START)).isZero();
  }

  record Case(long seed, int index, long seconds, int nanos) {
  }

  static Stream<Case> cases() {
    long seed = 8_760L;
    SplittableRandom rng = new SplittableRandom(seed);
    return IntStream.range(0, 300).mapToObj(i -> new Case(seed, i, rng.nextLong(-10L * 31_536_000, 60L * 31_536_000),
        rng.nextInt(1_000_000_000))).toList().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldInvertPlusYearsToTheMicrosecond(Case c) {
    Instant to = START.plusSeconds(c.seconds()).plusNanos(c.nanos());
    double years = YearFraction.between(START, to);
    assertThat(years).isCloseTo((c.seconds() + c.nanos() * 1e-9) / 31_536_000.0, within(1e-15 * Math.abs(years)
        + 1e-18));
    // a double carries ~16 digits: 60 years in seconds (1.9e9 s) is resolved to about 1e-6 s
    Duration error = Duration.between(YearFraction.plusYears(START, years), to).abs();
    assertThat(error).isLessThanOrEqualTo(Duration.ofNanos(2_000));
  }

  @Test
  void shouldNameBadArguments() {
    assertThatThrownBy(() -> YearFraction.between(null, START))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
    assertThatThrownBy(() -> YearFraction.between(START, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
    assertThatThrownBy(() -> YearFraction.plusYears(START, Double.NaN))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("years"));
  }
}
