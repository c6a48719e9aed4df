package org.pmargin.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.risk.TailRisk;

/** The full-revaluation backtest on a synthetic history: one day of a linear book by hand, and options replayed. */
class RevaluationBacktestTest {

  private static final Instant TODAY = Instant.parse("2024-06-17T00:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(TODAY, 1, 0, Map.of(Asset.BTC,
      new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(TODAY, 60000), 60000, 0, VolSurface.flat(TODAY, 0.5))),
      Map.of(Asset.USDC, 1.0));

  private static PriceSeries series(Asset a, double start, double[] logReturns) {
    LocalDate[] d = new LocalDate[logReturns.length + 1];
    double[] v = new double[d.length];
    d[0] = LocalDate.of(2022, 1, 1);
    v[0] = start;
    for (int i = 0; i < logReturns.length; i++) {
      d[i + 1] = d[i].plusDays(1);
      v[i + 1] = v[i] * Math.exp(logReturns[i]);
    }
    return new PriceSeries(a, d, v);
  }

  @Test
  void shouldChargeALinearBookTheEsOfItsCoinsByHand() {
    double[] r = new double[30];
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.01 * ((i * 7) % 11 - 5);
    }
    PriceSeries btc = series(Asset.BTC, 30000, r);
    PriceSeries dvol = series(Asset.of("BTCDVOL"), 50, new double[30]);
    Account oneBtc = new Account("a", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000))), Map.of());
    BacktestResult b = RevaluationBacktest.run(oneBtc, MARKET, List.of(btc), Map.of(Asset.BTC, dvol), 20, 1, 0.9,
        0.95, null);
    // Day 20: 1 BTC at S(20); scenarios are the 20 returns before it: P&L_s = S(20)·(e^r_s − 1); ES 90% = the mean of
    // the two worst. The outcome is S(21) − S(20).
    double s20 = btc.value(20);
    double[] pnl = new double[20];
    for (int s = 0; s < 20; s++) {
      pnl[s] = s20 * Math.expm1(r[s]);
    }
    assertThat(b.margin()[0]).isCloseTo(TailRisk.expectedShortfall(pnl, 0.9), within(1e-6));
    assertThat(b.realisedPnl()[0]).isCloseTo(btc.value(21) - s20, within(1e-6));
    assertThat(b.observations()).isEqualTo(10);
  }

  @Test
  void shouldReplayAShortStraddleWithTimeDecayAndVolMoves() {
    double[] r = new double[60];
    double[] vr = new double[60];
    for (int i = 0; i < r.length; i++) {
      boolean quiet = i % 4 == 0; // every fourth day nothing moves
      r[i] = quiet ? 0 : 0.03 * Math.sin(i * 1.3);
      vr[i] = quiet ? 0 : 0.05 * Math.cos(i * 0.7);
    }
    PriceSeries btc = series(Asset.BTC, 30000, r);
    PriceSeries dvol = series(Asset.of("BTCDVOL"), 60, vr);
    Account straddle = new Account("s", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-28JUN24-60000-C"), -100, 1000),
        new Position(DeribitSymbols.parse("BTC_USDC-28JUN24-60000-P"), -100, 1000))), Map.of());
    BacktestResult b = RevaluationBacktest.run(straddle, MARKET, List.of(btc), Map.of(Asset.BTC, dvol), 30, 1,
        0.975, 0.99, null);
    assertThat(b.observations()).isEqualTo(30);
    for (int d = 0; d < b.observations(); d++) {
      assertThat(b.margin()[d]).isPositive().isFinite();
      assertThat(b.realisedPnl()[d]).isFinite();
    }
    // A short straddle earns its time decay on a quiet day: when price and vol do not move much the outcome is a gain.
    int quiet = 0;
    for (int d = 0; d < b.observations(); d++) {
      int t = 30 + d;
      if (Math.abs(r[t]) < 0.005 && Math.abs(vr[t]) < 0.01) {
        assertThat(b.realisedPnl()[d]).as("day " + d).isPositive();
        quiet++;
      }
    }
    assertThat(quiet).isPositive();
  }
}
