package org.pmargin.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.InvalidInputException;

/** Filtered historical simulation: rescaling to today's vol on a synthetic regime change, timing and counts. */
class FilteredHistoricalScenariosTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 31, 777})
  void shouldReplayACalmHistoryAtTodaysStressedScale(long seed) {
    System.out.println("FilteredHistoricalScenariosTest seed " + seed);
    // 600 days at 1% daily vol, then 150 days at 4%: today's EWMA vol is about 4%
    RandomGenerator g = ScenarioTestData.rng(seed);
    int calm = 600;
    int days = 750;
    double[] r = new double[days];
    for (int t = 0; t < days; t++) {
      r[t] = (t < calm ? 0.01 : 0.04) * g.nextGaussian();
    }
    var prices = List.of(ScenarioTestData.path(Asset.BTC, r));
    Ewma ewma = Ewma.riskMetrics();
    ScenarioSet fhs = FilteredHistoricalScenarios.build(prices, Map.of(), 1, ewma);
    ScenarioSet hs = HistoricalScenarios.build(prices, Map.of(), 1);
    double today = ewma.volatility(r);
    assertThat(today).isBetween(0.025, 0.055);

    // scenarios from the calm regime (past the 20-day burn-in): FHS at today's scale, plain HS at 1%
    int burn = ewma.seedObservations();
    double[] fhsCalm = new double[calm - burn - 50];
    double[] hsCalm = new double[calm - burn - 50];
    for (int i = 0; i < fhsCalm.length; i++) {
      fhsCalm[i] = fhs.logReturn(i, 0);
      hsCalm[i] = hs.logReturn(i + burn, 0);
    }
    assertThat(ScenarioTestData.std(fhsCalm) / today).isCloseTo(1, within(0.15));
    assertThat(ScenarioTestData.std(hsCalm)).isCloseTo(0.01, within(0.002));
    // the whole FHS set is at today's scale too; the plain HS set mixes the two regimes
    assertThat(ScenarioTestData.std(column(fhs)) / today).isCloseTo(1, within(0.15));
    assertThat(ScenarioTestData.std(column(hs))).isLessThan(0.7 * today);
  }

  @Test
  void shouldUseOnlyPastVolatilityAndDropTheBurnIn() {
    RandomGenerator g = ScenarioTestData.rng(5);
    double[] r = new double[80];
    for (int t = 0; t < r.length; t++) {
      r[t] = 0.02 * g.nextGaussian();
    }
    Ewma ewma = new Ewma(0.9, 10);
    ScenarioSet s = FilteredHistoricalScenarios.build(List.of(ScenarioTestData.path(Asset.ETH, r)), Map.of(), 3,
        ewma);
    double[] sigma = ewma.volatilities(r);
    // m = 80 returns, N = 10, h = 3 → 68 windows; window 0 covers returns 10, 11, 12 and ends on date 13
    assertThat(s.size()).isEqualTo(80 - 10 - 3 + 1);
    assertThat(s.label(0)).isEqualTo(ScenarioTestData.START.plusDays(13).toString());
    assertThat(s.label(s.size() - 1)).isEqualTo(ScenarioTestData.START.plusDays(80).toString());
    double expected = 0;
    for (int t = 10; t < 13; t++) {
      expected += r[t] * sigma[80] / sigma[t];
    }
    assertThat(s.logReturn(0, 0)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shouldFilterVolIndexChangesAndKeepScenariosFinite() {
    RandomGenerator g = ScenarioTestData.rng(9);
    double[] r = new double[120];
    double[] dv = new double[120];
    for (int t = 0; t < r.length; t++) {
      r[t] = 0.03 * g.nextGaussian();
      dv[t] = 0.05 * g.nextGaussian();
    }
    ScenarioSet s = FilteredHistoricalScenarios.build(List.of(ScenarioTestData.path(Asset.BTC, r)),
        Map.of(Asset.BTC, ScenarioTestData.path(new Asset("BTCDVOL"), dv)), 1, Ewma.riskMetrics());
    double[] vols = new double[s.size()];
    for (int w = 0; w < s.size(); w++) {
      vols[w] = s.volLogChange(w, 0);
    }
    assertThat(Arrays.stream(vols).allMatch(Double::isFinite)).isTrue();
    assertThat(ScenarioTestData.std(vols)).isBetween(0.02, 0.1);
  }

  @Test
  void shouldRejectTooShortOrConstantHistories() {
    double[] r = new double[15];
    assertThatThrownBy(() -> FilteredHistoricalScenarios.build(List.of(ScenarioTestData.path(Asset.BTC, r)),
        Map.of(), 1, Ewma.riskMetrics())).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("prices");
    double[] flat = new double[40];
    assertThatThrownBy(() -> FilteredHistoricalScenarios.build(List.of(ScenarioTestData.path(Asset.BTC, flat)),
        Map.of(), 1, Ewma.riskMetrics())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("constant history");
  }

  private static double[] column(ScenarioSet s) {
    double[] x = new double[s.size()];
    for (int w = 0; w < x.length; w++) {
      x[w] = s.logReturn(w, 0);
    }
    return x;
  }
}
