package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.stats.BacktestStatistics;

/** The preset rule on hand-made records: coverage first, then capital or procyclicality. */
class AdaptivePresetsTest {

  private static final int DAYS = 300;

  /** A record of DAYS days with a constant margin (VaR 0.8 of it) and losses exceeding the VaR on the given days. */
  private static AdaptiveComparison.Judged judged(String name, double[] margin, int... exceptionDays) {
    List<LocalDate> dates = new ArrayList<>();
    double[] var = new double[DAYS];
    double[] pnl = new double[DAYS];
    boolean[] ex = new boolean[DAYS];
    for (int d = 0; d < DAYS; d++) {
      dates.add(LocalDate.of(2024, 1, 1).plusDays(d));
      var[d] = 0.8 * margin[d];
    }
    for (int d : exceptionDays) {
      pnl[d] = -2 * margin[d];
      ex[d] = true;
    }
    double avg = Arrays.stream(margin).average().orElseThrow();
    BacktestResult r = new BacktestResult(dates, margin, var, pnl, 0.99, exceptionDays.length, exceptionDays.length,
        BacktestStatistics.kupiec(ex, 0.99), BacktestStatistics.christoffersen(ex),
        BacktestStatistics.trafficLight(DAYS, exceptionDays.length, 0.99), avg, 1);
    return new AdaptiveComparison.Judged(name, r, Procyclicality.of(dates, margin));
  }

  private static double[] flat(double level) {
    double[] m = new double[DAYS];
    Arrays.fill(m, level);
    return m;
  }

  @Test
  void cheaperWithTheSameCoverageIsOffered() {
    AdaptiveComparison.Judged statik = judged("static", flat(0.10), 50, 150, 250);
    AdaptiveComparison.Judged cheaper = judged("garch", flat(0.09), 50, 150, 250);
    AdaptivePresets.Verdict v = AdaptivePresets.judge(new AdaptiveComparison.Comparison("garch", "all days", statik,
        cheaper));
    assertThat(v.coverageNoWorse()).isTrue();
    assertThat(v.cheaper()).isTrue();
    assertThat(v.lessProcyclical()).isFalse(); // both flat: no rise, peak/trough 1
    assertThat(v.offered()).isTrue();
    assertThat(v.wins()).containsExactly("average margin");
    assertThat(v.losses()).isEmpty();
  }

  @Test
  void cheaperButWithWorseCoverageIsNotOffered() {
    AdaptiveComparison.Judged statik = judged("static", flat(0.10), 50, 150, 250);
    // 9 exceptions in 300 days at 99%: the binomial's 99.6% point, yellow where 3 are green
    AdaptiveComparison.Judged leaky = judged("gjr", flat(0.07), 10, 40, 70, 100, 130, 160, 190, 220, 250);
    AdaptivePresets.Verdict v = AdaptivePresets.judge(new AdaptiveComparison.Comparison("gjr", "all days", statik,
        leaky));
    assertThat(v.cheaper()).isTrue();
    assertThat(v.coverageNoWorse()).isFalse();
    assertThat(v.offered()).isFalse();
    assertThat(v.losses()).contains("exceptions", "zone", "Kupiec p");
  }

  @Test
  void dearerButCalmerIsOfferedAndDearerAloneIsNot() {
    double[] spiky = flat(0.10);
    for (int d = 100; d < 110; d++) {
      spiky[d] = 0.30; // a crash: the static margin triples in a day
    }
    double[] smooth = flat(0.12);
    for (int d = 100; d < 110; d++) {
      smooth[d] = 0.12 + 0.01 * (d - 99); // rises gently, at most 0.22
    }
    AdaptiveComparison.Judged statik = judged("static", spiky, 50, 250);
    AdaptivePresets.Verdict calm = AdaptivePresets.judge(new AdaptiveComparison.Comparison("har", "days", statik,
        judged("har", smooth, 50, 250)));
    assertThat(calm.cheaper()).isFalse();
    assertThat(calm.lessProcyclical()).isTrue();
    assertThat(calm.offered()).isTrue();
    assertThat(calm.losses()).containsExactly("average margin");
    AdaptivePresets.Verdict dear = AdaptivePresets.judge(new AdaptiveComparison.Comparison("liquidity", "days",
        statik, judged("liquidity", Arrays.stream(spiky).map(x -> 1.5 * x).toArray(), 50, 250)));
    assertThat(dear.offered()).isFalse();
  }
}
