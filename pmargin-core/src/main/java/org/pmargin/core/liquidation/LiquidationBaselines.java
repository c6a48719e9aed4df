package org.pmargin.core.liquidation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The two naive liquidations the planner is measured against on the same accounts: close everything at once (what a
 * venue without incremental liquidation does), and close whole positions from the largest cash delta down until the
 * target is met. Neither applies the planner's guards: their steps may raise margin or the worst loss, which is the
 * point of the comparison.
 */
public final class LiquidationBaselines {

  private LiquidationBaselines() {
  }

  /**
   * Closes every position in one step.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param model  the margin model
   * @param liquidity  the cost model
   * @param target  the target, for {@link LiquidationPlan#reachedTarget()}
   * @param worstLoss  the stresses of the worst-loss figure
   * @return the plan of one step (none when the account meets the target or holds nothing)
   */
  public static LiquidationPlan closeAll(Account account, MarketSnapshot market, MarginModel model,
      LiquidityModel liquidity, LiquidationTarget target, WorstLoss worstLoss) {
    MarginResult margin = model.margin(account, market);
    double loss = worstLoss.of(account, market);
    List<LiquidationStep> steps = new ArrayList<>();
    int n = account.portfolio().positions().size();
    if (!target.reached(margin) && n > 0) {
      double[] all = new double[n];
      java.util.Arrays.fill(all, 1);
      steps.add(step(StepKind.BOOK, "every position", all, account, market, model, liquidity, worstLoss, margin,
          loss));
    }
    return finish("close all", steps, account, margin, loss, target);
  }

  /**
   * Closes whole positions, largest |cash delta| first (ties in position order), until the target is met.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param model  the margin model
   * @param liquidity  the cost model
   * @param target  where to stop
   * @param worstLoss  the stresses of the worst-loss figure
   * @return the plan
   */
  public static LiquidationPlan largestFirst(Account account, MarketSnapshot market, MarginModel model,
      LiquidityModel liquidity, LiquidationTarget target, WorstLoss worstLoss) {
    MarginResult margin = model.margin(account, market);
    double loss = worstLoss.of(account, market);
    List<LiquidationStep> steps = new ArrayList<>();
    while (!target.reached(margin) && !account.portfolio().positions().isEmpty()) {
      List<Position> positions = account.portfolio().positions();
      MarketSnapshot m = market;
      int largest = java.util.stream.IntStream.range(0, positions.size()).boxed()
          .max(Comparator.comparingDouble((Integer i) -> cashDelta(positions.get(i), m))
              .thenComparing(Comparator.reverseOrder())).orElseThrow();
      double[] f = new double[positions.size()];
      f[largest] = 1;
      LiquidationStep s = step(StepKind.POSITION, "all of " + positions.get(largest).instrument().symbol(), f,
          account, market, model, liquidity, worstLoss, margin, loss);
      steps.add(s);
      account = s.account();
      margin = s.margin();
      loss = s.worstLossAfterUsd();
    }
    return finish("largest first", steps, account, margin, loss, target);
  }

  private static double cashDelta(Position p, MarketSnapshot market) {
    return Math.abs(PositionValuer.value(p, market).delta()
        * market.underlying(p.instrument().underlying()).index());
  }

  private static LiquidationStep step(StepKind kind, String description, double[] fractions, Account account,
      MarketSnapshot market, MarginModel model, LiquidityModel liquidity, WorstLoss worstLoss, MarginResult before,
      double lossBefore) {
    List<ClosedPart> parts = new ArrayList<>();
    Account after = PositionCloser.trade(account, market, liquidity, fractions, null, parts);
    MarginResult margin = model.margin(after, market);
    double cost = parts.stream().mapToDouble(ClosedPart::costUsd).sum();
    return new LiquidationStep(kind, description, parts, cost, before.maintenanceMarginUsd(),
        margin.maintenanceMarginUsd(), lossBefore, worstLoss.of(after, market), after, margin);
  }

  private static LiquidationPlan finish(String method, List<LiquidationStep> steps, Account account,
      MarginResult margin, double loss, LiquidationTarget target) {
    if (!steps.isEmpty()) {
      LiquidationStep last = steps.get(steps.size() - 1);
      return new LiquidationPlan(method, steps, last.account(), last.margin(), target.reached(last.margin()),
          last.worstLossAfterUsd());
    }
    return new LiquidationPlan(method, steps, account, margin, target.reached(margin), loss);
  }
}
