package org.pmargin.core.liquidation;

import java.util.HashMap;
import java.util.Map;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;

/**
 * What one plan shares between its steps and candidates: the model and cost model, the snapshot, the vectors, the
 * stress profiler, and the positions' sizes at the start of the plan (slices are of those).
 */
final class PlanContext {

  final MarginModel model;
  final LiquidityModel liquidity;
  final MarketSnapshot market;
  final VectorCache cache;
  final StressProfiler stress;
  private final Map<String, Double> initial = new HashMap<>();

  PlanContext(MarginModel model, LiquidityModel liquidity, Account account, MarketSnapshot market, VectorCache cache,
      WorstLoss worstLoss) {
    this.model = model;
    this.liquidity = liquidity;
    this.market = market;
    this.cache = cache;
    // Stress vectors are shared through the caller's snapshot cache, or kept for the plan when it has none.
    boolean standAlone = cache == VectorCache.NONE || cache instanceof PlanVectorCache;
    this.stress = new StressProfiler(worstLoss, market, standAlone ? null : cache);
    for (Position p : account.portfolio().positions()) {
      initial.put(p.instrument().symbol(), p.quantity());
    }
  }

  /** How many slices of its size at the start of the plan a position still holds (≥ 1 when untouched). */
  double remaining(Position p) {
    Double q0 = initial.get(p.instrument().symbol());
    return q0 == null || Math.signum(q0) != Math.signum(p.quantity()) ? 1 : Math.abs(p.quantity() / q0);
  }

  /** The model's margin of an account, from the shared vectors when the model uses them, figures only. */
  MarginResult margin(Account a) {
    return model instanceof ScenarioMarginModel s ? s.margin(a, market, cache, false) : model.margin(a, market);
  }
}
