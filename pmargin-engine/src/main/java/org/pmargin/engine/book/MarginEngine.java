package org.pmargin.engine.book;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidationPlanner;
import org.pmargin.core.liquidation.WorstLoss;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Bankruptcy;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.LiquidationFailure;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.guard.FillPriceRange;
import org.pmargin.engine.guard.PriceBandBreach;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.liquidation.LiquidationQueue;

/**
 * The real-time margin engine: it holds every account and its last margin, applies events one at a time, and
 * re-margins incrementally.
 *
 * <ul>
 *   <li>A deposit, withdrawal or fill re-margins that one account. A withdrawal that would leave the account short
 *       of initial margin in any pool is rejected and changes nothing. A fill priced outside the
 *       {@link EngineConfig#priceBand() price band} around the current mark is rejected with the band in the
 *       reason, or booked and reported in the outcome's price flags, as the band's mode says.</li>
 *   <li>A market update re-margins only the accounts exposed to an asset whose market changed (index, mark,
 *       forwards, vols, funding, listed price, or its degraded flag), and every account once the market time has
 *       moved by {@link EngineConfig#fullRevaluationInterval()} since the last full pass, or when the rate
 *       changed.</li>
 *   <li>A model change re-margins every account with the new model.</li>
 *   <li>A market update whose time passes funding times ({@link EngineConfig#funding()}) first books each
 *       perpetual's funding into its settlement asset's balance ({@link FundingBooking}), reports the payments in
 *       the outcome, and re-margins the accounts that paid or received.</li>
 *   <li>A market update whose time reaches the expiry of options or futures held then settles each such position
 *       into its settlement asset's balance and removes it ({@link ExpiryBooking}: at the snapshot's delivery price,
 *       else its index), reports the settlements in the outcome, and re-margins those accounts; a fill in an expired
 *       instrument is rejected.</li>
 *   <li>With {@link EngineConfig#liquidation() liquidation} on, every accepted event (not {@link #load}) is followed
 *       by the liquidation of the candidates: the accounts below maintenance margin, kept in a {@link
 *       LiquidationQueue} ordered by margin ratio as they are re-margined, so an event after which nobody is below
 *       maintenance margin costs one emptiness check. Worst ratio first, ties in account order, each candidate's
 *       liquidation is planned and booked on a copy ({@link LiquidationBooking}: steps of at most the configured
 *       slice until maintenance margin + the buffer, at most the configured steps per account per event) and
 *       re-margined; the steps are journaled in the outcome ({@link LiquidationStepBooked}), with the new margins
 *       and health transitions. An account bankrupt or left with no risk-reducing step is reported ({@link
 *       Bankruptcy}), its deficit added to {@link #badDebtUsd()}, and parked; an account whose liquidation cannot be
 *       planned is reported ({@link LiquidationFailure}), left as the event left it, and parked: the event still
 *       commits. A parked account is not tried again until a deposit, withdrawal or fill changes it (its reported
 *       deficit then leaves the bad debt), or prices bring it back above maintenance margin.</li>
 * </ul>
 * Scenario models ({@link ScenarioMarginModel}) share per-unit vectors between accounts: each instrument is
 * revalued once per snapshot, and an update drops only the moved underlying's vectors. Every event is atomic: when
 * any account cannot be margined (say a fill in an instrument the market has no data for), the event is rejected
 * with the reason and nothing changes.
 *
 * <p>Deterministic: results depend only on the events, in order, never on the thread count or timing; outcomes list
 * accounts in the order they were opened.
 *
 * <p>Thread-safe: events are applied under a write lock; {@link #whatIf}, {@link #margin} and {@link #explain} read
 * under a read lock and may run from many threads (an order gateway).
 */
public final class MarginEngine implements AutoCloseable {

  /** Accounts margined together by a scenario model (the simulation's tail pass shares each vector block among them). */
  private static final int CHUNK = 256;

  private final EngineConfig config;
  private final ForkJoinPool pool;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AssetBits bits = new AssetBits();
  private final List<AccountState> accounts = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private SnapshotVectorCache cache = new SnapshotVectorCache();
  private MarginModel model;
  private MarketSnapshot snapshot;
  private Instant lastFullPass;
  private long degradedMask;
  private long sequence;
  private final LiquidationQueue queue = new LiquidationQueue();
  private double badDebtUsd;
  private long liquidationRuns;
  /** The planner's stress guard, shared (immutable), and none (no stress: every step passes). */
  private static final WorstLoss WORST_LOSS = WorstLoss.hypothetical();
  private static final WorstLoss NO_STRESS = new WorstLoss(List.of());

  /**
   * Creates an engine with no accounts.
   *
   * @param model  the margin model
   * @param initial  the first market snapshot
   * @param config  threads and full-pass interval
   */
  public MarginEngine(MarginModel model, MarketSnapshot initial, EngineConfig config) {
    this.model = Checks.notNull(model, "model");
    this.snapshot = Checks.notNull(initial, "snapshot");
    this.config = Checks.notNull(config, "config");
    this.lastFullPass = initial.asOf();
    this.pool = config.threads() > 1 ? new ForkJoinPool(config.threads()) : null;
  }

  /**
   * Applies one event.
   *
   * @param event  the event
   * @return what it did
   */
  public EventOutcome apply(EngineEvent event) {
    Checks.notNull(event, "event");
    lock.writeLock().lock();
    try {
      long seq = ++sequence;
      String expired = event instanceof Fill f ? ExpiryBooking.fillRefusal(f, snapshot.asOf()) : null;
      if (expired != null) {
        return rejected(seq, expired);
      }
      EventOutcome o = switch (event) {
        case Deposit d -> single(seq, d.accountId(), true, s -> s.credit(d.asset(), d.amount(), bits));
        case Withdrawal w -> withdraw(seq, w);
        case Fill f -> fill(seq, f);
        case MarketUpdate u -> market(seq, u);
        case ModelChange c -> changeModel(seq, c.model());
      };
      return o.accepted() ? liquidate(seq, o) : o;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Opens many accounts at once, as they stand (positions with their entry prices, balances), and margins them in
   * parallel: how an engine starts from a book kept elsewhere. Atomic like every event: when an id is already held
   * or an account cannot be margined, nothing is opened. Nothing is liquidated here: accounts loaded below
   * maintenance margin are queued and liquidated after the next event.
   *
   * @param book  the accounts, with distinct new ids
   * @return the outcome, with every account's margin, in the order given
   */
  public EventOutcome load(List<org.pmargin.core.portfolio.Account> book) {
    Checks.notNull(book, "accounts");
    lock.writeLock().lock();
    try {
      long seq = ++sequence;
      List<AccountState> states = new ArrayList<>(book.size());
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < book.size(); i++) {
        org.pmargin.core.portfolio.Account a = Checks.notNull(book.get(i), "accounts[" + i + "]");
        if (index.containsKey(a.id()) || ids.put(a.id(), i) != null) {
          return rejected(seq, "accounts[" + i + "]: account " + a.id() + " is already open");
        }
        try {
          states.add(AccountState.of(a, bits));
        } catch (InvalidInputException e) {
          return rejected(seq, "accounts[" + i + "]: " + e.getMessage());
        }
      }
      int first = accounts.size();
      accounts.addAll(states);
      List<Integer> targets = IntStream.range(first, accounts.size()).boxed().toList();
      Recomputed r = recompute(targets, model, snapshot, cache);
      if (r.failure != null) {
        accounts.subList(first, accounts.size()).clear();
        return rejected(seq, r.failure);
      }
      for (int i = first; i < accounts.size(); i++) {
        index.put(accounts.get(i).id, i);
      }
      return commitMany(seq, targets, r.health);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The margin impact of orders, as if they filled at their prices, without booking them.
   *
   * @param accountId  the account
   * @param orders  the orders, all on that account
   * @return its health now and after
   * @throws InvalidInputException naming the field when the account is unknown or an order cannot be margined
   */
  public WhatIf whatIf(String accountId, List<Fill> orders) {
    Checks.notNull(orders, "orders");
    lock.readLock().lock();
    try {
      AccountState s = existing(accountId);
      AccountState hypo = s.copy();
      for (int i = 0; i < orders.size(); i++) {
        Fill f = Checks.notNull(orders.get(i), "orders[" + i + "]");
        if (!f.accountId().equals(accountId)) {
          throw new InvalidInputException("orders[" + i + "].account_id", "is " + f.accountId() + ", not "
              + accountId);
        }
        String expired = ExpiryBooking.fillRefusal(f, snapshot.asOf());
        if (expired != null) {
          throw new InvalidInputException("orders[" + i + "].instrument", expired);
        }
        checkBand(f, i);
        hypo.fill(f.instrument(), f.quantity(), f.price(), bits);
      }
      return new WhatIf(accountId, health(s), compute(hypo, model, cache));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The last margin of an account, if the engine holds it. */
  public Optional<AccountMargin> margin(String accountId) {
    lock.readLock().lock();
    try {
      Integer i = index.get(accountId);
      return i == null ? Optional.empty() : Optional.of(view(accounts.get(i)));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every account's last margin, in the order the accounts were opened. */
  public List<AccountMargin> margins() {
    lock.readLock().lock();
    try {
      List<AccountMargin> out = new ArrayList<>(accounts.size());
      for (AccountState s : accounts) {
        out.add(view(s));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The full margin of an account with its breakdown (components, contributions, driving scenario), on the current
   * snapshot; its figures equal the engine's for an account margined on this snapshot.
   */
  public MarginResult explain(String accountId) {
    lock.readLock().lock();
    try {
      AccountState s = existing(accountId);
      return model instanceof ScenarioMarginModel m ? m.margin(s.toAccount(), snapshot, cache, true)
          : model.margin(s.toAccount(), snapshot);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The account as the margin models see it (positions and balances), for reports and recomputation. */
  public org.pmargin.core.portfolio.Account account(String accountId) {
    lock.readLock().lock();
    try {
      return existing(accountId).toAccount();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The current snapshot. */
  public MarketSnapshot snapshot() {
    lock.readLock().lock();
    try {
      return snapshot;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The current model. */
  public MarginModel model() {
    lock.readLock().lock();
    try {
      return model;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The running bad debt, USD: the sum of the deficits reported by the {@link Bankruptcy bankruptcies} of the
   * accounts still parked (what a loss waterfall would have to cover).
   */
  public double badDebtUsd() {
    lock.readLock().lock();
    try {
      return badDebtUsd;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many accounts are queued for liquidation (below maintenance margin and not parked). */
  public int liquidationCandidates() {
    lock.readLock().lock();
    try {
      return queue.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many account liquidations the engine has tried (planner runs and bankruptcy checks), for tests. */
  long liquidationRuns() {
    return liquidationRuns;
  }

  /** How many accounts the engine holds. */
  public int accountCount() {
    lock.readLock().lock();
    try {
      return accounts.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many per-unit vectors the engine holds for the current snapshot. */
  public int cachedVectors() {
    return cache.size();
  }

  /** The vector cache of the current snapshot (for tests of what it holds). */
  SnapshotVectorCache vectorCache() {
    return cache;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** A change to one account: applied to a copy, margined, and committed only if that worked. */
  private interface Change {
    void apply(AccountState s);
  }

  private EventOutcome single(long seq, String accountId, boolean mayOpen, Change change) {
    Integer i = index.get(accountId);
    if (i == null && !mayOpen) {
      return rejected(seq, "unknown account " + accountId + " (a deposit opens an account)");
    }
    AccountState before = i == null ? new AccountState(accountId) : accounts.get(i);
    AccountState after = before.copy();
    AccountHealth health;
    try {
      change.apply(after);
      health = compute(after, model, cache);
    } catch (InvalidInputException e) {
      return rejected(seq, e.getMessage());
    }
    return commitOne(seq, i, before, after, health);
  }

  private EventOutcome fill(long seq, Fill f) {
    FillPriceRange range = null;
    if (config.priceBand().mode() != PriceBandMode.OFF) {
      try {
        range = config.priceBand().range(f.instrument(), snapshot);
      } catch (InvalidInputException e) {
        return rejected(seq, e.getMessage());
      }
    }
    boolean outside = range != null && !range.contains(f.price());
    if (outside && config.priceBand().mode() == PriceBandMode.REFUSE) {
      return rejected(seq, range.breach(f.instrument().symbol(), f.price()));
    }
    EventOutcome o = single(seq, f.accountId(), false, s -> s.fill(f.instrument(), f.quantity(), f.price(), bits));
    if (!outside || !o.accepted()) {
      return o;
    }
    return o.withPriceFlags(List.of(new PriceBandBreach(f.accountId(), f.instrument().symbol(), f.quantity(),
        f.price(), range, range.breach(f.instrument().symbol(), f.price()))));
  }

  /** In refuse mode, an order priced outside the band is an error on its price, as the fill would be refused. */
  private void checkBand(Fill f, int i) {
    if (config.priceBand().mode() != PriceBandMode.REFUSE) {
      return;
    }
    FillPriceRange range = config.priceBand().range(f.instrument(), snapshot);
    if (!range.contains(f.price())) {
      throw new InvalidInputException("orders[" + i + "].price", range.breach(f.instrument().symbol(), f.price()));
    }
  }

  private EventOutcome withdraw(long seq, Withdrawal w) {
    Integer i = index.get(w.accountId());
    if (i == null) {
      return rejected(seq, "unknown account " + w.accountId());
    }
    AccountState before = accounts.get(i);
    double held = before.balance(w.asset());
    if (held < w.amount()) {
      return rejected(seq, "withdrawal of " + w.amount() + " " + w.asset() + " exceeds the balance " + held);
    }
    AccountState after = before.copy();
    AccountHealth health;
    try {
      after.credit(w.asset(), -w.amount(), bits);
      health = compute(after, model, cache);
    } catch (InvalidInputException e) {
      return rejected(seq, e.getMessage());
    }
    if (health.state() != HealthState.HEALTHY) {
      return rejected(seq, String.format(java.util.Locale.ROOT,
          "withdrawal would breach initial margin: equity %.2f USD against IM %.2f USD afterwards",
          health.equityUsd(), health.initialMarginUsd()));
    }
    return commitOne(seq, i, before, after, health);
  }

  private EventOutcome commitOne(long seq, Integer i, AccountState before, AccountState after,
      AccountHealth health) {
    HealthState from = before.state();
    after.health = health;
    after.snapshotVersion = snapshot.version();
    after.degraded = (after.exposure & degradedMask) != 0;
    after.parked = false; // the account changed: liquidation may try it again
    badDebtUsd -= after.reportedDeficitUsd;
    after.reportedDeficitUsd = 0;
    int at = i == null ? accounts.size() : i;
    if (i == null) {
      index.put(after.id, accounts.size());
      accounts.add(after);
    } else {
      accounts.set(i, after);
    }
    enqueue(at, after);
    List<HealthTransition> transitions = from == health.state() ? List.of()
        : List.of(new HealthTransition(seq, after.id, from, health.state(), health,
        snapshot.version()));
    return new EventOutcome(seq, Optional.empty(), List.of(view(after)), transitions);
  }

  private EventOutcome market(long seq, MarketUpdate u) {
    MarketSnapshot next = u.snapshot();
    if (next.asOf().isBefore(snapshot.asOf())) {
      return rejected(seq, "snapshot time " + next.asOf() + " is before the current " + snapshot.asOf());
    }
    long newDegraded = 0;
    for (Asset a : u.degraded()) {
      newDegraded |= bits.bit(a);
    }
    boolean full = next.rate() != snapshot.rate()
        || Duration.between(lastFullPass, next.asOf()).compareTo(config.fullRevaluationInterval()) >= 0
            && !next.asOf().equals(lastFullPass);
    long changed = newDegraded ^ degradedMask;
    List<Asset> moved = new ArrayList<>();
    for (Map.Entry<Asset, UnderlyingMarket> e : next.underlyings().entrySet()) {
      if (!sameMarket(snapshot.underlyings().get(e.getKey()), e.getValue())) {
        moved.add(e.getKey());
      }
    }
    for (Asset a : snapshot.underlyings().keySet()) {
      if (!next.underlyings().containsKey(a)) {
        moved.add(a);
      }
    }
    for (Map.Entry<Asset, Double> e : next.assetPrices().entrySet()) {
      if (!e.getValue().equals(snapshot.assetPrices().get(e.getKey()))) {
        moved.add(e.getKey());
      }
    }
    for (Asset a : snapshot.assetPrices().keySet()) {
      if (!next.assetPrices().containsKey(a)) {
        moved.add(a);
      }
    }
    for (Asset a : moved) {
      changed |= bits.bit(a);
    }
    FundingBooking funding;
    ExpiryBooking expiries;
    try {
      funding = FundingBooking.accrue(accounts, config.funding(), snapshot, next, bits);
      expiries = ExpiryBooking.settle(accounts, funding, next, bits);
    } catch (InvalidInputException e) {
      return rejected(seq, e.getMessage());
    }
    SnapshotVectorCache nextCache;
    if (full) {
      nextCache = new SnapshotVectorCache();
    } else {
      nextCache = cache;
      for (Asset a : moved) {
        nextCache.invalidate(a);
      }
      if (!expiries.booked().isEmpty()) {
        nextCache.dropExpired(next.asOf());
      }
    }
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      if (full || (accounts.get(i).exposure & changed) != 0 || funding.has(i) || expiries.has(i)) {
        targets.add(i);
      }
    }
    Map<Integer, AccountState> unfunded = funding.swapInto(accounts); // margined after funding; put back if refused
    Map<Integer, AccountState> unsettled = expiries.swapInto(accounts); // then after expiry settlement
    Recomputed r;
    try {
      r = recompute(targets, model, next, nextCache);
    } catch (RuntimeException e) {
      FundingBooking.restore(accounts, unsettled);
      FundingBooking.restore(accounts, unfunded);
      throw e;
    }
    if (r.failure != null) {
      FundingBooking.restore(accounts, unsettled);
      FundingBooking.restore(accounts, unfunded);
      if (nextCache == cache && !full) {
        cache = new SnapshotVectorCache(); // vectors of the rejected snapshot may have entered the shared cache
      }
      return rejected(seq, r.failure);
    }
    snapshot = next;
    cache = nextCache;
    degradedMask = newDegraded;
    if (full) {
      lastFullPass = next.asOf();
    }
    return commitMany(seq, targets, r.health).withFunding(funding.payments()).withSettlements(expiries.booked());
  }

  private EventOutcome changeModel(long seq, MarginModel next) {
    SnapshotVectorCache nextCache = new SnapshotVectorCache();
    List<Integer> targets = IntStream.range(0, accounts.size()).boxed().toList();
    Recomputed r = recompute(targets, next, snapshot, nextCache);
    if (r.failure != null) {
      return rejected(seq, r.failure);
    }
    model = next;
    cache = nextCache;
    return commitMany(seq, targets, r.health);
  }

  private record Recomputed(AccountHealth[] health, String failure) {
  }

  /** Margins the targets (in parallel when configured) without changing anything. */
  private Recomputed recompute(List<Integer> targets, MarginModel m, MarketSnapshot market,
      SnapshotVectorCache c) {
    AccountHealth[] out = new AccountHealth[targets.size()];
    String[] errors = new String[targets.size()];
    // Scenario models margin a chunk of accounts per task (the simulation model blocks its accumulation over the
    // chunk); other models one account per task.
    int chunk = m instanceof ScenarioMarginModel ? CHUNK : 1;
    int tasks = (targets.size() + chunk - 1) / chunk;
    java.util.function.IntConsumer one = task -> {
      int from = task * chunk;
      int to = Math.min(targets.size(), from + chunk);
      if (m instanceof ScenarioMarginModel sm) {
        List<org.pmargin.core.portfolio.Account> batch = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
          batch.add(accounts.get(targets.get(k)).toAccount());
        }
        MarginResult[] results = new MarginResult[batch.size()];
        InvalidInputException[] failures = new InvalidInputException[batch.size()];
        sm.marginAll(batch, market, c, results, failures);
        for (int k = from; k < to; k++) {
          if (failures[k - from] != null) {
            errors[k] = "account " + batch.get(k - from).id() + ": " + failures[k - from].getMessage();
          } else {
            out[k] = results[k - from].health();
          }
        }
        return;
      }
      AccountState s = accounts.get(targets.get(from));
      try {
        out[from] = compute(s, m, market, c);
      } catch (InvalidInputException e) {
        errors[from] = "account " + s.id + ": " + e.getMessage();
      }
    };
    if (pool != null && targets.size() > 64) {
      try {
        pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(one)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while margining", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("margining failed", e.getCause());
      }
    } else {
      for (int task = 0; task < tasks; task++) {
        one.accept(task);
      }
    }
    for (String e : errors) {
      if (e != null) {
        return new Recomputed(null, e); // the first failing account, in account order
      }
    }
    return new Recomputed(out, null);
  }

  private EventOutcome commitMany(long seq, List<Integer> targets, AccountHealth[] health) {
    List<AccountMargin> margins = new ArrayList<>(targets.size());
    List<HealthTransition> transitions = new ArrayList<>();
    for (int k = 0; k < targets.size(); k++) {
      AccountState s = accounts.get(targets.get(k));
      HealthState from = s.state();
      s.health = health[k];
      s.snapshotVersion = snapshot.version();
      s.degraded = (s.exposure & degradedMask) != 0;
      enqueue(targets.get(k), s);
      margins.add(view(s));
      if (from != health[k].state()) {
        transitions.add(new HealthTransition(seq, s.id, from, health[k].state(), health[k],
            snapshot.version()));
      }
    }
    return new EventOutcome(seq, Optional.empty(), margins, transitions);
  }

  /** Keeps the liquidation queue in step with an account's committed margin. */
  private void enqueue(int i, AccountState s) {
    HealthState st = s.state();
    boolean below = st == HealthState.LIQUIDATABLE || st == HealthState.BANKRUPT;
    if (!below) {
      s.liquidationSteps = 0;
      if (s.parked) { // back above maintenance margin by prices: its deficit, if any, is gone
        s.parked = false;
        badDebtUsd -= s.reportedDeficitUsd;
        s.reportedDeficitUsd = 0;
      }
    }
    queue.update(i, s.health.marginRatio(), below && !s.parked && config.liquidation().enabled());
  }

  /** Liquidates the queue's candidates after an accepted event (see the class doc). */
  private EventOutcome liquidate(long seq, EventOutcome o) {
    if (!config.liquidation().enabled() || queue.isEmpty()) {
      return o;
    }
    LiquidationConfig lc = config.liquidation();
    LiquidationPlanner planner = new LiquidationPlanner(model, lc.liquidity().model(snapshot.underlyings().keySet()),
        lc.target(), lc.slice(), Map.of(), lc.stressGuard() ? WORST_LOSS : NO_STRESS, lc.maxStepsPerEvent());
    List<LiquidationStepBooked> steps = new ArrayList<>();
    List<Bankruptcy> bankrupt = new ArrayList<>();
    List<LiquidationFailure> failures = new ArrayList<>();
    List<HealthTransition> transitions = new ArrayList<>(o.transitions());
    Map<String, AccountMargin> changed = new java.util.LinkedHashMap<>();
    for (int i : queue.candidates()) {
      AccountState s = accounts.get(i);
      liquidationRuns++;
      LiquidationBooking b = LiquidationBooking.run(seq, s, planner, snapshot, x -> compute(x, model, cache), bits);
      if (b.failure() != null) {
        s.parked = true;
        queue.update(i, s.health.marginRatio(), false);
        failures.add(b.failure());
        continue;
      }
      AccountState after = b.after();
      after.degraded = (after.exposure & degradedMask) != 0;
      accounts.set(i, after);
      steps.addAll(b.steps());
      if (b.bankruptcy() != null) {
        bankrupt.add(b.bankruptcy());
        badDebtUsd += b.bankruptcy().deficitUsd();
      }
      if (s.state() != after.state()) {
        transitions.add(new HealthTransition(seq, after.id, s.state(), after.state(), after.health,
            snapshot.version()));
      }
      enqueue(i, after);
      if (!b.steps().isEmpty() || b.bankruptcy() != null) {
        changed.put(after.id, view(after));
      }
    }
    if (steps.isEmpty() && bankrupt.isEmpty() && failures.isEmpty()) {
      return o;
    }
    List<AccountMargin> margins = new ArrayList<>(o.margins().size() + changed.size());
    for (AccountMargin m : o.margins()) {
      AccountMargin now = changed.remove(m.accountId());
      margins.add(now == null ? m : now);
    }
    margins.addAll(changed.values());
    return o.withLiquidation(margins, transitions, steps, bankrupt, failures);
  }

  private AccountHealth compute(AccountState s, MarginModel m, SnapshotVectorCache c) {
    return compute(s, m, snapshot, c);
  }

  private static AccountHealth compute(AccountState s, MarginModel m, MarketSnapshot market,
      SnapshotVectorCache c) {
    MarginResult r = m instanceof ScenarioMarginModel sm ? sm.margin(s.toAccount(), market, c, false)
        : m.margin(s.toAccount(), market);
    return r.health();
  }

  private AccountHealth health(AccountState s) {
    return s.health != null ? s.health : compute(s, model, cache);
  }

  private AccountState existing(String accountId) {
    Integer i = index.get(Checks.notBlank(accountId, "account_id"));
    if (i == null) {
      throw new InvalidInputException("account_id", "unknown account " + accountId);
    }
    return accounts.get(i);
  }

  private static AccountMargin view(AccountState s) {
    return new AccountMargin(s.id, s.health, s.snapshotVersion, s.degraded);
  }

  private static EventOutcome rejected(long seq, String why) {
    return new EventOutcome(seq, Optional.of(why), List.of(), List.of());
  }

  /** Whether two markets of an underlying are the same apart from their time. */
  private static boolean sameMarket(UnderlyingMarket a, UnderlyingMarket b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a == b) {
      return true;
    }
    return a.forwards().spot() == b.forwards().spot() && a.perpetualMark() == b.perpetualMark()
        && a.fundingRate8h() == b.fundingRate8h() && a.forwards().points().equals(b.forwards().points())
        && Objects.equals(a.vols().slices(), b.vols().slices());
  }
}
