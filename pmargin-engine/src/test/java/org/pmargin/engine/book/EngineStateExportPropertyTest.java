package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidationControl;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.script.MarketMove;

/**
 * Export and import of the engine's state on seeded random event sequences (the loss-waterfall population: perpetuals
 * and options on BTC and ETH up to 25x, price gaps of up to 30%, every liquidation mechanism; with withdrawals,
 * extra fills, liquidation pause and resume, model changes, and short market steps of ETH alone, after which the
 * BTC options' vectors would be kept from an earlier time by an engine that reuses vectors across market times):
 * on an engine keeping vectors per market time, the state is exported at a random point, written and read back
 * through {@link EngineStateCodec}, imported into a fresh engine, and both engines are given the rest; after every
 * event the outcomes are equal, and so are the engines' whole states (their exports, byte for byte), margins,
 * loss summaries and queues.
 */
class EngineStateExportPropertyTest {

  private static final MarginModel MODEL = new ScenarioGridModel(GridParameters.deribitUnified());

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 24);
  }

  /** The loss-waterfall events with more kinds of event mixed in after the population is built. */
  static List<EngineEvent> events(long seed) {
    List<EngineEvent> base = LossConservationPropertyTest.events(seed, 12, 14);
    SplittableRandom rnd = new SplittableRandom(seed * 31);
    List<EngineEvent> out = new ArrayList<>();
    MarketSnapshot market = EngineFixtures.market();
    for (EngineEvent e : base) {
      if (e instanceof MarketUpdate u) {
        market = u.snapshot();
        // short steps first: ETH alone moves 10 s on (no full pass)
        for (int k = rnd.nextInt(3); k > 0; k--) {
          market = new MarketMove(Map.of(Asset.ETH, 0.002 * (rnd.nextDouble() - 0.5)), Map.of(),
              market.asOf().plusSeconds(10)).apply(market);
          out.add(MarketUpdate.of(market));
        }
        Instant t = market.asOf().isAfter(u.snapshot().asOf()) ? market.asOf() : u.snapshot().asOf();
        market = new MarketMove(Map.of(), Map.of(), t).apply(u.snapshot());
        out.add(MarketUpdate.of(market));
        switch (rnd.nextInt(8)) {
          case 0 -> out.add(new LiquidationControl(LiquidationControl.Action.PAUSE));
          case 1 -> out.add(new LiquidationControl(LiquidationControl.Action.RESUME));
          case 2 -> out.add(new ModelChange(new ScenarioGridModel(GridParameters.deribitUnified())));
          case 3 -> out.add(new Withdrawal("acc" + rnd.nextInt(12), Asset.USDC, 100 + 5_000 * rnd.nextDouble()));
          case 4 -> out.add(new Fill("acc" + rnd.nextInt(12), DeribitSymbols.parse("BTC-PERPETUAL"),
              rnd.nextBoolean() ? 100 : -100, market.underlying(Asset.BTC).perpetualMark()));
          default -> {
          }
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldGoOnBitForBitFromAnImportedState(long seed) {
    List<EngineEvent> events = events(seed);
    LiquidationConfig liq = LossConservationPropertyTest.config(seed);
    int from = new SplittableRandom(seed).nextInt(events.size());
    try (MarginEngine a = new MarginEngine(MODEL, EngineFixtures.market(), config(liq))) {
      MarginModel model = MODEL;
      int k = 0;
      for (; k < from; k++) {
        EventOutcome o = a.apply(events.get(k));
        if (events.get(k) instanceof ModelChange c && o.accepted()) {
          model = c.model();
        }
      }
      byte[] bytes = EngineStateCodec.write(a.exportState());
      try (MarginEngine b = MarginEngine.restore(EngineStateCodec.read(bytes), model, config(liq))) {
        assertSame(a, b, seed, k);
        for (; k < events.size(); k++) {
          EventOutcome x = a.apply(events.get(k));
          EventOutcome y = b.apply(events.get(k));
          assertThat(y).as("seed %d event %d", seed, k).isEqualTo(x);
          assertSame(a, b, seed, k);
        }
      }
    }
  }

  private static EngineConfig config(LiquidationConfig liq) {
    return new EngineConfig(1, Duration.ofSeconds(60)).withPriceBand(PriceBand.defaults().withMode(PriceBandMode.OFF))
        .withLiquidation(liq).withVectorsPerMarketTime(true);
  }

  private static void assertSame(MarginEngine a, MarginEngine b, long seed, int k) {
    assertThat(b.margins()).as("seed %d event %d", seed, k).isEqualTo(a.margins());
    assertThat(b.losses()).isEqualTo(a.losses());
    assertThat(Double.doubleToRawLongBits(b.badDebtUsd())).isEqualTo(Double.doubleToRawLongBits(a.badDebtUsd()));
    assertThat(b.liquidationCandidates()).isEqualTo(a.liquidationCandidates());
    assertThat(b.liquidationPaused()).isEqualTo(a.liquidationPaused());
    assertThat(b.snapshot()).isEqualTo(a.snapshot());
    assertThat(b.exportable()).isTrue();
    assertThat(EngineStateCodec.json(b.exportState())).as("seed %d event %d", seed, k)
        .isEqualTo(EngineStateCodec.json(a.exportState()));
  }

  @Test
  void shouldExportQueuedAndParkedAccountsAcrossTheSeeds() {
    int parkedOrQueued = 0;
    for (long seed : seeds().toArray()) {
      try (MarginEngine a = new MarginEngine(MODEL, EngineFixtures.market(),
          config(LossConservationPropertyTest.config(seed)))) {
        for (EngineEvent e : events(seed)) {
          a.apply(e);
          EngineState s = a.exportState();
          if (s.liquidation().parked().length > 0 || s.liquidation().queueIndices().length > 0) {
            parkedOrQueued++;
          }
        }
      }
    }
    // the liquidation state is really exercised (else the test above would prove little)
    assertThat(parkedOrQueued).isPositive();
  }

  @Test
  void shouldRefuseAnEngineReusingVectorsAcrossTimesAndUnreadableOrOtherVersionBytes() throws IOException {
    try (MarginEngine old = LossFixtures.engine(MODEL, EngineFixtures.market(), LiquidationConfig.defaults())) {
      assertThat(old.exportable()).isFalse();
      assertThatThrownBy(old::exportState).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("across market times");
    }
    try (MarginEngine a = new MarginEngine(MODEL, EngineFixtures.market(), config(LiquidationConfig.defaults()))) {
      for (EngineEvent e : LossConservationPropertyTest.events(3, 4, 2)) {
        a.apply(e);
      }
      assertThat(a.exportable()).isTrue();
      byte[] good = EngineStateCodec.write(a.exportState());
      byte[] cut = Arrays.copyOf(good, good.length / 2);
      assertThatThrownBy(() -> EngineStateCodec.read(cut))
          .isInstanceOf(EngineStateCodec.UnreadableStateException.class);
      int next = EngineStateCodec.FORMAT + 1;
      String other = EngineStateCodec.json(a.exportState()).replaceFirst("\"format\":" + EngineStateCodec.FORMAT,
          "\"format\":" + next);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
        z.write(other.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThatThrownBy(() -> EngineStateCodec.read(bytes.toByteArray()))
          .isInstanceOf(EngineStateCodec.UnreadableStateException.class).hasMessageContaining("format " + next);
      assertThatThrownBy(() -> MarginEngine.restore(EngineStateCodec.read(good),
          MarginModels.byName("cross", RiskParameters.defaults()), config(LiquidationConfig.defaults())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
      assertThatThrownBy(() -> MarginEngine.restore(EngineStateCodec.read(good), MODEL, EngineConfig.defaults()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per market time");
    }
  }
}
