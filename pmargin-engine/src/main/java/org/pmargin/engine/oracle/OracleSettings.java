package org.pmargin.engine.oracle;

import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;

/**
 * Everything an oracle-config file sets: the guards of every underlying, and per-underlying guards that replace
 * them, as {@link Oracle} takes them. Read and written by {@link OracleConfigJson}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param defaults  the guards of every underlying without an entry in {@code byUnderlying}
 * @param byUnderlying  the guards of particular underlyings
 */
public record OracleSettings(OracleConfig defaults, Map<Asset, OracleConfig> byUnderlying) {

  /** Validates and copies. */
  public OracleSettings {
    Checks.notNull(defaults, "defaults");
    byUnderlying = Map.copyOf(Checks.notNull(byUnderlying, "by_underlying"));
  }

  /** The same guards for every underlying. */
  public static OracleSettings of(OracleConfig config) {
    return new OracleSettings(config, Map.of());
  }

  /** {@link OracleConfig#defaults()} for every underlying. */
  public static OracleSettings defaultSettings() {
    return of(OracleConfig.defaults());
  }

  /** The guards of an underlying. */
  public OracleConfig configOf(Asset underlying) {
    return byUnderlying.getOrDefault(underlying, defaults);
  }

  /**
   * A new oracle with these guards.
   *
   * @param initial  the trusted starting market
   * @return the oracle
   */
  public Oracle newOracle(MarketSnapshot initial) {
    return new Oracle(initial, defaults, byUnderlying);
  }
}
