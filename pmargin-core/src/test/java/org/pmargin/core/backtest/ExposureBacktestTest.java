package org.pmargin.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.stats.BacktestStatistics;

/** The backtest on synthetic histories: one day by hand, no look-ahead, and coverage on i.i.d. returns. */
class ExposureBacktestTest {

  private static AlignedHistory history(double[] logReturns) {
    LocalDate[] dates = new LocalDate[logReturns.length + 1];
    double[] prices = new double[dates.length];
    dates[0] = LocalDate.of(2020, 1, 1);
    prices[0] = 100;
    for (int i = 0; i < logReturns.length; i++) {
      dates[i + 1] = dates[i].plusDays(1);
      prices[i + 1] = prices[i] * Math.exp(logReturns[i]);
    }
    return AlignedHistory.of(List.of(new PriceSeries(Asset.BTC, dates, prices)));
  }

  @Test
  void shouldComputeTheFirstDayFromTheLookbackOnlyByHand() {
    // 25 daily returns: −0.01·(i mod 5) for i < 20, then 0.5, −0.3, ... A long 1,000 USD with a 20-day lookback,
    // 1-day horizon, ES 90% (the 2 worst of 20): the window holds four −0.04 days, so ES = 1,000·(1 − e^−0.04);
    // the first margin date is the 21st date (2020-01-21, after 20 returns) and its outcome is the 21st return,
    // +0.5: 1,000·(e^0.5 − 1), no exception.
    double[] r = new double[25];
    for (int i = 0; i < 20; i++) {
      r[i] = -0.01 * (i % 5);
    }
    r[20] = 0.5;
    r[21] = -0.3;
    BacktestResult b = ExposureBacktest.run(history(r), Map.of(Asset.BTC, 1000.0), 20, 1, 0.9, 0.95, false, null);
    assertThat(b.dates().get(0)).isEqualTo(LocalDate.of(2020, 1, 21));
    assertThat(b.margin()[0]).isCloseTo(1000 * -Math.expm1(-0.04), within(1e-9));
    assertThat(b.realisedPnl()[0]).isCloseTo(1000 * Math.expm1(0.5), within(1e-9));
    // The next day's window drops the first return (0) and adds +0.5; the outcome −0.3 is an exception.
    assertThat(b.realisedPnl()[1]).isCloseTo(1000 * Math.expm1(-0.3), within(1e-9));
    assertThat(b.exceptions()).isGreaterThanOrEqualTo(1);
    // Five days: too few for the Basel 250-day window.
    assertThat(b.observations()).isEqualTo(5);
    assertThat(b.rollingZone()).isEmpty();
    assertThat(b.exceptionDays()[1]).isTrue();
    assertThat(b.exceptionDays()[0]).isFalse();
  }

  @Test
  void shouldCoverIidGaussianReturnsAtTheNominalRate() {
    // 3,000 days of N(0, 2%) returns: at 99% about 1% exceptions; Kupiec should not reject at the 1% level.
    SplittableRandom rnd = new SplittableRandom(20240617);
    double[] r = new double[3000];
    for (int i = 0; i < r.length; i++) {
      double u1 = rnd.nextDouble();
      double u2 = rnd.nextDouble();
      r[i] = 0.02 * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
    BacktestResult b = ExposureBacktest.run(history(r), Map.of(Asset.BTC, 1e6), 500, 1, 0.975, 0.99, false, null);
    double rate = (double) b.exceptions() / b.observations();
    assertThat(rate).isBetween(0.004, 0.02);
    assertThat(b.kupiec().pValue()).isGreaterThan(0.01);
    assertThat(b.zone()).isNotEqualTo(BacktestStatistics.Zone.RED);
    // ES 97.5% of a normal is 2.338σ: the average margin is close to 2.338 × 2% of 1,000,000.
    assertThat(b.averageMargin()).isCloseTo(2.338 * 0.02 * 1e6, within(0.1 * 2.338 * 0.02 * 1e6));
  }

  @Test
  void shouldReactToARegimeChangeFasterWhenFiltered() {
    // 1,500 calm days at 1% then 500 days at 4%: right after the change, plain historical margin still reflects the
    // calm lookback and breaks often; the filtered one rescales to today's vol and breaks less.
    SplittableRandom rnd = new SplittableRandom(7);
    double[] r = new double[2000];
    for (int i = 0; i < r.length; i++) {
      double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
      r[i] = (i < 1500 ? 0.01 : 0.04) * z;
    }
    BacktestResult plain = ExposureBacktest.run(history(r), Map.of(Asset.BTC, 1e6), 500, 1, 0.975, 0.99, false,
        null);
    BacktestResult fhs = ExposureBacktest.run(history(r), Map.of(Asset.BTC, 1e6), 500, 1, 0.975, 0.99, true, null);
    assertThat(fhs.exceptions()).isLessThan(plain.exceptions());
    // The plain model's exceptions crowd into the 250 days after the change (margin date index 1000: the 1,500th
    // return, 500 lookback days in): the worst window ends after it, and the exception record is the count's.
    org.pmargin.core.stats.RollingTrafficLight rolling = plain.rollingZone().orElseThrow();
    assertThat(rolling.windows()).isEqualTo(plain.observations() - 249);
    assertThat(rolling.worst()).isEqualTo(BacktestStatistics.Zone.RED);
    assertThat(rolling.worstEnd()).isGreaterThanOrEqualTo(1000);
    int count = 0;
    for (boolean e : plain.exceptionDays()) {
      count += e ? 1 : 0;
    }
    assertThat(count).isEqualTo(plain.exceptions());
    assertThat(plain.conditionalCoverage().statistic())
        .isEqualTo(plain.kupiec().statistic() + plain.christoffersen().statistic());
    assertThat(Arrays.stream(fhs.margin()).max().orElseThrow())
        .isGreaterThan(Arrays.stream(plain.margin()).max().orElseThrow() * 0.9);
  }
}
