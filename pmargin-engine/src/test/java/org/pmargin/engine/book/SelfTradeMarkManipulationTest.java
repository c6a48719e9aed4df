package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.oracle.AggregatedPrice;
import org.pmargin.engine.oracle.Oracle;
import org.pmargin.engine.oracle.OracleConfig;
import org.pmargin.engine.oracle.OracleUpdate;
import org.pmargin.engine.oracle.PriceTick;

/**
 * Adversarial: self-trading to move the mark. Alice is long 3 BTC (3,000 BTC_USDC-PERPETUAL) on 40,000 USDC, as in
 * {@link EngineLiquidationTest}: a 12% fall makes her liquidatable. Mallory and Bob, one owner, trade with each other
 * at prices of their choosing, and Mallory's venue prints a crash into the oracle. The engine never takes a mark from
 * fills (only {@link MarketUpdate}s from the oracle set it), the price band refuses fills far from the mark, and the
 * oracle's median and outlier guards drop the one venue: Alice is not liquidated by the fake crash, and when the real
 * fall comes, every liquidation fill is at the oracle's honest mark.
 */
class SelfTradeMarkManipulationTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  private static final double INDEX = 66_000;
  private static final double MARK = INDEX * 1.0004;

  private static MarginEngine engine() {
    MarginEngine e = new MarginEngine(new ScenarioGridModel(GridParameters.deribitUnified()), EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withLiquidation(LiquidationConfig.defaults()));
    e.apply(new Deposit("alice", Asset.USDC, 40_000));
    e.apply(new Fill("alice", PERP, 3_000, MARK));
    e.apply(new Deposit("mallory", Asset.USDC, 500_000));
    e.apply(new Deposit("bob", Asset.USDC, 500_000));
    return e;
  }

  private static double mark(MarginEngine e) {
    return e.snapshot().underlying(Asset.BTC).perpetualMark();
  }

  @Test
  void shouldRefuseSelfTradesFarFromTheMarkAndNeverTakeTheMarkFromFills() {
    try (MarginEngine e = engine()) {
      // 30% below the mark: outside the 5% band, refused for both sides
      EventOutcome low = e.apply(new Fill("mallory", PERP, -10_000, MARK * 0.70));
      assertThat(low.rejection()).get().asString().startsWith("fill price 46,218.48 for BTC_USDC-PERPETUAL is "
          + "outside the price band");
      assertThat(e.apply(new Fill("bob", PERP, 10_000, MARK * 0.70)).rejection()).isPresent();
      // 4.9% below: inside the band, booked, and the mark has not moved
      assertThat(e.apply(new Fill("mallory", PERP, -10_000, MARK * 0.951)).rejection()).isEmpty();
      assertThat(e.apply(new Fill("bob", PERP, 10_000, MARK * 0.951)).rejection()).isEmpty();
      assertThat(mark(e)).isEqualTo(MARK);
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.HEALTHY);
      assertThat(e.liquidationCandidates()).isZero();
    }
  }

  @Test
  void shouldIgnoreOneVenuesFakeCrashAndLiquidateOnlyAtTheHonestMark() {
    try (MarginEngine e = engine()) {
      Oracle oracle = new Oracle(e.snapshot(), OracleConfig.defaults());
      Instant t0 = e.snapshot().asOf();
      // Mallory's venue prints BTC 30% down; two honest venues hold at 66,000
      OracleUpdate fake = publish(oracle, t0.plusSeconds(10), 1.0, 0.70);
      AggregatedPrice btc = fake.prices().get(Asset.BTC);
      assertThat(btc.price()).isEqualTo(INDEX);
      assertThat(btc.dropped()).singleElement().satisfies(d -> assertThat(d.toString()).contains("mallory"));
      EventOutcome o = e.apply(MarketUpdate.of(fake.snapshot()));
      assertThat(o.liquidations()).isEmpty();
      assertThat(e.margin("alice").orElseThrow().health().state()).isEqualTo(HealthState.HEALTHY);
      // the real fall, 6% then 12% (each update within the oracle's 10% move bound), Mallory printing 30% below
      publishAndApply(e, oracle, t0.plusSeconds(20), 0.94, 0.70 * 0.94);
      OracleUpdate real = publish(oracle, t0.plusSeconds(30), 0.88, 0.70 * 0.88);
      assertThat(real.prices().get(Asset.BTC).price()).isCloseTo(INDEX * 0.88, within(1e-6));
      EventOutcome crash = e.apply(MarketUpdate.of(real.snapshot()));
      double honestMark = real.snapshot().underlying(Asset.BTC).perpetualMark();
      assertThat(honestMark).isCloseTo(MARK * 0.88, within(1e-4 * MARK)); // the basis kept from the snapshot
      assertThat(crash.liquidations()).isNotEmpty();
      for (var step : crash.liquidations()) {
        for (LiquidatedPart p : step.parts()) {
          assertThat(p.mark()).as("liquidation fill price").isEqualTo(honestMark);
        }
      }
    }
  }

  /** Two honest venues at INDEX × honest, Mallory's at INDEX × fake, then an oracle update. */
  private static OracleUpdate publish(Oracle oracle, Instant at, double honest, double fake) {
    oracle.acceptAll(List.of(PriceTick.index("venue-a", Asset.BTC, INDEX * honest, at),
        PriceTick.index("venue-b", Asset.BTC, INDEX * honest, at),
        PriceTick.index("mallory", Asset.BTC, INDEX * fake, at)));
    return oracle.update(at);
  }

  private static void publishAndApply(MarginEngine e, Oracle oracle, Instant at, double honest, double fake) {
    MarketSnapshot s = publish(oracle, at, honest, fake).snapshot();
    e.apply(MarketUpdate.of(s));
  }
}
