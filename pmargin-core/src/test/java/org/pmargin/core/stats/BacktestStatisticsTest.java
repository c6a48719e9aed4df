package org.pmargin.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.stats.BacktestStatistics.LikelihoodRatio;
import org.pmargin.core.stats.BacktestStatistics.Zone;
import org.pmargin.core.validation.InvalidInputException;

/** Kupiec, Christoffersen and the Basel traffic light against hand (scipy) computations. */
class BacktestStatisticsTest {

  @Test
  void shouldMatchKupiecByHand() {
    // 250 days, 99%, 8 exceptions:
    // LR_uc = −2·ln[(0.99^242·0.01^8) / ((1 − 8/250)^242·(8/250)^8)] = 7.733550724494528,
    // p = scipy.stats.chi2.sf(LR, 1) = 0.005420405194127773 (python3 with scipy)
    LikelihoodRatio lr = BacktestStatistics.kupiec(250, 8, 0.99);
    assertThat(lr.statistic()).isCloseTo(7.733550724494528, within(1e-12));
    assertThat(lr.pValue()).isCloseTo(0.005420405194127773, within(1e-12));
    assertThat(lr.rejectedAt(0.05)).isTrue();
    // 0 exceptions: LR = −2·250·ln 0.99 = 5.025167926750726, p = 0.02498150305344973
    LikelihoodRatio zero = BacktestStatistics.kupiec(250, 0, 0.99);
    assertThat(zero.statistic()).isCloseTo(5.025167926750726, within(1e-12));
    assertThat(zero.pValue()).isCloseTo(0.02498150305344973, within(1e-12));
    // exactly the expected rate: LR = 0, p = 1
    LikelihoodRatio exact = BacktestStatistics.kupiec(500, 5, 0.99);
    assertThat(exact.statistic()).isCloseTo(0, within(1e-12));
    assertThat(exact.pValue()).isCloseTo(1, within(1e-6));
  }

  @Test
  void shouldMatchChristoffersenByHand() {
    // 0001110000: transitions n00 = 5, n01 = 1, n10 = 1, n11 = 2; π01 = 1/6, π11 = 2/3, π = 3/9;
    // LR_ind = 2.231435513142097, p = 0.13522815768706561 (python3 with scipy)
    boolean[] clustered = bits("0001110000");
    LikelihoodRatio lr = BacktestStatistics.christoffersen(clustered);
    assertThat(lr.statistic()).isCloseTo(2.231435513142097, within(1e-12));
    assertThat(lr.pValue()).isCloseTo(0.13522815768706561, within(1e-12));
    // 0011000100: n00 = 4, n01 = 2, n10 = 2, n11 = 1 → π01 = π11 = π = 1/3, LR_ind = 0
    assertThat(BacktestStatistics.christoffersen(bits("0011000100")).statistic()).isCloseTo(0, within(1e-12));
    // no exceptions at all: nothing to cluster
    LikelihoodRatio none = BacktestStatistics.christoffersen(new boolean[20]);
    assertThat(none.statistic()).isZero();
    assertThat(none.pValue()).isEqualTo(1);
    assertThat(BacktestStatistics.kupiec(clustered, 0.99).statistic())
        .isEqualTo(BacktestStatistics.kupiec(10, 3, 0.99).statistic());
  }

  @Test
  void shouldMatchConditionalCoverageByHand() {
    // 0001110000 at 99%: LR_uc = kupiec(10, 3) = 15.554439776779693, LR_ind = 2.231435513142097 (above);
    // LR_cc = 17.78587528992179, p = scipy.stats.chi2.sf(LR_cc, 2) = 0.0001373555628511172 (python3 with scipy)
    LikelihoodRatio cc = BacktestStatistics.conditionalCoverage(bits("0001110000"), 0.99);
    assertThat(cc.statistic()).isCloseTo(17.78587528992179, within(1e-12));
    assertThat(cc.pValue()).isCloseTo(0.0001373555628511172, within(1e-15));
    // 250 days without an exception: LR_cc = LR_uc = 5.025167926750726, p = chi2.sf(LR, 2) = 0.08105851616218127
    LikelihoodRatio none = BacktestStatistics.conditionalCoverage(new boolean[250], 0.99);
    assertThat(none.statistic()).isCloseTo(5.025167926750726, within(1e-12));
    assertThat(none.pValue()).isCloseTo(0.08105851616218127, within(1e-14));
  }

  @ParameterizedTest(name = "{0} exceptions: {1}")
  @CsvSource({"0, GREEN", "4, GREEN", "5, YELLOW", "9, YELLOW", "10, RED", "25, RED"})
  void shouldGiveTheBaselZonesFor250DaysAt99(int exceptions, Zone zone) {
    assertThat(BacktestStatistics.trafficLight(250, exceptions, 0.99)).isEqualTo(zone);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shouldGiveFiniteStatisticsOnSeededRecords(long seed) {
    System.out.println("BacktestStatisticsTest seed " + seed);
    RandomGenerator g = TestData.rng(seed);
    int n = 2 + g.nextInt(1000);
    double rate = g.nextDouble();
    boolean[] e = new boolean[n];
    for (int t = 0; t < n; t++) {
      e[t] = g.nextDouble() < rate;
    }
    for (LikelihoodRatio lr : new LikelihoodRatio[] {BacktestStatistics.kupiec(e, 0.99),
        BacktestStatistics.christoffersen(e), BacktestStatistics.conditionalCoverage(e, 0.99)}) {
      assertThat(lr.statistic()).isFinite().isGreaterThanOrEqualTo(0);
      assertThat(lr.pValue()).isBetween(0.0, 1.0);
    }
    // zones are monotone in the count
    Zone previous = Zone.GREEN;
    for (int x = 0; x <= Math.min(n, 60); x++) {
      Zone z = BacktestStatistics.trafficLight(n, x, 0.99);
      assertThat(z.ordinal()).isGreaterThanOrEqualTo(previous.ordinal());
      previous = z;
    }
  }

  @Test
  void shouldRejectBadCounts() {
    assertThatThrownBy(() -> BacktestStatistics.kupiec(250, 251, 0.99)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("exceptions");
    assertThatThrownBy(() -> BacktestStatistics.kupiec(0, 0, 0.99)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("observations");
    assertThatThrownBy(() -> BacktestStatistics.trafficLight(250, 3, 1.0)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("confidence");
    assertThatThrownBy(() -> BacktestStatistics.christoffersen(new boolean[1]))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("exceptions");
  }

  private static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }
}
