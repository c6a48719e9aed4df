package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Realised variance, the liquidity horizon and the procyclicality measures on hand-worked examples. */
class SmallPiecesTest {

  @Test
  void realisedVarianceSumsSquaredHourlyReturnsPerUtcDay() {
    Instant d0 = Instant.parse("2025-01-01T00:00:00Z");
    Instant[] opens = {d0, d0.plusSeconds(3600), d0.plusSeconds(3 * 3600), d0.plusSeconds(24 * 3600)};
    double[] open = {100, 101, 99, 104};
    double[] close = {101, 102, 100, 105};
    TreeMap<LocalDate, Double> rv = RealisedVariance.daily(opens, open, close, 1);
    // bar 2 follows bar 1 by an hour: ln(102/101); bar 3 after a gap: its own ln(100/99); day 2 its own bar only
    double day1 = sq(Math.log(101.0 / 100)) + sq(Math.log(102.0 / 101)) + sq(Math.log(100.0 / 99));
    assertThat(rv.get(LocalDate.of(2025, 1, 1))).isCloseTo(day1, within(1e-18));
    assertThat(rv.get(LocalDate.of(2025, 1, 2))).isCloseTo(sq(Math.log(105.0 / 104)), within(1e-18));
    assertThat(RealisedVariance.daily(opens, open, close, 2)).containsOnlyKeys(LocalDate.of(2025, 1, 1));
    assertThatThrownBy(() -> RealisedVariance.daily(opens, open, new double[] {1, 2, -1, 3}, 1))
        .hasMessageContaining("closes[2]");
    assertThatThrownBy(() -> RealisedVariance.daily(new Instant[] {d0, d0}, new double[] {1, 1},
        new double[] {1, 1}, 1)).hasMessageContaining("opens[1]");
  }

  @Test
  void liquidityHorizonIsTheCeilingOfDaysToLiquidate() {
    LiquidityHorizon h = new LiquidityHorizon(100e6, 0.1, 10);
    assertThat(h.days(300e6)).isEqualTo(4); // 100 / 30 = 3.33 days
    assertThat(h.scale(300e6)).isCloseTo(2, within(1e-15));
    assertThat(h.days(1e9)).isEqualTo(1); // exactly one day
    assertThat(h.days(1e12)).isEqualTo(1); // at least one
    assertThat(h.days(1e6)).isEqualTo(10); // at most max
    assertThatThrownBy(() -> new LiquidityHorizon(1, 0, 5)).hasMessageContaining("participation");
    assertThatThrownBy(() -> h.days(Double.NaN)).hasMessageContaining("average_daily_volume_usd");
  }

  @Test
  void procyclicalityMeasures() {
    Procyclicality p = Procyclicality.of(new double[] {2, 4, 2, 2, 2, 6, 3});
    assertThat(p.maxOneDayIncrease()).isCloseTo(2, within(1e-15)); // 2 -> 6
    assertThat(p.maxFiveDayIncrease()).isCloseTo(2, within(1e-15)); // 2 (day 0) -> 6 (day 5)
    assertThat(p.peakToTrough()).isCloseTo(3, within(1e-15));
    Procyclicality falling = Procyclicality.of(new double[] {6, 5, 4, 3, 2, 1});
    assertThat(falling.maxOneDayIncrease()).isZero();
    assertThat(falling.maxFiveDayIncrease()).isZero();
    assertThatThrownBy(() -> Procyclicality.of(new double[] {1, 1, 1, 1, 1, 0})).hasMessageContaining("margin[5]");
    // across a gap nothing rises: 1 -> 9 is 30 days apart
    java.time.LocalDate d = LocalDate.of(2025, 1, 1);
    Procyclicality gapped = Procyclicality.of(java.util.List.of(d, d.plusDays(1), d.plusDays(2), d.plusDays(32),
        d.plusDays(33), d.plusDays(37)), new double[] {1, 1.5, 1, 9, 9, 18});
    assertThat(gapped.maxOneDayIncrease()).isCloseTo(0.5, within(1e-15));
    assertThat(gapped.maxFiveDayIncrease()).isCloseTo(1, within(1e-15)); // 9 (d+32) -> 18 (d+37)
    assertThat(gapped.peakToTrough()).isCloseTo(18, within(1e-15));
  }

  private static double sq(double x) {
    return x * x;
  }
}
