package org.pmargin.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/** Alignment on common dates, overlapping window returns and vol-index changes, by hand and on seeded paths. */
class HistoricalScenariosTest {

  private static final Asset DVOL = new Asset("BTCDVOL");

  @Test
  void shouldAlignOnCommonDatesOnly() {
    PriceSeries btc = ScenarioTestData.series(Asset.BTC, 100, 110, 121, 133.1);
    // ETH misses day 1
    PriceSeries eth = new PriceSeries(Asset.ETH, new LocalDate[] {ScenarioTestData.START,
        ScenarioTestData.START.plusDays(2), ScenarioTestData.START.plusDays(3), ScenarioTestData.START.plusDays(4)},
        new double[] {10, 12, 13, 14});
    AlignedHistory h = AlignedHistory.of(List.of(btc, eth));
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.dates()).containsExactly(ScenarioTestData.START, ScenarioTestData.START.plusDays(2),
        ScenarioTestData.START.plusDays(3));
    assertThat(h.values(0)).containsExactly(100, 121, 133.1);
    assertThat(h.values(1)).containsExactly(10, 12, 13);
    assertThat(h.logReturns(0)[0]).isCloseTo(Math.log(1.21), within(1e-15));
  }

  @Test
  void shouldBuildOverlappingWindowsByHand() {
    PriceSeries btc = ScenarioTestData.series(Asset.BTC, 100, 110, 99, 120, 90);
    PriceSeries eth = ScenarioTestData.series(Asset.ETH, 10, 9, 9.5, 11, 12);
    PriceSeries dvol = ScenarioTestData.series(DVOL, 50, 55, 60, 45, 70);
    ScenarioSet s = HistoricalScenarios.build(List.of(btc, eth), Map.of(Asset.BTC, dvol), 2);
    // n = 5 dates, h = 2 → 3 windows ending on days 2, 3, 4
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.factors()).containsExactly(Asset.BTC, Asset.ETH);
    assertThat(s.label(0)).isEqualTo("2024-01-03");
    assertThat(s.label(2)).isEqualTo("2024-01-05");
    assertThat(s.logReturn(0, 0)).isEqualTo(Math.log(99.0 / 100));
    assertThat(s.logReturn(1, 1)).isEqualTo(Math.log(11 / 9.0));
    assertThat(s.logReturn(2, 0)).isEqualTo(Math.log(90.0 / 99));
    assertThat(s.volLogChange(0, 0)).isEqualTo(Math.log(60.0 / 50));
    assertThat(s.volLogChange(2, 0)).isEqualTo(Math.log(70.0 / 60));
    assertThat(s.volLogChange(1, 1)).isZero();
    assertThat(s.name()).isEqualTo("historical 2d 2024-01-01..2024-01-05");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 17, 256, 4242})
  void shouldTelescopeDailyReturnsIntoWindows(long seed) {
    System.out.println("HistoricalScenariosTest seed " + seed);
    RandomGenerator g = ScenarioTestData.rng(seed);
    int days = 50 + g.nextInt(200);
    int h = 1 + g.nextInt(10);
    double[] r = new double[days];
    for (int t = 0; t < days; t++) {
      r[t] = 0.03 * g.nextGaussian();
    }
    ScenarioSet s = HistoricalScenarios.build(List.of(ScenarioTestData.path(Asset.BTC, r)), Map.of(), h);
    assertThat(s.size()).isEqualTo(days + 1 - h);
    for (int w = 0; w < s.size(); w++) {
      double sum = 0;
      for (int t = w; t < w + h; t++) {
        sum += r[t];
      }
      assertThat(s.logReturn(w, 0)).isCloseTo(sum, within(1e-12));
      assertThat(s.volLogChange(w, 0)).isZero();
    }
  }

  @Test
  void shouldRejectBadInput() {
    PriceSeries btc = ScenarioTestData.series(Asset.BTC, 100, 110);
    assertThatThrownBy(() -> HistoricalScenarios.build(List.of(btc), Map.of(), 2))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("prices");
    assertThatThrownBy(() -> HistoricalScenarios.build(List.of(btc), Map.of(), 0))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("horizon_days");
    assertThatThrownBy(() -> HistoricalScenarios.build(List.of(btc, btc), Map.of(), 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("series[1]");
    assertThatThrownBy(() -> HistoricalScenarios.build(List.of(btc), Map.of(Asset.ETH, btc), 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("vol_indices.ETH");
    PriceSeries late = new PriceSeries(Asset.ETH, new LocalDate[] {LocalDate.of(2030, 1, 1)}, new double[] {1});
    assertThatThrownBy(() -> AlignedHistory.of(List.of(btc, late)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no date in common");
  }
}
