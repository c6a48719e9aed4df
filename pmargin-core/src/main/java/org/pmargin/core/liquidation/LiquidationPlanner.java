package org.pmargin.core.liquidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Plans a risk-reducing liquidation in steps, as venues' incremental liquidation does (Deribit's step-wise
 * auto-liquidation; Hyperliquid's 20% slices): each step is the candidate that removes the most maintenance margin per
 * USD of expected cost, among a slice of one position, the same slice of every position on one underlying (a hedge
 * unwound as a unit), the same slice of the whole book, and, where the venue preset allows it, a perpetual opened
 * against the net delta of one underlying (Deribit may hedge a portfolio-margin account's delta). The plan stops as
 * soon as the account meets the target, and the last step is cut to the smallest part of its slice that meets it.
 *
 * <p>Guards, checked on every candidate: it must lower the maintenance margin and must not raise the account's worst
 * stress loss ({@link WorstLoss}), and in no stress may it create or deepen a loss of the positions that remain (a
 * profit may shrink): a candidate that would leave a position naked against its hedge (the perpetual of a covered
 * call closed, the short call kept) turns a stress's profit into a loss and is ruled out by its own numbers, not by
 * a list of strategies. The per-stress rule is on the positions alone: closing a losing long realises its loss into
 * the cash balance, which shrinks the balance's own depeg loss less than the long's gain in that stress, and that
 * must not stop a liquidation. Deterministic: candidates are tried in position order
 * and a tie keeps the first.
 *
 * <p>Equity falls by each step's cost (closes are booked at the mark, {@link PositionCloser}); if no candidate is
 * left before the target is met (everything closed, or nothing reduces the margin), the plan ends with
 * {@link LiquidationPlan#reachedTarget()} false and the account goes to the backstop or is bankrupt.
 *
 * @param model  the margin model the account is liquidated under
 * @param liquidity  the cost model
 * @param target  where to stop
 * @param slice  the part of a position one step closes at most, in (0, 1] (0.2: Hyperliquid's 20%)
 * @param hedges  the perpetual a delta hedge may open, by underlying (empty: no hedging, Deribit's preset for
 *     non-portfolio-margin accounts and every other venue's)
 * @param worstLoss  the stress set of the second guard
 * @param maxSteps  a bound on the steps, ≥ 1 (the plan stops there, target not reached)
 */
public record LiquidationPlanner(MarginModel model, LiquidityModel liquidity, LiquidationTarget target, double slice,
    Map<Asset, Instrument> hedges, WorstLoss worstLoss, int maxSteps) {

  /** Bisection steps that size the last step (its slice to 2⁻²⁰). */
  private static final int SIZING_ITERATIONS = 20;
  /** The part of its starting size below which a position in a group step is closed in full. */
  private static final double DUST = 0.01;

  /** Validates. */
  public LiquidationPlanner {
    Checks.notNull(model, "model");
    Checks.notNull(liquidity, "liquidity");
    Checks.notNull(target, "target");
    Checks.require(slice > 0 && slice <= 1, "slice", "must be in (0, 1], got " + slice);
    hedges = Map.copyOf(Checks.notNull(hedges, "hedges"));
    Checks.notNull(worstLoss, "worst_loss");
    Checks.require(maxSteps >= 1, "max_steps", "must be >= 1, got " + maxSteps);
  }

  /** 20% slices, MM + 10% target, no delta hedge, the hypothetical stresses, at most 500 steps. */
  public static LiquidationPlanner defaults(MarginModel model, LiquidityModel liquidity) {
    return new LiquidationPlanner(model, liquidity, LiquidationTarget.maintenancePlus(0.1), 0.2, Map.of(),
        WorstLoss.hypothetical(), 500);
  }

  /**
   * Plans the liquidation of an account.
   *
   * @param account  the account
   * @param market  the snapshot
   * @return the plan (no steps when the account already meets the target)
   */
  public LiquidationPlan plan(Account account, MarketSnapshot market) {
    return plan(account, market, new PlanVectorCache());
  }

  /**
   * Plans the liquidation of an account, sharing per-unit scenario vectors through a cache (the engine's, for the
   * snapshot): a scenario model margins each candidate from the cached vectors; other models ignore it.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param cache  the vectors of this snapshot
   * @return the plan (no steps when the account already meets the target); its margins carry no explanations
   */
  public LiquidationPlan plan(Account account, MarketSnapshot market, org.pmargin.core.margin.VectorCache cache) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    Checks.notNull(cache, "cache");
    PlanContext run = new PlanContext(model, liquidity, account, market, cache, worstLoss);
    StepBase base = StepBase.of(run, account);
    List<LiquidationStep> steps = new ArrayList<>();
    String pct = String.format(Locale.ROOT, "%.0f%%", slice * 100);
    while (!target.reached(base.margin) && steps.size() < maxSteps) {
      List<Candidate> candidates = candidates(base, pct);
      StepBase.Trial best = choose(base, candidates, false);
      StepBase.Trial booked = best == null ? null : base.book(best);
      if (best != null && booked == null) {
        // The estimate's choice fails on its exact figures (a guard met only to rounding): choose on exact ones.
        booked = choose(base, candidates, true);
      }
      if (booked == null) {
        break;
      }
      if (target.reached(booked.margin())) {
        booked = sizeLast(base, booked);
      }
      steps.add(booked.step());
      base = StepBase.after(run, booked);
    }
    return new LiquidationPlan("planner", steps, base.account, base.margin, target.reached(base.margin),
        WorstLoss.worst(base.loss));
  }

  /** The candidate with the most maintenance margin removed per USD of cost; a tie keeps the first. */
  private static StepBase.Trial choose(StepBase base, List<Candidate> candidates, boolean exact) {
    StepBase.Trial best = null;
    double bestScore = 0;
    for (Candidate c : candidates) {
      StepBase.Trial t = base.trial(c, 1, exact);
      if (t == null) {
        continue;
      }
      double score = t.score(base.margin);
      if (best == null || score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The smallest part of the chosen step's slice that still meets the target (bisection on the scale, on estimates
   * where the model allows them; the result is booked exactly, and bisected again on exact figures if that booking
   * misses the target by rounding).
   */
  private StepBase.Trial sizeLast(StepBase base, StepBase.Trial full) {
    for (boolean exact : new boolean[] {false, true}) {
      double lo = 0;
      double hi = 1;
      StepBase.Trial best = null;
      for (int i = 0; i < SIZING_ITERATIONS; i++) {
        double mid = (lo + hi) / 2;
        StepBase.Trial t = base.trial(full.candidate(), mid, exact);
        if (t != null && target.reached(t.margin())) {
          best = t;
          hi = mid;
        } else {
          lo = mid;
        }
      }
      if (best == null) {
        return full;
      }
      StepBase.Trial booked = base.book(best);
      if (booked != null && target.reached(booked.margin())) {
        return booked;
      }
    }
    return full;
  }

  /**
   * The candidates. Slices are of a position's size at the start of the plan (so a position is gone after 1 / slice
   * single steps): a single position closes min(1, slice / remaining) of what it holds; a group closes one fraction
   * of every member (hedge ratios kept), set by the member with the most left, and a member that would keep less
   * than {@value #DUST} of its starting size is closed in full.
   */
  private List<Candidate> candidates(StepBase base, String pct) {
    Account account = base.account;
    double[] remaining = base.remaining;
    List<Position> positions = account.portfolio().positions();
    int n = positions.size();
    List<Candidate> out = new ArrayList<>(n + 5);
    for (int i = 0; i < n; i++) {
      double[] f = new double[n];
      f[i] = Math.min(1, slice / remaining[i]);
      out.add(new Candidate(StepKind.POSITION, pct, positions.get(i).instrument().symbol(), f, null));
    }
    java.util.Set<Asset> underlyings = account.portfolio().underlyings();
    for (Asset u : underlyings) {
      boolean[] member = new boolean[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        member[i] = positions.get(i).instrument().underlying().equals(u);
        count += member[i] ? 1 : 0;
      }
      if (count > 1) {
        out.add(new Candidate(StepKind.UNDERLYING, pct, u.code(), group(member, remaining), null));
      }
    }
    if (underlyings.size() > 1) {
      boolean[] all = new boolean[n];
      java.util.Arrays.fill(all, true);
      out.add(new Candidate(StepKind.BOOK, pct, "", group(all, remaining), null));
    }
    for (Map.Entry<Asset, Instrument> h : hedges.entrySet()) {
      Position hedge = deltaHedge(account, base.run.market, h.getKey(), h.getValue());
      if (hedge != null) {
        out.add(new Candidate(StepKind.DELTA_HEDGE, pct, h.getKey() + " with " + h.getValue().symbol(),
            new double[n], hedge));
      }
    }
    return out;
  }

  private double[] group(boolean[] member, double[] remaining) {
    double most = 0;
    for (int i = 0; i < member.length; i++) {
      if (member[i]) {
        most = Math.max(most, remaining[i]);
      }
    }
    double phi = Math.min(1, slice / most);
    double[] f = new double[member.length];
    for (int i = 0; i < member.length; i++) {
      if (member[i]) {
        f[i] = remaining[i] * (1 - phi) < DUST ? 1 : phi;
      }
    }
    return f;
  }

  /** A perpetual trade against a slice of the underlying's net delta, at the mark; null when there is no delta. */
  private Position deltaHedge(Account account, MarketSnapshot market, Asset u, Instrument perp) {
    double delta = 0;
    for (Position p : account.portfolio().positions()) {
      if (p.instrument().underlying().equals(u)) {
        delta += PositionValuer.value(p, market).delta();
      }
    }
    if (delta == 0 || !Double.isFinite(delta)) {
      return null;
    }
    PositionValuation unit = PositionValuer.value(new Position(perp, 1, 1), market);
    double perUnit = unit.delta();
    if (perUnit == 0) {
      return null;
    }
    return new Position(perp, -slice * delta / perUnit, unit.markPrice());
  }
}
