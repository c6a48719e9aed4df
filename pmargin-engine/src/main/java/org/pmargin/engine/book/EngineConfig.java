package org.pmargin.engine.book;

import java.time.Duration;
import org.pmargin.core.validation.Checks;
import org.pmargin.engine.funding.FundingSchedule;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.liquidation.LiquidationConfig;

/**
 * How the engine runs.
 *
 * @param threads  how many threads margin accounts in parallel after a price update, ≥ 1 (results do not depend on
 *     it)
 * @param fullRevaluationInterval  how much market time may pass before every account is re-margined (time decay,
 *     expiries) even if its prices did not move; between such passes a price update re-margins only the accounts
 *     exposed to what moved, so an account's figures may be up to this old in time (never in price). ≥ 0; zero
 *     re-margins every account whenever the snapshot's time moves
 * @param funding  when perpetual funding is settled as market time passes (see {@link FundingSchedule}; default
 *     every 8 hours at 00:00, 08:00 and 16:00 UTC)
 * @param priceBand  the band around the mark within which fills are booked (see {@link PriceBand}; default: refuse
 *     fills more than 5% from the mark, or 20 vol points for options)
 * @param liquidation  whether and how accounts below maintenance margin are liquidated after each event (see
 *     {@link LiquidationConfig}; off unless set, so the library engine behaves as before; {@code pmargin engine} and
 *     the demo switch it on)
 * @param vectorsPerMarketTime  whether per-unit vectors are dropped whenever the market time moves (see {@link
 *     #withVectorsPerMarketTime}; default off)
 */
public record EngineConfig(int threads, Duration fullRevaluationInterval, FundingSchedule funding,
    PriceBand priceBand, LiquidationConfig liquidation, boolean vectorsPerMarketTime) {

  /**
   * A configuration whose vectors may be kept across market times (see {@link #vectorsPerMarketTime}).
   *
   * @param threads  margining threads, ≥ 1
   * @param fullRevaluationInterval  the full-pass interval, ≥ 0
   * @param funding  the funding schedule
   * @param priceBand  the fill price band
   * @param liquidation  the liquidation settings
   */
  public EngineConfig(int threads, Duration fullRevaluationInterval, FundingSchedule funding, PriceBand priceBand,
      LiquidationConfig liquidation) {
    this(threads, fullRevaluationInterval, funding, priceBand, liquidation, false);
  }

  /**
   * A configuration without liquidation.
   *
   * @param threads  margining threads, ≥ 1
   * @param fullRevaluationInterval  the full-pass interval, ≥ 0
   * @param funding  the funding schedule
   * @param priceBand  the fill price band
   */
  public EngineConfig(int threads, Duration fullRevaluationInterval, FundingSchedule funding, PriceBand priceBand) {
    this(threads, fullRevaluationInterval, funding, priceBand, LiquidationConfig.off());
  }

  /**
   * A configuration with the default price band.
   *
   * @param threads  margining threads, ≥ 1
   * @param fullRevaluationInterval  the full-pass interval, ≥ 0
   * @param funding  the funding schedule
   */
  public EngineConfig(int threads, Duration fullRevaluationInterval, FundingSchedule funding) {
    this(threads, fullRevaluationInterval, funding, PriceBand.defaults());
  }

  /**
   * A configuration with the default funding schedule (every 8 hours from 00:00 UTC).
   *
   * @param threads  margining threads, ≥ 1
   * @param fullRevaluationInterval  the full-pass interval, ≥ 0
   */
  public EngineConfig(int threads, Duration fullRevaluationInterval) {
    this(threads, fullRevaluationInterval, FundingSchedule.defaults());
  }

  /** Validates the fields. */
  public EngineConfig {
    Checks.require(threads >= 1, "threads", "must be >= 1, got " + threads);
    Checks.notNull(fullRevaluationInterval, "full_revaluation_interval");
    Checks.require(!fullRevaluationInterval.isNegative(), "full_revaluation_interval",
        "must be >= 0, got " + fullRevaluationInterval);
    Checks.notNull(funding, "funding");
    Checks.notNull(priceBand, "price_band");
    Checks.notNull(liquidation, "liquidation");
  }

  /**
   * As many threads as processors, a full pass every 60 s of market time, funding every 8 hours, the default price
   * band, no liquidation.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(60));
  }

  /** A copy with another thread count. */
  public EngineConfig withThreads(int value) {
    return new EngineConfig(value, fullRevaluationInterval, funding, priceBand, liquidation, vectorsPerMarketTime);
  }

  /** A copy with another funding schedule. */
  public EngineConfig withFunding(FundingSchedule schedule) {
    return new EngineConfig(threads, fullRevaluationInterval, schedule, priceBand, liquidation, vectorsPerMarketTime);
  }

  /** A copy with another price band. */
  public EngineConfig withPriceBand(PriceBand band) {
    return new EngineConfig(threads, fullRevaluationInterval, funding, band, liquidation, vectorsPerMarketTime);
  }

  /** A copy with another liquidation configuration. */
  public EngineConfig withLiquidation(LiquidationConfig value) {
    return new EngineConfig(threads, fullRevaluationInterval, funding, priceBand, value, vectorsPerMarketTime);
  }

  /**
   * The same with per-unit vectors kept only while the market time stands (on) or also across market updates that
   * move it without a full pass (off, the default: between full passes, an unmoved underlying's vectors of an
   * earlier time are reused, as accounts keep figures of an earlier time). On, every figure is computed on one
   * market time, so the engine's results never depend on what its cache held: what {@link
   * MarginEngine#exportState()} needs (an engine restored with an empty cache goes on bit for bit).
   *
   * @param value  on or off
   * @return the configuration
   */
  public EngineConfig withVectorsPerMarketTime(boolean value) {
    return new EngineConfig(threads, fullRevaluationInterval, funding, priceBand, liquidation, value);
  }
}
