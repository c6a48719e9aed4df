package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.liquidation.LiquidationPlanner;
import org.pmargin.core.liquidation.WorstLoss;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.validation.Checks;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Bankruptcy;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.LiquidationFailure;
import org.pmargin.engine.event.LiquidationStepBooked;

/**
 * The engine's liquidation loop: it keeps the candidates ({@link LiquidationQueue}) in step with the margins the
 * engine commits, and after every accepted event liquidates them, worst margin ratio first (ties in account order):
 * each candidate's liquidation is planned and booked ({@link AccountLiquidation}) and re-margined, and the steps,
 * bankruptcies and failures are added to the event's outcome. An account bankrupt or left with no risk-reducing step
 * is reported, its deficit added to {@link #badDebtUsd()}, and parked; an account whose liquidation cannot be planned
 * is reported and parked. A parked account is not tried again until an event of its own changes it ({@link
 * #changed}: its reported deficit then leaves the bad debt), or prices bring it back above maintenance margin.
 *
 * <p>Not thread-safe: the engine calls it under its write lock.
 */
public final class LiquidationRunner {

  /** The planner's stress guard, shared (immutable), and none (no stress: every step passes). */
  private static final WorstLoss WORST_LOSS = WorstLoss.hypothetical();
  private static final WorstLoss NO_STRESS = new WorstLoss(List.of());

  private final LiquidationConfig config;
  private final LiquidationQueue queue = new LiquidationQueue();
  private final BitSet parked = new BitSet();
  /** Per account index: the steps booked since it last fell below maintenance margin (the journal's numbers). */
  private int[] steps = new int[16];
  /** Per account index: the deficit reported when it was parked as bankrupt, USD (in the bad debt), else 0. */
  private double[] deficits = new double[16];
  private double badDebtUsd;
  private long runs;

  /**
   * A runner for the engine's liquidation settings.
   *
   * @param config  the settings (when off, nothing is queued or liquidated)
   */
  public LiquidationRunner(LiquidationConfig config) {
    this.config = Checks.notNull(config, "liquidation");
  }

  /**
   * Keeps the queue in step with an account's committed margin: a candidate when below maintenance margin and not
   * parked; an account back above maintenance margin restarts its step count and, if parked, is unparked and its
   * deficit leaves the bad debt.
   *
   * @param i  the account's index
   * @param health  its new health
   */
  public void margined(int i, AccountHealth health) {
    HealthState st = health.state();
    boolean below = st == HealthState.LIQUIDATABLE || st == HealthState.BANKRUPT;
    if (!below) {
      if (i < steps.length) {
        steps[i] = 0;
      }
      if (parked.get(i)) {
        unpark(i);
      }
    }
    queue.update(i, health.marginRatio(), below && !parked.get(i) && config.enabled());
  }

  /**
   * An event of the account's own (deposit, withdrawal, fill) changed it: liquidation may try it again, and the
   * deficit reported for it, if any, leaves the bad debt. Call before {@link #margined}.
   *
   * @param i  the account's index
   */
  public void changed(int i) {
    unpark(i);
  }

  private void unpark(int i) {
    parked.clear(i);
    if (i < deficits.length) {
      badDebtUsd -= deficits[i];
      deficits[i] = 0;
    }
  }

  /**
   * Liquidates the candidates after an accepted event.
   *
   * @param seq  the event's sequence number
   * @param o  the event's outcome
   * @param book  the engine's accounts
   * @return the outcome with the liquidation added (the same when nothing was done)
   */
  public EventOutcome run(long seq, EventOutcome o, LiquidationBook book) {
    if (!config.enabled() || queue.isEmpty()) {
      return o;
    }
    LiquidationPlanner planner = new LiquidationPlanner(book.model(),
        config.liquidity().model(book.snapshot().underlyings().keySet()), config.target(), config.slice(), Map.of(),
        config.stressGuard() ? WORST_LOSS : NO_STRESS, config.maxStepsPerEvent());
    List<LiquidationStepBooked> booked = new ArrayList<>();
    List<Bankruptcy> bankrupt = new ArrayList<>();
    List<LiquidationFailure> failures = new ArrayList<>();
    List<HealthTransition> transitions = new ArrayList<>(o.transitions());
    Map<String, AccountMargin> changed = new LinkedHashMap<>();
    for (int i : queue.candidates()) {
      AccountHealth before = book.health(i);
      runs++;
      AccountLiquidation b = AccountLiquidation.run(seq, book.account(i), before, stepsOf(i), planner,
          book.snapshot(), book::margin);
      if (b.failure() != null) {
        parked.set(i);
        queue.update(i, before.marginRatio(), false);
        failures.add(b.failure());
        continue;
      }
      grow(i);
      steps[i] = b.stepsNumbered();
      AccountMargin view = b.after() == null ? book.view(i) : book.commit(i, b.after(), b.health());
      booked.addAll(b.steps());
      if (b.bankruptcy() != null) {
        bankrupt.add(b.bankruptcy());
        parked.set(i);
        deficits[i] = b.bankruptcy().deficitUsd();
        badDebtUsd += deficits[i];
      }
      if (before.state() != b.health().state()) {
        transitions.add(new HealthTransition(seq, book.id(i), before.state(), b.health().state(), b.health(),
            book.snapshot().version()));
      }
      margined(i, b.health());
      if (!b.steps().isEmpty() || b.bankruptcy() != null) {
        changed.put(book.id(i), view);
      }
    }
    if (booked.isEmpty() && bankrupt.isEmpty() && failures.isEmpty()) {
      return o;
    }
    List<AccountMargin> margins = new ArrayList<>(o.margins().size() + changed.size());
    for (AccountMargin m : o.margins()) {
      AccountMargin now = changed.remove(m.accountId());
      margins.add(now == null ? m : now);
    }
    margins.addAll(changed.values());
    return o.withLiquidation(margins, transitions, booked, bankrupt, failures);
  }

  private int stepsOf(int i) {
    return i < steps.length ? steps[i] : 0;
  }

  private void grow(int i) {
    if (i >= steps.length) {
      int n = Math.max(i + 1, steps.length * 2);
      steps = Arrays.copyOf(steps, n);
      deficits = Arrays.copyOf(deficits, n);
    }
  }

  /** The running bad debt, USD: the deficits reported by the bankruptcies of the accounts still parked. */
  public double badDebtUsd() {
    return badDebtUsd;
  }

  /** How many accounts are queued for liquidation. */
  public int candidates() {
    return queue.size();
  }

  /** How many account liquidations were tried (planner runs and bankruptcy checks). */
  public long runs() {
    return runs;
  }
}
