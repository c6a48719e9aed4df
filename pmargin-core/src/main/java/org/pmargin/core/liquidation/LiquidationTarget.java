package org.pmargin.core.liquidation;

import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.validation.Checks;

/**
 * Where a liquidation stops: every pool's equity at or above its maintenance margin times (1 + buffer), or at or
 * above its initial margin. Per pool, since a surplus in one settlement pool does not cover another.
 *
 * @param initialMargin  stop at initial margin (the buffer is then ignored)
 * @param buffer  the buffer over maintenance margin, in [0, 10] (0.1 = MM + 10%)
 */
public record LiquidationTarget(boolean initialMargin, double buffer) {

  /** Validates. */
  public LiquidationTarget {
    Checks.inRange(buffer, 0, 10, "target_buffer");
  }

  /** Maintenance margin plus a buffer. */
  public static LiquidationTarget maintenancePlus(double buffer) {
    return new LiquidationTarget(false, buffer);
  }

  /** Initial margin. */
  public static LiquidationTarget initial() {
    return new LiquidationTarget(true, 0);
  }

  /** The requirement of a pool, in its currency. */
  public double requirement(PoolMargin pool) {
    return initialMargin ? pool.initialMargin() : pool.maintenanceMargin() * (1 + buffer);
  }

  /** Whether every pool meets the target. */
  public boolean reached(MarginResult result) {
    for (PoolMargin p : result.pools()) {
      if (p.equity() < requirement(p)) {
        return false;
      }
    }
    return true;
  }

  /** The total shortfall to the target over the pools, USD, ≥ 0. */
  public double shortfallUsd(MarginResult result) {
    double s = 0;
    for (PoolMargin p : result.pools()) {
      s += Math.max(0, requirement(p) - p.equity()) * p.usdRate();
    }
    return s;
  }

  @Override
  public String toString() {
    return initialMargin ? "IM" : buffer == 0 ? "MM" : "MM + " + Math.round(buffer * 1000) / 10.0 + "%";
  }
}
