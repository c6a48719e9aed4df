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
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.engine.guard.MarginCallGuard;
import org.pmargin.engine.liquidation.LiquidationConfig;

/**
 * Adversarial: an account in a margin call (MM ≤ equity &lt; IM) trying to add risk. Alice is long 3 BTC through
 * BTC_USDC-PERPETUAL on 40,000 USDC; BTC falls 4%: equity 40,000 − 3 × 66,026.4 × 4% = 32,076.83 USD, below IM and
 * above MM. Buying more is refused by the what-if rule; selling (risk-reducing) is accepted and booked.
 */
class MarginCallTradingTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final double MARK = 66_000 * 1.0004;

  private static MarginEngine inMarginCall() {
    MarginEngine e = new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withLiquidation(LiquidationConfig.defaults()));
    e.apply(new Deposit("alice", Asset.USDC, 40_000));
    e.apply(new Fill("alice", PERP, 3_000, MARK));
    e.apply(MarketUpdate.of(EngineFixtures.moved(e.snapshot(), Asset.BTC, 0.96, e.snapshot().asOf())));
    AccountHealth h = e.margin("alice").orElseThrow().health();
    assertThat(h.equityUsd()).isCloseTo(40_000 - 3 * MARK * 0.04, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(h.state()).isEqualTo(HealthState.MARGIN_CALL);
    return e;
  }

  @Test
  void shouldRefuseARiskIncreasingWhatIfInAMarginCall() {
    try (MarginEngine e = inMarginCall()) {
      double mark = e.snapshot().underlying(Asset.BTC).perpetualMark();
      WhatIf more = e.whatIf("alice", List.of(new Fill("alice", PERP, 500, mark)));
      assertThat(more.initialMarginChangeUsd()).isPositive();
      assertThat(more.acceptable()).isFalse();
      assertThat(MarginCallGuard.refusal("alice", more.before(), more.after())).get().asString()
          .startsWith("account alice is in MARGIN_CALL");
      // a small risk increase is refused as well: the rule is on the direction, not the size
      assertThat(e.whatIf("alice", List.of(new Fill("alice", PERP, 1, mark))).acceptable()).isFalse();
    }
  }

  @Test
  void shouldAcceptAndBookARiskReducingTradeInAMarginCall() {
    try (MarginEngine e = inMarginCall()) {
      double mark = e.snapshot().underlying(Asset.BTC).perpetualMark();
      AccountHealth before = e.margin("alice").orElseThrow().health();
      WhatIf less = e.whatIf("alice", List.of(new Fill("alice", PERP, -500, mark)));
      assertThat(less.initialMarginChangeUsd()).isNegative();
      assertThat(less.acceptable()).isTrue();
      assertThat(MarginCallGuard.refusal("alice", less.before(), less.after())).isEmpty();
      EventOutcome o = e.apply(new Fill("alice", PERP, -500, mark));
      assertThat(o.rejection()).isEmpty();
      AccountHealth after = e.margin("alice").orElseThrow().health();
      assertThat(after.initialMarginUsd()).isLessThan(before.initialMarginUsd());
      assertThat(after).isEqualTo(less.after());
    }
  }

  /**
   * The same rule on the booking of a fill the matching engine let through against a stale answer: refused with
   * {@link MarginCallGuard#refusal}'s reason, nothing booked; the risk-reducing fill is booked.
   */
  @Test
  void shouldRefuseARiskIncreasingFillInAMarginCall() {
    try (MarginEngine e = inMarginCall()) {
      double mark = e.snapshot().underlying(Asset.BTC).perpetualMark();
      EventOutcome o = e.apply(new Fill("alice", PERP, 500, mark));
      assertThat(o.rejection()).get().asString().startsWith("account alice is in MARGIN_CALL");
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.MARGIN_CALL);
      assertThat(e.apply(new Fill("alice", PERP, -500, mark)).accepted()).isTrue();
    }
  }
}
