package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

class HarModelTest {

  private static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);
  private static final double B0 = 2e-5;
  private static final double BD = 0.35;
  private static final double BW = 0.3;
  private static final double BM = 0.25;

  /** RV from a HAR with known coefficients and mean-one log-normal noise: E[RV_{d+1} | past] = the HAR line. */
  static TreeMap<LocalDate, Double> harPath(int days, long seed) {
    RandomGenerator g = Sim.rng(seed);
    double mean = B0 / (1 - BD - BW - BM);
    double[] rv = new double[days];
    double s = 0.5;
    for (int d = 0; d < days; d++) {
      if (d < HarModel.MONTH) {
        rv[d] = mean * Math.exp(s * g.nextGaussian() - s * s / 2);
        continue;
      }
      double week = 0;
      double month = 0;
      for (int k = 1; k <= HarModel.MONTH; k++) {
        month += rv[d - k];
        if (k <= HarModel.WEEK) {
          week += rv[d - k];
        }
      }
      double f = B0 + BD * rv[d - 1] + BW * week / HarModel.WEEK + BM * month / HarModel.MONTH;
      rv[d] = f * Math.exp(s * g.nextGaussian() - s * s / 2);
    }
    TreeMap<LocalDate, Double> out = new TreeMap<>();
    for (int d = 0; d < days; d++) {
      out.put(DAY0.plusDays(d), rv[d]);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void olsRecoversTheCoefficientsOfASimulatedHar(long seed) {
    HarModel m = HarModel.fit(harPath(20_000, seed), null);
    assertThat(m.rows()).isEqualTo(20_000 - HarModel.MONTH);
    assertThat(m.daily()).isCloseTo(BD, within(0.04));
    assertThat(m.weekly()).isCloseTo(BW, within(0.07));
    assertThat(m.monthly()).isCloseTo(BM, within(0.08));
    assertThat(m.intercept()).isCloseTo(B0, within(1e-5));
  }

  @Test
  void forecastIsTheRegressionLineOnTheLast22Days() {
    TreeMap<LocalDate, Double> rv = harPath(400, 4);
    HarModel m = HarModel.fit(rv, null);
    LocalDate day = DAY0.plusDays(300);
    double week = 0;
    double month = 0;
    for (int k = 0; k < 22; k++) {
      month += rv.get(day.minusDays(k));
      week += k < 5 ? rv.get(day.minusDays(k)) : 0;
    }
    double line = m.intercept() + m.daily() * rv.get(day) + m.weekly() * week / 5 + m.monthly() * month / 22;
    assertThat(m.forecast(rv, day).getAsDouble()).isCloseTo(Math.max(m.floor(), line), within(1e-18));
    assertThat(m.forecast(rv, DAY0.plusDays(20))).isEmpty(); // only 21 days before it
  }

  @Test
  void rowsStraddlingAGapAreLeftOutAndTheCutOffIsRespected() {
    TreeMap<LocalDate, Double> rv = harPath(200, 5);
    rv.remove(DAY0.plusDays(100));
    // targets 22..99 (78 rows) and 123..199 (77 rows): day 100 and the 22 targets after it lack a full month
    assertThat(HarModel.fit(rv, null).rows()).isEqualTo(155);
    assertThat(HarModel.fit(rv, DAY0.plusDays(150)).rows()).isEqualTo(78 + 27);
    assertThatThrownBy(() -> HarModel.fit(rv, DAY0.plusDays(40))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("realised_variance");
  }

  @Test
  void theForecasterUsesNoRvAfterTheMarginDate() {
    TreeMap<LocalDate, Double> rv = harPath(300, 6);
    LocalDate[] dates = rv.keySet().toArray(LocalDate[]::new);
    var base = new HarForecaster(5).forecast(dates, rv);
    int t = 200;
    TreeMap<LocalDate, Double> altered = new TreeMap<>(rv);
    for (int d = t + 1; d < 300; d++) {
      altered.put(DAY0.plusDays(d), rv.get(DAY0.plusDays(d)) * 50);
    }
    var other = new HarForecaster(5).forecast(dates, altered);
    assertThat(other.headMap(t, true)).isEqualTo(base.headMap(t, true));
    assertThat(other.get(t + 1)).isNotEqualTo(base.get(t + 1));
    assertThat(base.firstKey()).isGreaterThanOrEqualTo(HarModel.MONTH + HarModel.MIN_ROWS - 1);
  }
}
