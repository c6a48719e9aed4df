package org.pmargin.engine.event;

import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;

/**
 * A new market snapshot (from the oracle): the engine re-margins the accounts exposed to what changed.
 *
 * @param snapshot  the snapshot; its time must not go backwards
 * @param degraded  the underlyings whose price the oracle's circuit breaker is holding: results of accounts
 *     exposed to them are flagged as degraded
 */
public record MarketUpdate(MarketSnapshot snapshot, Set<Asset> degraded) implements EngineEvent {

  /** Validates and copies. */
  public MarketUpdate {
    Checks.notNull(snapshot, "snapshot");
    degraded = Set.copyOf(Checks.notNull(degraded, "degraded"));
  }

  /**
   * The engine's input for an oracle update: its snapshot, and the underlyings whose price its circuit breaker
   * holds (use as the {@link org.pmargin.engine.oracle.LiveOracleLoop} listener: {@code u ->
   * engine.apply(MarketUpdate.from(u))}).
   */
  public static MarketUpdate from(org.pmargin.engine.oracle.OracleUpdate update) {
    Checks.notNull(update, "update");
    Set<Asset> held = new java.util.HashSet<>();
    for (Asset a : update.snapshot().underlyings().keySet()) {
      if (update.degraded(a)) {
        held.add(a);
      }
    }
    return new MarketUpdate(update.snapshot(), held);
  }

  /** An update with no degraded underlying. */
  public static MarketUpdate of(MarketSnapshot snapshot) {
    return new MarketUpdate(snapshot, Set.of());
  }
}
