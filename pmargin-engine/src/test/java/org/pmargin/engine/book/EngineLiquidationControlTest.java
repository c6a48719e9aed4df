package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidationControl;
import org.pmargin.engine.event.LiquidationControl.Action;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;

/**
 * The risk desk's liquidation controls as engine events, on the account of {@link EngineLiquidationTest} (40,000
 * USDC and 3 BTC long in the linear perpetual, index down 12%: below maintenance margin). Paused, the engine books
 * no step and keeps the account queued, a {@code RUN} does nothing; the {@code RESUME} event itself runs the pass,
 * and it books exactly the steps an engine that was never paused books for the same account and market (same
 * quantities, same costs, same equity after), so pausing delays a liquidation without changing it.
 */
class EngineLiquidationControlTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final double MARK = 66_000 * 1.0004;

  private static MarginEngine engine() {
    return new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withLiquidation(LiquidationConfig.defaults()));
  }

  private static void open(MarginEngine e) {
    e.apply(new Deposit("alice", Asset.USDC, 40_000));
    e.apply(new Fill("alice", PERP, 3_000, MARK));
  }

  private static MarketUpdate fall(MarginEngine e) {
    return MarketUpdate.of(EngineFixtures.moved(e.snapshot(), Asset.BTC, 0.88, e.snapshot().asOf()));
  }

  @Test
  void shouldHoldLiquidationsWhilePausedAndBookTheSameStepsOnResume() {
    List<LiquidationStepBooked> reference;
    AccountHealth referenceAfter;
    try (MarginEngine never = engine()) {
      open(never);
      reference = never.apply(fall(never)).liquidations();
      referenceAfter = never.margin("alice").orElseThrow().health();
    }
    assertThat(reference).hasSizeGreaterThanOrEqualTo(2);

    try (MarginEngine e = engine()) {
      open(e);
      EventOutcome paused = e.apply(new LiquidationControl(Action.PAUSE));
      assertThat(paused.accepted()).isTrue();
      assertThat(e.liquidationPaused()).isTrue();

      EventOutcome moved = e.apply(fall(e));
      assertThat(moved.liquidations()).as("nothing booked while paused").isEmpty();
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.LIQUIDATABLE);
      assertThat(e.liquidationCandidates()).as("the account stays queued").isEqualTo(1);

      EventOutcome run = e.apply(new LiquidationControl(Action.RUN));
      assertThat(run.liquidations()).as("RUN does nothing while paused").isEmpty();
      assertThat(e.liquidationCandidates()).isEqualTo(1);
      assertThat(e.liquidationPaused()).isTrue();

      EventOutcome resumed = e.apply(new LiquidationControl(Action.RESUME));
      assertThat(e.liquidationPaused()).isFalse();
      List<LiquidationStepBooked> steps = resumed.liquidations();
      assertThat(steps).hasSameSizeAs(reference);
      for (int k = 0; k < steps.size(); k++) {
        LiquidationStepBooked s = steps.get(k);
        LiquidationStepBooked r = reference.get(k);
        assertThat(s.sequence()).as("booked under the RESUME event").isEqualTo(resumed.sequence());
        assertThat(s.parts().get(0).quantity()).isEqualTo(r.parts().get(0).quantity());
        assertThat(s.costUsd()).isEqualTo(r.costUsd());
        assertThat(s.equityAfterUsd()).isEqualTo(r.equityAfterUsd());
      }
      assertThat(e.margin("alice").orElseThrow().health()).isEqualTo(referenceAfter);
      assertThat(e.liquidationCandidates()).isZero();
      assertThat(e.apply(new LiquidationControl(Action.RUN)).liquidations()).as("nothing left to do").isEmpty();
    }
  }
}
