package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.backtest.ExposureBacktest;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.AlignedHistory;

class AdaptiveComparisonTest {

  private static final LocalDate START = LocalDate.of(2018, 1, 1);
  private static final int N = 1100;

  private static PriceSeries prices() {
    double[] r = Sim.garchPath(new GarchParameters(0.0016 * 0.05, 0.06, 0.1, 0.85), N - 1, 21);
    LocalDate[] d = new LocalDate[N];
    double[] p = new double[N];
    p[0] = 100;
    for (int t = 0; t < N; t++) {
      d[t] = START.plusDays(t);
      if (t > 0) {
        p[t] = p[t - 1] * Math.exp(r[t - 1]);
      }
    }
    return new PriceSeries(Asset.BTC, d, p);
  }

  /** A constant volume: 20e6 USD a day, so a 3e6 position at 10% takes ceil(1.5) = 2 days. */
  private static PriceSeries volumes() {
    LocalDate[] d = new LocalDate[N];
    double[] v = new double[N];
    Arrays.fill(v, 20e6);
    for (int t = 0; t < N; t++) {
      d[t] = START.plusDays(t);
    }
    return new PriceSeries(Asset.BTC, d, v);
  }

  private static final AdaptiveComparison.Settings SETTINGS = new AdaptiveComparison.Settings(250, 0.975, 0.99, 300,
      50, new LiquidityHorizon(3e6, 0.1, 5), 20);

  @Test
  void theStaticRowIsThePlainFilteredBacktestOnTheSameDays() {
    PriceSeries p = prices();
    AdaptiveComparison.Outcome o = AdaptiveComparison.run(p, new TreeMap<>(), volumes(), SETTINGS);
    BacktestResult statik = o.comparisons().get(0).statik().result();
    // pmargin backtest's own path: ExposureBacktest.run with EWMA filtering starts at lookback + 20 = 270
    BacktestResult plain = ExposureBacktest.run(AlignedHistory.of(List.of(p)), Map.of(Asset.BTC, 1.0), 250, 1, 0.975,
        0.99, true, null);
    int offset = 300 - 270;
    assertThat(statik.observations()).isEqualTo(plain.observations() - offset);
    for (int d = 0; d < statik.observations(); d++) {
      assertThat(statik.dates().get(d)).isEqualTo(plain.dates().get(d + offset));
      assertThat(statik.margin()[d]).isEqualTo(plain.margin()[d + offset]);
      assertThat(statik.var()[d]).isEqualTo(plain.var()[d + offset]);
    }
    assertThat(o.comparisons()).extracting(AdaptiveComparison.Comparison::model)
        .containsExactly("garch", "gjr", "liquidity");
    assertThat(o.missing()).containsKey("har");
  }

  @Test
  void exceptionsAndRealisedLossesRecountFromTheSeries() {
    PriceSeries p = prices();
    AdaptiveComparison.Outcome o = AdaptiveComparison.run(p, new TreeMap<>(), volumes(), SETTINGS);
    for (AdaptiveComparison.Comparison c : o.comparisons()) {
      for (BacktestResult r : List.of(c.statik().result(), c.adaptive().result())) {
        int count = 0;
        for (int d = 0; d < r.observations(); d++) {
          int t = p.indexOf(r.dates().get(d));
          int h = c.model().equals("liquidity") ? 2 : 1;
          double realised = p.value(t + h) / p.value(t) - 1;
          assertThat(r.realisedPnl()[d]).isCloseTo(realised, within(1e-12));
          count += -realised > r.var()[d] ? 1 : 0;
        }
        assertThat(r.exceptions()).isEqualTo(count);
      }
    }
  }

  @Test
  void theLiquidityHorizonStretchesTheStaticMarginBySqrtH() {
    AdaptiveComparison.Outcome o = AdaptiveComparison.run(prices(), new TreeMap<>(), volumes(), SETTINGS);
    AdaptiveComparison.Comparison liq = o.comparisons().get(2);
    for (int d = 0; d < liq.statik().result().observations(); d++) {
      assertThat(liq.adaptive().result().margin()[d]).isCloseTo(liq.statik().result().margin()[d] * Math.sqrt(2),
          within(1e-15));
    }
    assertThat(liq.basis()).contains("largest seen 2");
  }

  @Test
  void theAdaptiveVolsAreOutOfSampleAndTheCascadeRatioReadsTheDayBefore() {
    PriceSeries p = prices();
    AdaptiveComparison.Outcome o = AdaptiveComparison.run(p, new TreeMap<>(), null, SETTINGS);
    LocalDate start = START.plusDays(800);
    double[] g = o.forecasts().get("garch");
    assertThat(o.volRatio("garch", start)).isCloseTo(g[799] / o.ewmaVol()[799], within(1e-15));
    assertThat(o.volRatio("har", start)).isEqualTo(1);
    assertThat(o.missing()).containsKey("liquidity");
  }
}
