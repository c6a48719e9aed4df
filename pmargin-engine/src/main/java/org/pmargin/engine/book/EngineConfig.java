package org.pmargin.engine.book;

import java.time.Duration;
import org.pmargin.core.validation.Checks;

/**
 * How the engine runs.
 *
 * @param threads  how many threads margin accounts in parallel after a price update, ≥ 1 (results do not depend on
 *     it)
 * @param fullRevaluationInterval  how much market time may pass before every account is re-margined (time decay,
 *     expiries) even if its prices did not move; between such passes a price update re-margins only the accounts
 *     exposed to what moved, so an account's figures may be up to this old in time (never in price). ≥ 0; zero
 *     re-margins every account whenever the snapshot's time moves
 */
public record EngineConfig(int threads, Duration fullRevaluationInterval) {

  /** Validates the fields. */
  public EngineConfig {
    Checks.require(threads >= 1, "threads", "must be >= 1, got " + threads);
    Checks.notNull(fullRevaluationInterval, "full_revaluation_interval");
    Checks.require(!fullRevaluationInterval.isNegative(), "full_revaluation_interval",
        "must be >= 0, got " + fullRevaluationInterval);
  }

  /** As many threads as processors, a full pass every 60 s of market time. */
  public static EngineConfig defaults() {
    return new EngineConfig(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(60));
  }

  /** A copy with another thread count. */
  public EngineConfig withThreads(int value) {
    return new EngineConfig(value, fullRevaluationInterval);
  }
}
