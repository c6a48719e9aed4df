package org.pmargin.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.validation.InvalidInputException;

/** VaR and ES on P&L vectors: hand-worked tails, ES ≥ VaR, and bad confidence levels. */
class TailRiskTest {

  private static final double[] PNL = {-10, -5, 0, 5, 10, -20, 3, 1, 2, -1};

  @Test
  void shouldAverageTheWorstScenariosByHand() {
    // n = 10, α = 0.8: the ⌈10·0.2⌉ = 2 worst are −20 and −10: ES = 15, VaR = 10 (the second worst).
    assertThat(TailRisk.tailSize(10, 0.8)).isEqualTo(2);
    assertThat(TailRisk.expectedShortfall(PNL, 0.8)).isEqualTo(15);
    assertThat(TailRisk.valueAtRisk(PNL, 0.8)).isEqualTo(10);
    assertThat(TailRisk.tailIndices(PNL, 0.8)).containsExactly(5, 0);
    // α = 0.9: one scenario, ES = VaR = 20.
    assertThat(TailRisk.expectedShortfall(PNL, 0.9)).isEqualTo(20);
    assertThat(TailRisk.valueAtRisk(PNL, 0.9)).isEqualTo(20);
    // 10,000 scenarios at 97.5%: 250 in the tail.
    assertThat(TailRisk.tailSize(10000, 0.975)).isEqualTo(250);
  }

  @Test
  void shouldFloorAtZeroForABookThatNeverLoses() {
    assertThat(TailRisk.expectedShortfall(new double[] {1, 2, 3}, 0.5)).isZero();
    assertThat(TailRisk.valueAtRisk(new double[] {1, 2, 3}, 0.5)).isZero();
  }

  @Test
  void shouldRefuseAConfidenceOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> TailRisk.expectedShortfall(PNL, 1.0)).isInstanceOfSatisfying(
        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("confidence"));
    assertThatThrownBy(() -> TailRisk.valueAtRisk(PNL, Double.NaN)).isInstanceOf(InvalidInputException.class);
  }

  /** A random P&L vector and confidence. */
  record Case(long seed, double[] pnl, double alpha) {
    @Override
    public String toString() {
      return "seed " + seed + " n=" + pnl.length + " alpha=" + alpha;
    }
  }

  static Stream<Case> cases() {
    return IntStream.range(0, 200).mapToObj(i -> {
      SplittableRandom r = new SplittableRandom(1000 + i);
      double[] pnl = new double[1 + r.nextInt(500)];
      for (int k = 0; k < pnl.length; k++) {
        pnl[k] = r.nextDouble(-100, 100);
      }
      return new Case(1000 + i, pnl, r.nextDouble(0.6, 0.999));
    });
  }

  @ParameterizedTest
  @MethodSource("cases")
  void shouldNeverReportAShortfallBelowTheVarAtTheSameLevel(Case c) {
    assertThat(TailRisk.expectedShortfall(c.pnl(), c.alpha())).as(c.toString())
        .isGreaterThanOrEqualTo(TailRisk.valueAtRisk(c.pnl(), c.alpha()));
  }
}
