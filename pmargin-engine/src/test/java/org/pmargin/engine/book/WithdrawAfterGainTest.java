package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.Withdrawal;

/**
 * The "withdraw right after a favourable tick" trick: an account whose positions gained on a tick withdraws the
 * gain at once, then the tick reverses. The engine lets it take only what leaves initial margin covered, and the
 * grid's initial margin is the worst loss over moves of up to 15% (vols shocked too), so a reversal of a move of up
 * to 10% cannot make it bankrupt: its equity afterwards is still at least zero, whatever it held. Checked on seeded
 * random books of the fixture universe (perpetuals, futures, coin and USDC options, long and short).
 */
class WithdrawAfterGainTest {

  /** How many seeds ran the trick through (healthy start, a gain withdrawn). */
  private static final java.util.concurrent.atomic.AtomicInteger EXERCISED =
      new java.util.concurrent.atomic.AtomicInteger();

  @org.junit.jupiter.api.AfterAll
  static void mostSeedsShouldHaveTriedTheTrick() {
    assertThat(EXERCISED.get()).isGreaterThanOrEqualTo(12);
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 25);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aReversalAfterWithdrawingTheGainShouldNotMakeTheAccountBankrupt(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (MarginEngine e = new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()),
        EngineFixtures.market(), new EngineConfig(1, Duration.ZERO))) {
      e.apply(new Deposit("w", Asset.USDC, rnd.nextDouble(20_000, 200_000)));
      for (int i = 0; i < 3; i++) {
        Instrument inst = EngineFixtures.UNIVERSE.get(rnd.nextInt(EngineFixtures.UNIVERSE.size()));
        double mark = PositionValuer.value(new Position(inst, 1, 1), e.snapshot()).markPrice();
        double q = (rnd.nextBoolean() ? 1 : -1) * (inst instanceof org.pmargin.core.instrument.EuropeanOption
            ? rnd.nextDouble(1, 5) : inst.settlement() == org.pmargin.core.instrument.Settlement.LINEAR
            ? rnd.nextDouble(100, 2_000) : rnd.nextDouble(1_000, 20_000));
        e.apply(new Fill("w", inst, Math.round(q), mark));
      }
      if (e.margin("w").get().health().state() != HealthState.HEALTHY) {
        return; // the random book is not a starting point for the trick
      }
      Asset u = rnd.nextBoolean() ? Asset.BTC : Asset.ETH;
      double move = rnd.nextDouble(0.01, 0.10) * (rnd.nextBoolean() ? 1 : -1);
      var t1 = e.snapshot().asOf().plusSeconds(60);
      e.apply(MarketUpdate.of(EngineFixtures.moved(e.snapshot(), u, 1 + move, t1)));
      double available = e.margin("w").get().health().availableUsd();
      double usdc = e.account("w").balance(Asset.USDC);
      double take = Math.min(available, usdc);
      if (take > 1) {
        EventOutcome w = e.apply(new Withdrawal("w", Asset.USDC, take * 0.999999));
        assertThat(w.accepted()).as(w.rejection().orElse("")).isTrue();
        EXERCISED.incrementAndGet();
      }
      // the tick reverses
      e.apply(MarketUpdate.of(EngineFixtures.moved(e.snapshot(), u, 1 / (1 + move), t1.plusSeconds(60))));
      var after = e.margin("w").get().health();
      assertThat(after.equityUsd()).as("%s moved %+.3f then back", u, move).isGreaterThanOrEqualTo(-1e-6);
      assertThat(after.state()).isNotEqualTo(HealthState.BANKRUPT);
    }
  }
}
