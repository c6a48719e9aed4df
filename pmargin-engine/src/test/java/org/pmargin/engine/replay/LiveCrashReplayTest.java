package org.pmargin.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.engine.event.HealthTransition;

/**
 * The live replay on a made-up crash (BTC and ETH fall 30% over two days, vols double): accounts go from healthy to
 * margin call to liquidatable as prices fall, transitions arrive step by step, and two runs agree.
 */
class LiveCrashReplayTest {

  private static final Instant START = Instant.parse("2022-11-07T00:00:00Z");

  private static List<HourlyBar> crash(double from) {
    List<HourlyBar> out = new ArrayList<>();
    double p = from;
    for (int h = 0; h < 72; h++) {
      double next = h < 48 ? p * Math.pow(0.7, 1 / 48.0) : p;
      out.add(new HourlyBar(START.plusSeconds(3600L * h), p, Math.max(p, next) * 1.001, Math.min(p, next) * 0.999,
          next, 1, h + 2));
      p = next;
    }
    return out;
  }

  private static Map<Asset, PriceSeries> vols() {
    LocalDate d = LocalDate.parse("2022-11-05");
    LocalDate[] dates = {d, d.plusDays(1), d.plusDays(2), d.plusDays(3), d.plusDays(4)};
    return Map.of(Asset.BTC, new PriceSeries(Asset.BTC, dates, new double[] {50, 55, 80, 110, 100}),
        Asset.ETH, new PriceSeries(Asset.ETH, dates, new double[] {60, 65, 95, 130, 120}));
  }

  private static LiveCrashReplay.Summary run(List<HealthTransition> seen) {
    return LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500)), vols(),
        new ScenarioGridModel(GridParameters.deribitUnified()),
        new LiveCrashReplay.Settings(START, START.plusSeconds(3600L * 71), Duration.ofMinutes(15), 200, 5, 11, 2),
        (s, o) -> seen.addAll(o.transitions()));
  }

  @Test
  void shouldReportTransitionsAsPricesFall() {
    List<HealthTransition> seen = new ArrayList<>();
    LiveCrashReplay.Summary s = run(seen);
    assertThat(s.steps()).isEqualTo(71 * 4);
    assertThat(s.remargins()).isEqualTo(200L * s.steps()); // every step moves both coins
    assertThat(s.transitions()).isEqualTo(seen.size()).isPositive();
    assertThat(s.startStates().get(HealthState.HEALTHY)).isEqualTo(200);
    assertThat(s.worstStates().get(HealthState.LIQUIDATABLE)).isPositive();
    assertThat(seen).anySatisfy(t -> assertThat(t.to()).isEqualTo(HealthState.MARGIN_CALL));
    assertThat(s.degradedSteps()).isZero();
    assertThat(s.market().underlying(Asset.BTC).index()).isEqualTo(20_000);
    assertThat(s.market().underlying(Asset.BTC).vols().vol(20_000, 20_000, 0.1)).isEqualTo(0.55);
  }

  private static LiveCrashReplay.Summary liquidating(List<org.pmargin.engine.event.EventOutcome> outcomes) {
    return LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500)), vols(),
        new ScenarioGridModel(GridParameters.deribitUnified()),
        new LiveCrashReplay.Settings(START, START.plusSeconds(3600L * 71), Duration.ofMinutes(15), 200, 5, 11, 2,
            org.pmargin.engine.liquidation.LiquidationConfig.defaults()), (snap, o) -> outcomes.add(o));
  }

  @Test
  void shouldLiquidateTheAccountsThatFallBelowMaintenanceAndReplayTheJournalBitForBit() {
    LiveCrashReplay.Summary without = run(new ArrayList<>());
    List<org.pmargin.engine.event.EventOutcome> a = new ArrayList<>();
    List<org.pmargin.engine.event.EventOutcome> b = new ArrayList<>();
    LiveCrashReplay.Summary s = liquidating(a);
    LiveCrashReplay.Summary again = liquidating(b);
    LiveCrashReplay.LiquidationTotals l = s.liquidation();
    assertThat(l.accountsLiquidated()).isPositive();
    assertThat(l.steps()).isGreaterThanOrEqualTo(l.accountsLiquidated());
    assertThat(l.notionalClosedUsd()).isPositive();
    assertThat(l.costUsd()).isPositive().isLessThan(l.notionalClosedUsd() * 0.05); // fee 0.5% + a little impact
    assertThat(l.failures()).isZero();
    // Liquidation leaves fewer accounts below maintenance margin at the end than doing nothing.
    assertThat(s.endStates().get(HealthState.LIQUIDATABLE)).isLessThan(without.endStates().get(
        HealthState.LIQUIDATABLE));
    // The journal's totals add up, and a second run gives every record again, bit for bit.
    long steps = a.stream().mapToLong(o -> o.liquidations().size()).sum();
    assertThat(steps).isEqualTo(l.steps());
    assertThat(a.stream().flatMap(o -> o.liquidations().stream()).mapToDouble(x -> x.costUsd()).sum())
        .isCloseTo(l.costUsd(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(b).isEqualTo(a);
    assertThat(again.liquidation()).isEqualTo(l);
  }

  @Test
  void shouldAccrueFundingAtEachFundingTimeOfTheWindow() {
    java.util.Set<Instant> times = new java.util.TreeSet<>();
    double[] paid = {0};
    double[] received = {0};
    LiveCrashReplay.Summary s = LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500)),
        vols(), new ScenarioGridModel(GridParameters.deribitUnified()),
        new LiveCrashReplay.Settings(START, START.plusSeconds(3600L * 71), Duration.ofMinutes(15), 200, 5, 11, 2),
        (snap, o) -> o.funding().forEach(f -> {
          times.add(f.time());
          assertThat(f.time()).isEqualTo(snap.asOf()); // a snapshot at every funding time: its own rate and mark
          assertThat(f.rate8h()).isEqualTo(LiveCrashReplay.FUNDING_RATE_8H);
          if (f.amountUsd() < 0) {
            paid[0] -= f.amountUsd();
          } else {
            received[0] += f.amountUsd();
          }
        }));
    // 00:00 of the first day is the start (settled before it); 71 hours pass 08:00 and 16:00 of day one, then
    // 00:00, 08:00 and 16:00 of the next two days.
    assertThat(times).hasSize(8).allSatisfy(t -> assertThat(t.getEpochSecond() % (8 * 3600)).isZero());
    assertThat(s.fundingPayments()).isPositive();
    assertThat(s.fundingPaidUsd()).isPositive().isEqualTo(paid[0]);
    assertThat(s.fundingReceivedUsd()).isPositive().isEqualTo(received[0]);
  }

  @Test
  void shouldGiveTheSameTransitionsOnEveryRun() {
    List<HealthTransition> a = new ArrayList<>();
    List<HealthTransition> b = new ArrayList<>();
    LiveCrashReplay.Summary x = run(a);
    LiveCrashReplay.Summary y = run(b);
    assertThat(b).isEqualTo(a);
    assertThat(y.endStates()).isEqualTo(x.endStates());
  }

  @Test
  void shouldNameTheMissingData() {
    assertThatThrownBy(() -> LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000)), Map.of(),
        new ScenarioGridModel(GridParameters.deribitUnified()),
        new LiveCrashReplay.Settings(START, START.plusSeconds(7200), Duration.ofMinutes(15), 10, 3, 1, 1),
        (s, o) -> { }))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("vol_index.BTC");
  }

  @Test
  void shouldFeedTheLiquidationsImpactBackIntoTheMarksAndRecordTheSeries() {
    // the loss waterfall off: the deficits stay as bad debt, the figure the feedback is measured on
    var noWaterfall = org.pmargin.engine.liquidation.LiquidationConfig.defaults().withLossWaterfall(false);
    LiveCrashReplay.Settings base = new LiveCrashReplay.Settings(START, START.plusSeconds(3600L * 71),
        Duration.ofMinutes(15), 200, 5, 11, 2, noWaterfall, 0.08, 0, ImpactFeedback.off());
    var model = new ScenarioGridModel(GridParameters.deribitUnified());
    var bars = Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500));
    LiveCrashReplay.Summary off = LiveCrashReplay.run(bars, vols(), model, base, (s, o) -> { });
    // a venue 20,000 times the population: its liquidations sell enough to move the market
    LiveCrashReplay.Summary on = LiveCrashReplay.run(bars, vols(), model, new LiveCrashReplay.Settings(START,
        START.plusSeconds(3600L * 71), Duration.ofMinutes(15), 200, 5, 11, 2, noWaterfall, 0.08, 0,
        ImpactFeedback.defaults().withFlowScale(20_000)), (s, o) -> { });
    assertThat(off.series()).hasSize(off.steps());
    assertThat(off.series()).allSatisfy(c -> {
      assertThat(c.shift().values()).allSatisfy(v -> assertThat(v).isZero());
      assertThat(c.states().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
      assertThat(c.loss().modelled()).isFalse();
    });
    assertThat(off.series().stream().mapToInt(CascadeStep::steps).sum()).isEqualTo(off.liquidation().steps());
    assertThat(off.series().get(off.series().size() - 1).badDebtUsd()).isEqualTo(off.liquidation().badDebtUsd());
    assertThat(off.series().get(off.series().size() - 1).states()).isEqualTo(off.endStates());
    // the crash's liquidations sell: the marks fall below the oracle's (−6% at worst), which liquidates more
    // accounts (34 against 32) and leaves more bad debt
    double worst = on.series().stream().mapToDouble(c -> c.shift().get(Asset.BTC)).min().orElseThrow();
    assertThat(worst).isLessThan(-0.03);
    assertThat(on.liquidation().accountsLiquidated()).isGreaterThan(off.liquidation().accountsLiquidated());
    assertThat(on.liquidation().badDebtUsd()).isGreaterThan(off.liquidation().badDebtUsd());
    assertThat(on.series().get(on.series().size() - 1).states()).isEqualTo(on.endStates());
  }

  @Test
  void shouldRecordTheInsuranceFundAndAdlOfTheLossWaterfallInTheSeries() {
    LiveCrashReplay.Summary s = LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500)),
        vols(), new ScenarioGridModel(GridParameters.deribitUnified()), new LiveCrashReplay.Settings(START,
            START.plusSeconds(3600L * 71), Duration.ofMinutes(15), 200, 5, 11, 2,
            org.pmargin.engine.liquidation.LiquidationConfig.defaults(), 0.08, 0, ImpactFeedback.off()),
        (x, o) -> { });
    var losses = s.liquidation().losses();
    assertThat(s.series()).allSatisfy(c -> assertThat(c.loss().modelled()).isTrue());
    assertThat(losses.feesUsd()).isPositive();
    // the fund's last figure is the engine's: the fees it collected less what it paid out
    assertThat(s.series().get(s.series().size() - 1).loss().insuranceFundUsd()).isEqualTo(losses.fundUsd());
    assertThat(losses.fundUsd()).isCloseTo(losses.feesUsd() - losses.drawnUsd(),
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat(s.series().stream().mapToInt(c -> c.loss().adlEvents()).sum()).isEqualTo((int) losses.adlFills());
    assertThat(s.series().stream().mapToDouble(c -> c.loss().socialisedUsd()).sum())
        .isCloseTo(losses.socialisedUsd(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void shouldPostTheModelsOwnInitialMarginTimesTheFactor() {
    var model = new ScenarioGridModel(GridParameters.deribitUnified());
    LiveCrashReplay.Summary s = LiveCrashReplay.run(Map.of(Asset.BTC, crash(20_000), Asset.ETH, crash(1_500)),
        vols(), model, new LiveCrashReplay.Settings(START, START.plusSeconds(3600L * 2), Duration.ofMinutes(15), 50,
            5, 11, 2, org.pmargin.engine.liquidation.LiquidationConfig.off(), 0, 1.05, ImpactFeedback.off()),
        (snap, o) -> { });
    // equity = 1.05 × IM at the start (short options topped up): nobody starts below IM
    assertThat(s.startStates().get(HealthState.MARGIN_CALL) + s.startStates().get(HealthState.LIQUIDATABLE)
        + s.startStates().get(HealthState.BANKRUPT)).isZero();
  }
}
