package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;

/**
 * The live path end to end, driven by a test clock: feed → oracle (wall-clock loop) → engine. Every tick
 * re-margins the account; when the only sources go stale the oracle holds the price and the account is flagged
 * degraded, never margined on a missing price.
 */
class LiveEngineTest {

  private static final Instant T0 = Instant.parse("2024-06-17T08:00:00Z");

  @Test
  void shouldRemarginOnEveryOracleTickAndFlagAHeldPrice() {
    MarketSnapshot start = new MarketSnapshot(T0, 1, 0, Map.of(Asset.BTC, new UnderlyingMarket(Asset.BTC,
        ForwardCurve.flat(T0, 66_000), 66_000, 0, VolSurface.flat(T0, 0.5))), Map.of(Asset.USDC, 1.0));
    SyntheticRandomWalkFeed feed = new SyntheticRandomWalkFeed(SyntheticRandomWalkFeed.Spec.clean(Asset.BTC, 3, T0,
        Duration.ofSeconds(1), 66_000, 0.002, 0.0005).withStale(0, T0.plusSeconds(20)),
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
    // All three sources must agree: once source 0 has been silent for 5 s the price is held.
    Oracle oracle = new Oracle(start, OracleConfig.defaults().withStaleness(Duration.ofSeconds(5)).withMinSources(3));
    MutableClock clock = new MutableClock(T0);
    List<EventOutcome> outcomes = new ArrayList<>();
    try (MarginEngine engine = new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), start,
        new EngineConfig(1, Duration.ofSeconds(60)));
        LiveOracleLoop loop = new LiveOracleLoop(oracle, feed, clock, Duration.ofSeconds(1),
            u -> outcomes.add(engine.apply(MarketUpdate.from(u))))) {
      engine.apply(new Deposit("a", Asset.USDC, 50_000));
      engine.apply(new Fill("a", DeribitSymbols.parse("BTC-PERPETUAL"), 10_000, 66_000));
      for (int i = 0; i < 10; i++) {
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
      }
      assertThat(outcomes).hasSize(10).allSatisfy(o -> {
        assertThat(o.accepted()).isTrue();
        assertThat(o.margins()).singleElement().satisfies(m -> assertThat(m.degraded()).isFalse());
      });
      assertThat(engine.snapshot().underlying(Asset.BTC).index()).isNotEqualTo(66_000);
      assertThat(engine.margin("a").get().snapshotVersion()).isEqualTo(engine.snapshot().version());
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
      }
      double held = engine.snapshot().underlying(Asset.BTC).index();
      assertThat(engine.margin("a").get().degraded()).isTrue();
      assertThat(engine.margin("a").get().health().equityUsd()).isFinite();
      clock.advance(Duration.ofSeconds(1));
      loop.tick();
      assertThat(engine.snapshot().underlying(Asset.BTC).index()).isEqualTo(held);
    }
  }
}
