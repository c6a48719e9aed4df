package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;

/**
 * The engine's incremental results against a full recompute: after every event of seeded random sequences, every
 * account's held health equals, bit for bit, what the model gives when the account is margined from scratch (no
 * shared vectors, full explanation) on the engine's current snapshot. This checks the booking, the exposure masks
 * (which accounts a price update touches), the cache invalidation and the atomicity of rejected events at once.
 */
class IncrementalRecomputeTest {

  static final List<MarginModel> MODELS = models();

  static Stream<Long> seeds() {
    return LongStream.range(0, 24).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void shouldEqualAFullRecomputeAfterEveryEvent(long seed) {
    List<EngineEvent> events = RandomEvents.generate(seed, 120, 6, MODELS);
    MarginModel first = MODELS.get((int) (seed % MODELS.size()));
    try (MarginEngine engine = new MarginEngine(first, EngineFixtures.market(),
        new EngineConfig(1 + (int) (seed % 2), Duration.ofSeconds(60)))) {
      int accepted = 0;
      for (EngineEvent e : events) {
        EventOutcome o = engine.apply(e);
        accepted += o.accepted() ? 1 : 0;
        for (AccountMargin m : engine.margins()) {
          assertThat(m.health()).as("seed %d event %d %s, account %s", seed, o.sequence(), e, m.accountId())
              .isEqualTo(engine.model().margin(engine.account(m.accountId()), engine.snapshot()).health());
        }
      }
      assertThat(accepted).as("most events apply").isGreaterThan(events.size() / 2);
    }
  }

  private static List<MarginModel> models() {
    SplittableRandom rnd = new SplittableRandom(99);
    int n = 500;
    double[][] returns = new double[n][3];
    double[][] vols = new double[n][3];
    for (int s = 0; s < n; s++) {
      double common = rnd.nextGaussian() * 0.03;
      returns[s][0] = common + rnd.nextGaussian() * 0.01;
      returns[s][1] = 1.2 * common + rnd.nextGaussian() * 0.015;
      returns[s][2] = rnd.nextGaussian() * 0.0005;
      vols[s][0] = -2 * returns[s][0] + rnd.nextGaussian() * 0.05;
      vols[s][1] = -2 * returns[s][1] + rnd.nextGaussian() * 0.05;
    }
    ScenarioSet set = new ScenarioSet("random", List.of(Asset.BTC, Asset.ETH, Asset.USDC), returns, vols, null);
    SimulationParameters p = SimulationParameters.standard();
    List<MarginModel> out = new ArrayList<>();
    out.add(new ScenarioGridModel(GridParameters.deribitUnified()));
    out.add(new ScenarioGridModel(GridParameters.deribit()));
    out.add(new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8,
        p.haircuts())));
    out.add(new SimulationMarginModel(set, new SimulationParameters(0.975, 0.99, MarginView.PER_SETTLEMENT_CURRENCY,
        1.0, 0.8, p.haircuts())));
    out.add(new CrossModel());
    return List.copyOf(out);
  }
}
