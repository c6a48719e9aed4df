package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.liquidation.ClosedPart;
import org.pmargin.core.liquidation.LiquidationPlan;
import org.pmargin.core.liquidation.LiquidationPlanner;
import org.pmargin.core.liquidation.LiquidationStep;
import org.pmargin.core.liquidation.LiquidationTarget;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.Bankruptcy;
import org.pmargin.engine.event.LiquidatedPart;
import org.pmargin.engine.event.LiquidationFailure;
import org.pmargin.engine.event.LiquidationStepBooked;

/**
 * The liquidation of one account after an event, planned and booked on a copy ({@link LiquidationPlanner}: steps of
 * at most a slice, each the most margin removed per USD of cost, stopping at the target, at most the per-event step
 * budget), then re-margined by the engine's model. The planner costs each step with the configured fee; the fee
 * charged is {@code min(configured fee, equity left after the step's spread and impact)}, never negative, rounded
 * down to 1e-6 USD, and what is not charged is given back to the account in USD (Drift's dynamic fee: a fee never
 * makes a solvent account bankrupt). Bankruptcy is decided on the account's total equity (a pool of an isolated
 * account below zero, with the account solvent, is liquidated like a liquidatable one). What it decides:
 * <ul>
 *   <li>an account already bankrupt (equity below zero) is not liquidated: closing at the mark cannot repay it, so
 *       it is reported bankrupt with its deficit;</li>
 *   <li>a plan that leaves the account bankrupt, or below maintenance margin with fewer steps than the budget (no
 *       risk-reducing step left), books its steps, then reports the account bankrupt (deficit = −equity when
 *       negative, else 0);</li>
 *   <li>a plan that stops at the budget below the target books its steps; the account stays a candidate and takes
 *       its next steps after the next event (the cool-down);</li>
 *   <li>a plan or margin that fails books nothing: the account is reported as a failure.</li>
 * </ul>
 *
 * @param after  the account after the liquidation (re-margined even with no step), or null when it was not planned
 *     (already bankrupt, or a failure)
 * @param health  its health after (the health before when not planned), null on a failure
 * @param stepsNumbered  the account's step count after (the journal's numbering)
 * @param steps  the journal records of the steps booked
 * @param bankruptcy  the bankruptcy found, or null
 * @param failure  the failure, or null
 */
record AccountLiquidation(Account after, AccountHealth health, int stepsNumbered, List<LiquidationStepBooked> steps,
    Bankruptcy bankruptcy, LiquidationFailure failure, List<StepFee> fees) {

  /**
   * The fee of one step: as configured (the fee rate on the cash delta closed) and as charged, capped so that it
   * never takes the account below zero equity after the step's market costs (Drift's reasoning).
   *
   * @param step  the step's number
   * @param configuredUsd  the configured fee, USD
   * @param charged  the fee charged, minor units of USD (1e-6), paid into the insurance fund
   */
  record StepFee(int step, double configuredUsd, long charged) {
  }

  /**
   * Liquidates one account.
   *
   * @param seq  the event's sequence number
   * @param account  the account as the event left it
   * @param before  its health then
   * @param stepsSoFar  the steps booked in its current liquidation
   * @param planner  the planner (its step bound is the per-event budget)
   * @param market  the current snapshot
   * @param book  the engine's accounts: its margining and the vector cache the planner shares
   * @param feeRate  the configured liquidation fee, a fraction of the cash delta closed
   * @return what was booked
   */
  static AccountLiquidation run(long seq, Account account, AccountHealth before, int stepsSoFar,
      LiquidationPlanner planner, MarketSnapshot market, LiquidationBook book, double feeRate) {
    if (before.equityUsd() < 0) {
      return bankrupt(seq, account.id(), null, before, stepsSoFar, market, String.format(Locale.ROOT,
          "equity %,.2f USD < 0 before liquidation: closing at the mark cannot repay it", before.equityUsd()),
          List.of());
    }
    LiquidationPlan plan;
    Account after;
    AccountHealth health;
    List<LiquidationStepBooked> records;
    List<StepFee> fees = new ArrayList<>();
    int number = stepsSoFar;
    try {
      plan = planner.plan(account, market, book.vectorCache());
      records = new ArrayList<>(plan.steps().size());
      double equity = before.equityUsd();
      double refunds = 0; // fees planned but not charged, given back in USD
      for (LiquidationStep s : plan.steps()) {
        double fee = feeUsd(s, market, feeRate);
        double marketCost = Math.max(0, s.costUsd() - fee);
        long charged = LossResolver.UNIT.creditToMinor(Math.max(0, Math.min(fee, equity - marketCost)));
        double cost = marketCost + charged / 1e6;
        refunds += s.costUsd() - cost;
        double equityAfter = s.margin().health().equityUsd() + refunds;
        records.add(new LiquidationStepBooked(seq, account.id(), ++number,
            s.kind().name().toLowerCase(Locale.ROOT), s.description(), parts(s, market), cost, equity, equityAfter,
            s.maintenanceBeforeUsd(), s.maintenanceAfterUsd(), market.version(),
            reason(equity, s.maintenanceBeforeUsd(), planner.target())));
        fees.add(new StepFee(number, fee, charged));
        equity = equityAfter;
      }
      after = plan.steps().isEmpty() ? account : plan.account();
      if (refunds != 0) {
        after = Transfers.credit(after, refunds);
      }
      health = book.margin(after);
    } catch (InvalidInputException | IllegalStateException e) {
      return new AccountLiquidation(null, null, stepsSoFar, List.of(), null, new LiquidationFailure(seq,
          account.id(), "liquidation failed: " + e.getMessage()), List.of());
    }
    boolean below = health.state() == HealthState.LIQUIDATABLE || health.state() == HealthState.BANKRUPT;
    if (health.equityUsd() < 0) {
      return bankrupt(seq, account.id(), after, health, number, market, String.format(Locale.ROOT,
          "equity %,.2f USD < 0 after %d liquidation steps", health.equityUsd(), records.size()), records)
          .withFees(fees);
    }
    if (below && plan.steps().size() < planner.maxSteps()) {
      return bankrupt(seq, account.id(), after, health, number, market, String.format(Locale.ROOT,
          "no risk-reducing step left after %d liquidation steps: equity %,.2f USD < MM %,.2f USD",
          records.size(), health.equityUsd(), health.maintenanceMarginUsd()), records).withFees(fees);
    }
    return new AccountLiquidation(after, health, number, records, null, null, fees);
  }

  private AccountLiquidation withFees(List<StepFee> list) {
    return new AccountLiquidation(after, health, stepsNumbered, steps, bankruptcy, failure, list);
  }

  /** The configured fee of a step: the fee rate on the cash delta of each part, as the liquidity model costs it. */
  static double feeUsd(LiquidationStep step, MarketSnapshot market, double feeRate) {
    double fee = 0;
    for (ClosedPart p : step.parts()) {
      PositionValuation v = PositionValuer.value(new Position(p.instrument(), p.quantityTraded(), p.mark()), market);
      fee += feeRate * Math.abs(v.delta() * market.underlying(p.instrument().underlying()).index());
    }
    return fee;
  }

  private static AccountLiquidation bankrupt(long seq, String id, Account after, AccountHealth health, int steps,
      MarketSnapshot market, String reason, List<LiquidationStepBooked> records) {
    double deficit = Math.max(0, -health.equityUsd());
    return new AccountLiquidation(after, health, steps, records, new Bankruptcy(seq, id, health.equityUsd(),
        health.maintenanceMarginUsd(), deficit, market.version(), reason), null, List.of());
  }

  private static String reason(double equity, double mm, LiquidationTarget target) {
    if (equity < mm) {
      return String.format(Locale.ROOT, "equity %,.2f USD < MM %,.2f USD", equity, mm);
    }
    return String.format(Locale.ROOT, "equity %,.2f USD below the target %s (MM %,.2f USD)", equity, target, mm);
  }

  private static List<LiquidatedPart> parts(LiquidationStep step, MarketSnapshot market) {
    List<LiquidatedPart> out = new ArrayList<>(step.parts().size());
    for (ClosedPart p : step.parts()) {
      out.add(new LiquidatedPart(p.instrument().symbol(), p.quantityTraded(), p.mark(),
          notionalUsd(p.instrument(), p.quantityTraded(), market), p.costUsd()));
    }
    return out;
  }

  /** The underlying notional of a trade, USD (see {@link LiquidatedPart#notionalUsd()}). */
  static double notionalUsd(Instrument inst, double quantity, MarketSnapshot market) {
    boolean fullValue = inst instanceof EuropeanOption || inst instanceof Spot;
    if (inst.settlement() == Settlement.INVERSE && !fullValue) {
      return Math.abs(quantity) * inst.contractSize();
    }
    return Math.abs(quantity) * inst.contractSize() * market.underlying(inst.underlying()).index();
  }
}
