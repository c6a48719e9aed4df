package org.pmargin.core.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.collateral.HaircutSchedule;
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

/** Stresses by hand: hedges, depegs, and crash windows read as holding period and worst point. */
class StressTestTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0, Map.of(
      Asset.BTC, new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 60000), 60000, 0, VolSurface.flat(T, 0.6)),
      Asset.ETH, new UnderlyingMarket(Asset.ETH, ForwardCurve.flat(T, 3000), 3000, 0, VolSurface.flat(T, 0.7))),
      Map.of(Asset.USDC, 1.0, Asset.USDT, 1.0));
  private static final HaircutSchedule HAIRCUTS = HaircutSchedule.standard();

  private static StressResult run(Account a, String name) {
    StressScenario sc = StressLibrary.hypothetical().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow();
    return StressTest.run(a, MARKET, List.of(sc), HAIRCUTS).get(0);
  }

  @Test
  void shouldLeaveAHedgedHolderFlatInAGap() {
    // 1 BTC held, 1 BTC short through the USDC perpetual: −40% costs the balance 24,000 and pays the short 24,000.
    Account hedged = new Account("h", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), -1000, 60000))), Map.of(Asset.BTC, 1.0));
    StressResult r = run(hedged, "gap_down_40");
    assertThat(r.byExposure().get("balance:BTC")).isCloseTo(-24000, within(1e-6));
    assertThat(r.pnlUsd()).isCloseTo(0, within(1e-6));
  }

  @Test
  void shouldChargeAStablecoinHolderTheDepeg() {
    Account usdc = new Account("u", Portfolio.empty(), Map.of(Asset.USDC, 100000.0));
    assertThat(run(usdc, "usdc_depeg").pnlUsd()).isCloseTo(-13000, within(1e-6));
    // Stablecoins do not follow the coins: the USDT depeg leaves USDC alone.
    assertThat(run(usdc, "usdt_depeg").pnlUsd()).isCloseTo(0, within(1e-9));
  }

  @Test
  void shouldMoveHedgesAgainstEachOtherInTheCorrelationBreakdown() {
    // Long 1 BTC (60,000) and short 20 ETH (60,000): BTC −25% loses 15,000, ETH +15% loses 9,000.
    Account pair = new Account("p", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000),
        new Position(DeribitSymbols.parse("ETH_USDC-PERPETUAL"), -2000, 3000))), Map.of());
    assertThat(run(pair, "correlation_breakdown_btc_down").pnlUsd()).isCloseTo(-24000, within(1e-6));
  }

  @Test
  void shouldReadACrashWindowAsHoldingPeriodAndWorstPoint() {
    // BTC closes 100 (the day before), 90, 60, 80, 95 over a four-day window; ETH has no data.
    LocalDate d0 = LocalDate.of(2020, 3, 7);
    PriceSeries btc = new PriceSeries(Asset.BTC, new LocalDate[] {d0, d0.plusDays(1), d0.plusDays(2),
        d0.plusDays(3), d0.plusDays(4)}, new double[] {100, 90, 60, 80, 95});
    CrashWindow w = new CrashWindow("test", "a crash that rebounds", d0.plusDays(1), d0.plusDays(4));
    List<StressScenario> path = CrashReplay.path(w, List.of(btc), Map.of());
    assertThat(path).hasSize(4);
    Account longBtc = new Account("l", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 1000, 60000))), Map.of());
    StressResult[] r = CrashReplay.replay(longBtc, MARKET, path, HAIRCUTS);
    // Holding period: 60,000·(95/100 − 1) = −3,000; worst point: 60,000·(60/100 − 1) = −24,000 on the third day.
    assertThat(r[0].pnlUsd()).isCloseTo(-3000, within(1e-6));
    assertThat(r[1].pnlUsd()).isCloseTo(-24000, within(1e-6));
    assertThat(r[1].scenario().name()).isEqualTo("test:2020-03-09");
    // ETH, without data, follows BTC; pre-DVOL, vols are × 1.5 when BTC is down more than 10%.
    assertThat(path.get(1).priceFactor(Asset.ETH)).isCloseTo(0.6, within(1e-12));
    assertThat(path.get(1).volFactor(Asset.ETH)).isCloseTo(1.5, within(1e-12));
    assertThat(path.get(0).volFactor(Asset.ETH)).isCloseTo(1.0, within(1e-12));
    // A short's worst point is the highest close of the window, not the bottom: 95 on the last day, +3,000.
    Account shortBtc = new Account("s", new Portfolio(List.of(
        new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), -1000, 60000))), Map.of());
    StressResult[] s = CrashReplay.replay(shortBtc, MARKET, path, HAIRCUTS);
    assertThat(s[1].pnlUsd()).isCloseTo(-60000 * (0.95 - 1), within(1e-6));
  }
}
