/**
 * The oracle layer: price feeds ({@link org.pmargin.engine.oracle.PriceFeed}), the pure aggregation of several
 * sources into one guarded index ({@link org.pmargin.engine.oracle.PriceAggregator}) and the stateful
 * {@link org.pmargin.engine.oracle.Oracle} that turns accepted prices into new versioned market snapshots, flagging
 * underlyings whose price is degraded (the last good price held by a circuit breaker). The guards are read from
 * a versioned file by {@link org.pmargin.engine.oracle.OracleConfigJson};
 * {@link org.pmargin.engine.oracle.LiveOracleLoop} drives an oracle from a wall clock for live use.
 */
package org.pmargin.engine.oracle;
