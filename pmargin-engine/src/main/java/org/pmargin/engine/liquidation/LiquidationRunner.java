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
import org.pmargin.engine.event.LossEntry;

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
  /** The accounts holding attestations of other venues: margined on the union, never queued (docs/VENUES.md). */
  private final BitSet crossVenue = new BitSet();
  /** Per account index: the steps booked since it last fell below maintenance margin (the journal's numbers). */
  private int[] steps = new int[16];
  /** Per account index: the deficit reported when it was parked as bankrupt, USD (in the bad debt), else 0. */
  private double[] deficits = new double[16];
  private double badDebtUsd;
  private long runs;
  private boolean paused;
  private final LossResolver losses;

  /**
   * A runner for the engine's liquidation settings.
   *
   * @param config  the settings (when off, nothing is queued or liquidated)
   */
  public LiquidationRunner(LiquidationConfig config) {
    this.config = Checks.notNull(config, "liquidation");
    this.losses = new LossResolver(config.initialFundUsd());
  }

  /**
   * Pauses or resumes liquidating ({@link org.pmargin.engine.event.LiquidationControl}); a {@code RUN} changes
   * nothing here (the pass follows every accepted event).
   *
   * @param action  the control
   */
  public void control(org.pmargin.engine.event.LiquidationControl.Action action) {
    switch (action) {
      case PAUSE -> paused = true;
      case RESUME -> paused = false;
      case RUN -> {
      }
    }
  }

  /** Whether liquidating is paused (candidates stay queued). */
  public boolean paused() {
    return paused;
  }

  /** The loss accounting so far, the backstop's book valued on a snapshot. */
  public LossSummary summary(org.pmargin.core.market.MarketSnapshot market) {
    return LossSummary.of(losses, market);
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
    queue.update(i, health.marginRatio(), below && !parked.get(i) && config.enabled() && !crossVenue.get(i));
  }

  /**
   * Marks an account as holding attestations of other venues: its margin covers positions this engine cannot
   * trade, so a plan on the local book alone could close the very hedge of a venue's position; it is never queued
   * for liquidation here, and an engine reports it below maintenance margin as a cross-venue shortfall instead.
   * Call before {@link #margined}.
   *
   * @param i  the account's index
   */
  public void heldAcrossVenues(int i) {
    crossVenue.set(i);
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
    if (!config.enabled() || paused || queue.isEmpty()) {
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
    List<LossEntry> entries = new ArrayList<>();
    List<Integer> toResolve = new ArrayList<>();
    long version = book.snapshot().version();
    for (int i : queue.candidates()) {
      AccountHealth before = book.health(i);
      runs++;
      if (config.mechanism() == LiquidationMechanism.MARKET_BACKSTOP && before.equityUsd() >= 0
          && before.equityUsd() < config.backstopFraction() * before.maintenanceMarginUsd()) {
        backstop(seq, i, before, book, entries, transitions, changed);
        continue;
      }
      if (config.mechanism() == LiquidationMechanism.AUCTION && before.equityUsd() >= 0
          && auction(seq, i, before, book, booked, entries, transitions, changed, version)) {
        continue;
      }
      AccountLiquidation b = AccountLiquidation.run(seq, book.account(i), before, stepsOf(i), planner,
          book.snapshot(), book, config.liquidity().feeRate());
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
      for (AccountLiquidation.StepFee f : b.fees()) {
        entries.add(losses.fee(seq, book.id(i), f.step(), f.configuredUsd(), f.charged(), version));
      }
      if (b.bankruptcy() != null) {
        bankrupt.add(b.bankruptcy());
        parked.set(i);
        if (config.lossWaterfall()) {
          toResolve.add(i);
        } else {
          deficits[i] = b.bankruptcy().deficitUsd();
          badDebtUsd += deficits[i];
        }
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
    if (!toResolve.isEmpty()) {
      resolve(seq, toResolve, bankrupt, book, entries, transitions, changed);
    }
    if (booked.isEmpty() && bankrupt.isEmpty() && failures.isEmpty() && entries.isEmpty()) {
      return o;
    }
    List<AccountMargin> margins = new ArrayList<>(o.margins().size() + changed.size());
    for (AccountMargin m : o.margins()) {
      AccountMargin now = changed.remove(m.accountId());
      margins.add(now == null ? m : now);
    }
    margins.addAll(changed.values());
    return o.withLiquidation(margins, transitions, booked, bankrupt, failures).withLosses(entries);
  }

  private static int indexOfBankruptcy(List<Bankruptcy> list, String id) {
    for (int k = 0; k < list.size(); k++) {
      if (list.get(k).accountId().equals(id)) {
        return k;
      }
    }
    throw new IllegalStateException("no bankruptcy of " + id);
  }

  /** Auctions a solvent account (Derive's Dutch auction); false when nobody bids, for market slices instead. */
  private boolean auction(long seq, int i, AccountHealth before, LiquidationBook book,
      List<LiquidationStepBooked> booked, List<LossEntry> entries, List<HealthTransition> transitions,
      Map<String, AccountMargin> changed, long version) {
    AuctionBooking.Booked a = AuctionBooking.run(seq, book.account(i), before, stepsOf(i) + 1, book.model(),
        config.liquidity().model(book.snapshot().underlyings().keySet()), book.snapshot(), book);
    if (a == null) {
      return false;
    }
    grow(i);
    steps[i] = stepsOf(i) + 1;
    booked.add(a.step());
    entries.add(losses.fee(seq, book.id(i), a.step().step(), a.feeUsd(), a.feeCharged(), version));
    AccountHealth after = a.health();
    AccountMargin view = book.commit(i, a.after(), after);
    if (before.state() != after.state()) {
      transitions.add(new HealthTransition(seq, book.id(i), before.state(), after.state(), after, version));
    }
    margined(i, after);
    changed.put(book.id(i), view);
    return true;
  }

  /** The backstop liquidator takes the whole account over; it is left empty and healthy. */
  private void backstop(long seq, int i, AccountHealth before, LiquidationBook book, List<LossEntry> entries,
      List<HealthTransition> transitions, Map<String, AccountMargin> changed) {
    org.pmargin.core.portfolio.Account a = book.account(i);
    entries.add(losses.takeOverWhole(seq, a, book.snapshot(), String.format(java.util.Locale.ROOT,
        "equity %,.2f USD < %.4f x MM %,.2f USD", before.equityUsd(), config.backstopFraction(),
        before.maintenanceMarginUsd())));
    org.pmargin.core.portfolio.Account empty = new org.pmargin.core.portfolio.Account(a.id(),
        new org.pmargin.core.portfolio.Portfolio(List.of()), Map.of());
    commitChanged(seq, Map.of(i, empty), book, transitions, changed);
  }

  /**
   * Resolves the event's bankrupt accounts by the loss waterfall, in candidate order, each seeing what the ones
   * before it changed, then commits every account changed (one margining pass); each bankrupt account's uncovered
   * rest, if any, is its bad debt.
   */
  private void resolve(long seq, List<Integer> toResolve, List<Bankruptcy> bankrupt, LiquidationBook book,
      List<LossEntry> entries, List<HealthTransition> transitions, Map<String, AccountMargin> changed) {
    Map<Integer, Long> equityLeft = new LinkedHashMap<>();
    java.util.Set<Integer> resolving = new java.util.HashSet<>(toResolve);
    for (int j = 0; j < book.size(); j++) {
      AccountHealth h = book.health(j);
      if (!resolving.contains(j) && h != null && h.equityUsd() > 0) {
        equityLeft.put(j, LossResolver.UNIT.creditToMinor(h.equityUsd()));
      }
    }
    Map<Integer, org.pmargin.core.portfolio.Account> edited = new LinkedHashMap<>();
    for (int i : toResolve) {
      String why = bankrupt.get(indexOfBankruptcy(bankrupt, book.id(i))).reason();
      LossResolver.Resolved r = losses.resolve(seq, i, book, equityLeft, edited, why);
      entries.addAll(r.entries());
      grow(i);
      deficits[i] = r.uncovered() / 1e6;
      badDebtUsd += deficits[i];
    }
    commitChanged(seq, edited, book, transitions, changed);
  }

  /** Margins and commits changed accounts, with their transitions, queue updates and views. */
  private void commitChanged(long seq, Map<Integer, org.pmargin.core.portfolio.Account> accounts,
      LiquidationBook book, List<HealthTransition> transitions, Map<String, AccountMargin> changed) {
    List<Integer> order = new ArrayList<>(accounts.keySet());
    java.util.Collections.sort(order);
    List<org.pmargin.core.portfolio.Account> list = new ArrayList<>();
    for (int j : order) {
      list.add(accounts.get(j));
    }
    List<AccountHealth> health = book.marginAll(list);
    for (int k = 0; k < order.size(); k++) {
      int j = order.get(k);
      AccountHealth from = book.health(j);
      AccountHealth to = health.get(k);
      AccountMargin view = book.commit(j, list.get(k), to);
      if (from.state() != to.state()) {
        transitions.add(new HealthTransition(seq, book.id(j), from.state(), to.state(), to,
            book.snapshot().version()));
      }
      margined(j, to);
      changed.put(book.id(j), view);
    }
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

  /**
   * The runner's state, for the engine's state export: the queue (index and margin ratio, worst first), the parked
   * accounts, the per-account step counts and deficits, the bad debt, the run count, the pause flag and the loss
   * resolver's state.
   *
   * @param queueIndices  the candidates' indices, worst first
   * @param queueRatios  their margin ratios as queued
   * @param parked  the parked accounts' indices, ascending
   * @param steps  per account index, steps booked since it last fell below maintenance margin
   * @param deficits  per account index, the deficit reported when parked as bankrupt
   * @param badDebtUsd  the running bad debt
   * @param runs  the liquidations tried
   * @param paused  whether liquidating is paused
   * @param losses  the loss waterfall's state
   */
  public record State(int[] queueIndices, double[] queueRatios, int[] parked, int[] steps, double[] deficits,
      double badDebtUsd, long runs, boolean paused, LossResolver.State losses) {
  }

  /** This runner's state (see {@link State}). */
  public State exportState() {
    List<Integer> c = queue.candidates();
    int[] idx = new int[c.size()];
    double[] ratios = new double[c.size()];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = c.get(k);
      ratios[k] = queue.ratio(idx[k]);
    }
    return new State(idx, ratios, parked.stream().toArray(), steps.clone(), deficits.clone(), badDebtUsd, runs,
        paused, losses.exportState());
  }

  /**
   * Puts back a state from {@link #exportState()}, on a fresh runner with the same settings.
   *
   * @param s  the state
   */
  public void restore(State s) {
    for (int k = 0; k < s.queueIndices().length; k++) {
      queue.update(s.queueIndices()[k], s.queueRatios()[k], true);
    }
    parked.clear();
    for (int i : s.parked()) {
      parked.set(i);
    }
    steps = s.steps().clone();
    deficits = s.deficits().clone();
    badDebtUsd = s.badDebtUsd();
    runs = s.runs();
    paused = s.paused();
    losses.restore(s.losses());
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
