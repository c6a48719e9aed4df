package org.pmargin.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tail selection (quickselect, then a merge sort of the tail) against a plain full sort, over seeded vectors
 * with many ties, sorted and reversed inputs and every size from 1 up: the same indices in the same order.
 */
class TailRiskSelectionTest {

  static Stream<Long> seeds() {
    return LongStream.range(0, 200).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldSelectTheSameTailAsAFullSort(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1 + rnd.nextInt(seed < 20 ? 40 : seed < 100 ? 3000 : 20000);
    double[] pnl = new double[n];
    int shape = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      pnl[i] = switch (shape) {
        case 0 -> rnd.nextGaussian();
        case 1 -> rnd.nextInt(5) - 2; // many ties
        case 2 -> i; // already sorted
        default -> -i; // reversed
      };
    }
    double confidence = new double[] {0.5, 0.9, 0.975, 0.99, 0.999}[rnd.nextInt(5)];
    int m = TailRisk.tailSize(n, confidence);
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> pnl[i]).thenComparingInt(i -> i));
    int[] expected = Arrays.stream(order).limit(m).mapToInt(Integer::intValue).toArray();
    assertThat(TailRisk.tailIndices(pnl, confidence)).as("seed " + seed).containsExactly(expected);
    int[] set = expected.clone();
    Arrays.sort(set);
    assertThat(TailRisk.tailSet(pnl, confidence)).as("seed " + seed).containsExactly(set);
    assertThat(TailRisk.expectedShortfall(pnl, confidence)).isEqualTo(TailRisk.expectedShortfall(pnl, expected));
  }
}
