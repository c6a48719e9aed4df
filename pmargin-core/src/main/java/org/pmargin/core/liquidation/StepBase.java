package org.pmargin.core.liquidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.UnitValuations;
import org.pmargin.core.margin.grid.GridVariants;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;

/**
 * The account at the start of one planning step, and what every candidate of the step shares: its margin, its stress
 * profiles, its positions' valuations and per-contract stress vectors, and, on the grid, its per-position grid
 * figures ({@link GridVariants}).
 *
 * <p>A candidate is tried in one of two ways. Exactly: booked on a copy ({@link PositionCloser}), margined by the
 * model and stress-profiled. Or, on the grid and without a hedge, estimated: its cost and balances from the shared
 * valuations, its margin from the grid figures and its stress P&L from the per-contract vectors, with no account
 * built; these equal the exact figures up to rounding. The planner ranks estimates and {@link #book books} only the
 * one it chooses, exactly, re-checking the guards on the exact figures, so every step it returns carries the model's
 * own margin. Not thread-safe.
 */
final class StepBase {

  /** Relative tolerance of the guards (rounding of the same figures computed twice). */
  static final double TOLERANCE = 1e-9;

  final PlanContext run;
  final Account account;
  final MarginResult margin;
  /** The account's stress P&L, and that of its positions alone. */
  final double[] loss;
  final double[] held;
  /** How many slices of its size at the start of the plan each position still holds. */
  final double[] remaining;
  private final List<Position> positions;
  private final PositionValuation[] valuations;
  /** Each position's underlying index, and the USD price of its settlement asset (NaN when there is none). */
  private final double[] index;
  private final double[] settleUsd;
  private final double[][] perContract;
  private final GridVariants variants;

  /** The account at the start of a step, margined here. */
  static StepBase of(PlanContext run, Account account) {
    if (run.model instanceof ScenarioGridModel g) {
      GridVariants v = g.variants(account, run.market, run.cache);
      return new StepBase(run, account, v.margin(), v);
    }
    return new StepBase(run, account, run.margin(account), null);
  }

  /** The account a booked trial left (its margin and grid figures computed when it was booked). */
  static StepBase after(PlanContext run, Trial booked) {
    return new StepBase(run, booked.step().account(), booked.step().margin(), booked.variants());
  }

  private StepBase(PlanContext run, Account account, MarginResult margin, GridVariants variants) {
    this.run = run;
    this.account = account;
    this.margin = margin;
    this.variants = variants;
    this.positions = account.portfolio().positions();
    int n = positions.size();
    this.valuations = new PositionValuation[n];
    this.perContract = new double[n][];
    this.remaining = new double[n];
    this.index = new double[n];
    this.settleUsd = new double[n];
    this.held = new double[run.stress.size()];
    for (int i = 0; i < n; i++) {
      Position p = positions.get(i);
      valuations[i] = variants != null ? variants.valuation(i) : UnitValuations.value(p, run.market, run.cache);
      perContract[i] = run.stress.perContract(p);
      remaining[i] = run.remaining(p);
      try {
        index[i] = run.market.underlying(p.instrument().underlying()).index();
        settleUsd[i] = run.market.priceUsd(valuations[i].settlementAsset());
      } catch (InvalidInputException e) {
        settleUsd[i] = Double.NaN; // a close of it cannot be priced: tried exactly, it is ruled out (see trial)
      }
      StressProfiler.add(held, perContract[i], p.quantity());
    }
    this.loss = withBalances(held, account.collateral());
  }

  /** A positions-only profile plus the balances' stress P&L. */
  private double[] withBalances(double[] positionsPnl, Map<Asset, Double> balances) {
    double[] out = positionsPnl.clone();
    for (Map.Entry<Asset, Double> b : balances.entrySet()) {
      StressProfiler.add(out, run.stress.unit(b.getKey()), b.getValue());
    }
    return out;
  }

  /**
   * A candidate at a scale of its fractions (and hedge), or null when it is ruled out (it does not lower the margin,
   * it breaks the stress guard, or the model or cost model cannot price it).
   *
   * @param c  the candidate
   * @param scale  the part of it taken, in (0, 1]
   * @param exact  whether to book and margin it with the model, or estimate it where that is possible
   * @return the trial
   */
  Trial trial(Candidate c, double scale, boolean exact) {
    double[] f = c.fractions().clone();
    for (int i = 0; i < f.length; i++) {
      f[i] *= scale;
    }
    Position hedge = c.hedge() == null ? null : c.hedge().withQuantity(c.hedge().quantity() * scale);
    if (exact || variants == null || hedge != null) {
      return exact(c, scale, f, hedge);
    }
    Map<Asset, Double> balances = new HashMap<>(account.collateral());
    double cost = 0;
    MarginResult after;
    try {
      for (int i = 0; i < f.length; i++) {
        if (f[i] > 0) {
          if (Double.isNaN(settleUsd[i])) {
            return exact(c, scale, f, hedge); // the booking names what is missing
          }
          PositionValuation v = valuations[i];
          double ci = run.liquidity.closeCostUsd(v, index[i], f[i]);
          balances.merge(v.settlementAsset(), f[i] * v.valueSettlement() - ci / settleUsd[i], Double::sum);
          cost += ci;
        }
      }
      after = variants.margin(f, balances);
    } catch (InvalidInputException e) {
      return null; // a trade the model or the cost model cannot price is no candidate
    }
    if (after == null) {
      return exact(c, scale, f, hedge); // an exposure the account's grid figures do not hold
    }
    if (!lowersMargin(after)) {
      return null;
    }
    double[] heldAfter = new double[held.length];
    for (int i = 0; i < f.length; i++) {
      if (f[i] < 1) {
        StressProfiler.add(heldAfter, perContract[i], positions.get(i).quantity() * (1 - f[i]));
      }
    }
    double[] lossAfter = withBalances(heldAfter, balances);
    if (!stressAllows(heldAfter, lossAfter)) {
      return null;
    }
    return new Trial(c, scale, f, hedge, cost, after, null, null);
  }

  /** The trial booked exactly (with its step), or null when the exact figures rule it out. */
  Trial book(Trial t) {
    return t.step() != null ? t : exact(t.candidate(), t.scale(), t.fractions(), t.hedge());
  }

  private Trial exact(Candidate c, double scale, double[] f, Position hedge) {
    List<ClosedPart> parts = new ArrayList<>();
    Account after;
    MarginResult m;
    GridVariants next = null;
    try {
      after = PositionCloser.trade(account, run.market, run.liquidity, f, hedge, parts, valuations);
      if (after == null) {
        return null; // a hedge that would net against a position held
      }
      if (run.model instanceof ScenarioGridModel g) {
        next = g.variants(after, run.market, run.cache); // its margin, and the next step's figures
        m = next.margin();
      } else {
        m = run.margin(after);
      }
    } catch (InvalidInputException e) {
      return null; // a trade the model cannot margin is no candidate
    }
    if (!lowersMargin(m)) {
      return null;
    }
    double[] heldAfter = run.stress.positionsPnl(after);
    double[] lossAfter = withBalances(heldAfter, after.collateral());
    if (!stressAllows(heldAfter, lossAfter)) {
      return null;
    }
    double cost = 0;
    for (ClosedPart p : parts) {
      cost += p.costUsd();
    }
    LiquidationStep step = new LiquidationStep(c.kind(), c.description(), parts, cost,
        margin.maintenanceMarginUsd(), m.maintenanceMarginUsd(), WorstLoss.worst(loss), WorstLoss.worst(lossAfter),
        after, m);
    return new Trial(c, scale, f, hedge, cost, m, step, next);
  }

  private boolean lowersMargin(MarginResult after) {
    return after.maintenanceMarginUsd() < margin.maintenanceMarginUsd() * (1 - TOLERANCE);
  }

  private boolean stressAllows(double[] heldAfter, double[] lossAfter) {
    return WorstLoss.allows(held, heldAfter, TOLERANCE)
        && WorstLoss.worst(lossAfter) <= WorstLoss.worst(loss) * (1 + TOLERANCE) + TOLERANCE;
  }

  /**
   * A candidate tried at a scale: its cost and margin after, exact or estimated, and its booked step when exact.
   *
   * @param candidate  the candidate
   * @param scale  the part of it taken
   * @param fractions  the fractions closed at that scale
   * @param hedge  the hedge at that scale, or null
   * @param costUsd  its cost, USD
   * @param margin  the margin after it
   * @param step  the booked step, or null for an estimate
   * @param variants  on the grid, the booked account's figures (its margin and the next step's candidates), or null
   */
  record Trial(Candidate candidate, double scale, double[] fractions, Position hedge, double costUsd,
      MarginResult margin, LiquidationStep step, GridVariants variants) {

    /** Maintenance margin removed per USD of cost, against the margin before. */
    double score(MarginResult before) {
      return (before.maintenanceMarginUsd() - margin.maintenanceMarginUsd()) / Math.max(costUsd, 1e-9);
    }
  }
}
