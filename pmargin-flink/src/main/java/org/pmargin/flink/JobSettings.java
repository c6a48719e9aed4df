package org.pmargin.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.population.SyntheticMarkets;

/**
 * What every task of the job builds the same way: the first market snapshot (a market file, or the synthetic
 * three-coin market), the margin model by name ({@code grid} = Deribit's unified grid, {@code simulation} = Monte
 * Carlo ES over {@code scenarios} seeded scenarios, or any name of {@link MarginModels}), the engine settings, the
 * number of account buckets, and the test hooks (a failure injected once, a throttle).
 *
 * @param marketFile  the market snapshot file, or null for the synthetic market
 * @param model  the initial model's name
 * @param scenarios  the simulation model's scenario count
 * @param buckets  account buckets (keys): an account's bucket is a hash of its id
 * @param failAfter  records after which one task throws once (after a completed checkpoint), or -1
 * @param failToken  names the injected failure, so that it happens once per token in a JVM
 * @param throttleMicros  a pause per input record (tests of fail-over: checkpoints mid-stream), 0 for none
 */
public record JobSettings(String marketFile, String model, int scenarios, int buckets, long failAfter,
    String failToken, long throttleMicros) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates. */
  public JobSettings {
    checkModel(model);
    Checks.require(scenarios >= 10, "scenarios", "must be >= 10, got " + scenarios);
    Checks.require(buckets >= 1, "buckets", "must be >= 1, got " + buckets);
  }

  /** The defaults: synthetic market, grid, 1,000 scenarios, 128 buckets, no failure. */
  public static JobSettings defaults() {
    return new JobSettings(null, "grid", 1_000, 128, -1, "", 0);
  }

  /** A copy with another model. */
  public JobSettings withModel(String value) {
    return new JobSettings(marketFile, value, scenarios, buckets, failAfter, failToken, throttleMicros);
  }

  /** A copy with another bucket count. */
  public JobSettings withBuckets(int value) {
    return new JobSettings(marketFile, model, scenarios, value, failAfter, failToken, throttleMicros);
  }

  /** A copy with another market file. */
  public JobSettings withMarketFile(String value) {
    return new JobSettings(value, model, scenarios, buckets, failAfter, failToken, throttleMicros);
  }

  /** A copy with a failure injected once after {@code records} records. */
  public JobSettings withFailure(long records, String token, long throttle) {
    return new JobSettings(marketFile, model, scenarios, buckets, records, token, throttle);
  }

  /** Refuses an unknown model name. */
  static void checkModel(String name) {
    Checks.notBlank(name, "model");
    if (!name.equals("simulation") && !MarginModels.NAMES.contains(name)) {
      throw new InvalidInputException("model", "must be simulation or one of " + MarginModels.NAMES + ", got '"
          + name + "'");
    }
  }

  /** The model of a name, built as every task and the reference engine build it. */
  public MarginModel model(String name) {
    checkModel(name);
    return switch (name) {
      case "grid" -> new ScenarioGridModel(GridParameters.deribitUnified());
      case "simulation" -> new SimulationMarginModel(SyntheticMarkets.monteCarlo(scenarios, 42),
          new SimulationParameters(0.975, 0.99, MarginView.UNIFIED_USD, 1.0, 0.8,
              SimulationParameters.standard().haircuts()));
      default -> MarginModels.byName(name, RiskParameters.defaults());
    };
  }

  /** The first snapshot. */
  public MarketSnapshot market() {
    return marketFile == null ? SyntheticMarkets.threeCoins() : MarketSnapshotJson.read(Path.of(marketFile));
  }

  /**
   * The engine settings: one thread (a Flink task is one thread), liquidation off (see AccountShard), a full pass
   * every 60 s of market time, and vectors kept only while the market time stands ({@link
   * EngineConfig#withVectorsPerMarketTime}, as the service does): every figure is then computed on one market time,
   * so it does not depend on which task computed a vector when, and a task restored with an empty vector cache goes
   * on bit for bit (docs/SCALE.md, "Restore state").
   */
  public EngineConfig engineConfig() {
    return new EngineConfig(1, Duration.ofSeconds(60)).withVectorsPerMarketTime(true);
  }

  /** The bucket of an account. */
  public int bucketOf(String account) {
    return Math.floorMod(account.hashCode() * 0x9E3779B9, buckets);
  }
}
