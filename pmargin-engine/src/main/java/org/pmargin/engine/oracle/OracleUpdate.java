package org.pmargin.engine.oracle;

import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;

/**
 * What one oracle update published: the new snapshot and, per underlying, the aggregate behind its price, so that
 * margin computed on a degraded underlying can be flagged.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param snapshot  the new market snapshot
 * @param prices  the aggregate of each underlying
 */
public record OracleUpdate(MarketSnapshot snapshot, Map<Asset, AggregatedPrice> prices) {

  /** Validates and copies. */
  public OracleUpdate {
    Checks.notNull(snapshot, "snapshot");
    prices = Map.copyOf(Checks.notNull(prices, "prices"));
  }

  /** Whether any underlying's price is held by the circuit breaker. */
  public boolean anyDegraded() {
    return prices.values().stream().anyMatch(AggregatedPrice::degraded);
  }

  /** Whether an underlying's price is held by the circuit breaker. */
  public boolean degraded(Asset underlying) {
    AggregatedPrice a = prices.get(underlying);
    return a != null && a.degraded();
  }
}
