package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.ImmutableMargins;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.LiquidationControl;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.WhatIf;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.event.AttestationReceived;
import org.pmargin.engine.event.VenueRegistration;
import org.pmargin.engine.guard.FillPriceRange;
import org.pmargin.engine.guard.MarginCallGuard;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.liquidation.LiquidationQueue;
import org.pmargin.engine.liquidation.LiquidationRunner;
import org.pmargin.engine.liquidation.LossSummary;

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
 *       by the liquidation of the accounts below maintenance margin ({@link LiquidationRunner}: kept in a {@link
 *       LiquidationQueue} ordered by margin ratio as they are re-margined, so an event after which nobody is below
 *       maintenance margin costs one emptiness check; steps journaled in the outcome; fees into an insurance fund;
 *       a bankrupt account's deficit covered by the fund, ADL and socialised loss, its rest taken over by the
 *       backstop book, all journaled ({@link #losses()}); what no layer covers is in {@link #badDebtUsd()}).</li>
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
  private final LiquidationRunner liquidation;
  private final EngineLiquidationBook book;
  private final org.pmargin.engine.venue.VenueRegistry venues = new org.pmargin.engine.venue.VenueRegistry();

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
    this.liquidation = new LiquidationRunner(config.liquidation());
    this.book = new EngineLiquidationBook(this, bits, pool);
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
        case LiquidationControl c -> {
          liquidation.control(c.action());
          yield new EventOutcome(seq, Optional.empty(), List.of(), List.of());
        }
        case AttestationReceived a -> attest(seq, a.attestation());
        case VenueRegistration r -> register(seq, r.venue());
      };
      return o.accepted() ? liquidation.run(seq, o, book) : o;
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
      List<AccountState> states;
      try {
        states = AccountState.openAll(book, index.keySet(), bits);
      } catch (InvalidInputException e) {
        return rejected(seq, e.getMessage());
      }
      int first = accounts.size();
      accounts.addAll(states);
      List<Integer> targets = IntStream.range(first, accounts.size()).boxed().toList();
      BatchMargining.Recomputed r = BatchMargining.recompute(accounts, pool, targets, model, snapshot, cache);
      if (r.failure() != null) {
        accounts.subList(first, accounts.size()).clear();
        return rejected(seq, r.failure());
      }
      for (int i = first; i < accounts.size(); i++) {
        index.put(accounts.get(i).id, i);
      }
      return commitMany(seq, targets, r.health());
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
      AccountState hypo = FillBand.hypothetical(s, orders, config.priceBand(), snapshot, bits);
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
      org.pmargin.core.portfolio.Account a = existing(accountId).riskAccount(snapshot.asOf());
      return model instanceof ScenarioMarginModel m ? m.margin(a, snapshot, cache, true) : model.margin(a, snapshot);
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

  /**
   * The account's one risk profile as every model margins it now: the local book with what other venues attest
   * ({@link org.pmargin.engine.venue.CrossVenue#union}, aged at the market time); the local account when it holds no
   * attestation.
   */
  public org.pmargin.core.portfolio.Account riskAccount(String accountId) {
    lock.readLock().lock();
    try {
      return existing(accountId).riskAccount(snapshot.asOf());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The registered venues and what they attest, with each attestation's age and haircut at the market time. */
  public VenueView venues() {
    lock.readLock().lock();
    try {
      return VenueView.of(venues, accounts, snapshot.asOf());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A registered venue's terms in force, if it is registered. */
  public Optional<org.pmargin.engine.venue.Venue> venue(String id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(venues.venue(id));
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

  /**
   * The underlyings of the current snapshot whose price the oracle's circuit breaker holds (the last market
   * update's degraded set): accounts exposed to them are flagged degraded.
   */
  public java.util.Set<org.pmargin.core.instrument.Asset> degraded() {
    lock.readLock().lock();
    try {
      java.util.Set<org.pmargin.core.instrument.Asset> out = new java.util.TreeSet<>();
      for (org.pmargin.core.instrument.Asset a : snapshot.underlyings().keySet()) {
        if ((bits.peek(a) & degradedMask) != 0) { // peek: a read gives no asset a bit
          out.add(a);
        }
      }
      return out;
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
   * The running bad debt, USD: the sum of the deficits reported by the {@link org.pmargin.engine.event.Bankruptcy bankruptcies} of the
   * accounts still parked (what a loss waterfall would have to cover).
   */
  public double badDebtUsd() {
    lock.readLock().lock();
    try {
      return liquidation.badDebtUsd();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The loss accounting so far: insurance fund, ADL, socialised loss, the backstop's book at the current mark. */
  public LossSummary losses() {
    lock.readLock().lock();
    try {
      return liquidation.summary(snapshot);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether liquidation is paused ({@link LiquidationControl}). */
  public boolean liquidationPaused() {
    lock.readLock().lock();
    try {
      return liquidation.paused();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many accounts are queued for liquidation (below maintenance margin and not parked). */
  public int liquidationCandidates() {
    lock.readLock().lock();
    try {
      return liquidation.candidates();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many account liquidations the engine has tried (planner runs and bankruptcy checks), for tests. */
  long liquidationRuns() {
    return liquidation.runs();
  }

  /**
   * Whether {@link #exportState()} may be called: the engine keeps vectors only while the market time stands ({@link
   * EngineConfig#withVectorsPerMarketTime}). Otherwise, between full passes, vectors of an earlier time are reused
   * for unmoved underlyings, so what the cache holds shapes later figures, and an engine restored with an empty
   * cache could not go on bit for bit.
   */
  public boolean exportable() {
    return config.vectorsPerMarketTime();
  }

  /**
   * The engine's whole state ({@link EngineState}); an engine {@link #restore restored} from it behaves as this one
   * bit for bit.
   *
   * @return the state
   * @throws IllegalStateException when not {@link #exportable()}
   */
  public EngineState exportState() {
    lock.readLock().lock();
    try {
      if (!config.vectorsPerMarketTime()) {
        throw new IllegalStateException("an engine that reuses vectors across market times cannot export its state "
            + "(EngineConfig.withVectorsPerMarketTime)");
      }
      List<org.pmargin.core.instrument.Instrument> instruments = new ArrayList<>();
      List<EngineState.Account> states = EngineStates.accounts(accounts, instruments);
      return new EngineState(EngineStateCodec.FORMAT, sequence, model.name(), snapshot, lastFullPass, degradedMask,
          EngineStates.bits(bits), instruments, states, liquidation.exportState(), venues.export());
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * An engine holding an exported state, to go on from where the exporting engine was.
   *
   * @param state  the state ({@link #exportState()})
   * @param model  the model in force when it was exported (the same name; the same parameters are the caller's
   *     to keep)
   * @param config  the exporting engine's settings
   * @return the engine (the caller closes it)
   * @throws IllegalArgumentException when the state's format or model name differ, or it does not hold together
   */
  public static MarginEngine restore(EngineState state, MarginModel model, EngineConfig config) {
    Checks.notNull(state, "state");
    if (state.format() != EngineStateCodec.FORMAT) {
      throw new IllegalArgumentException("engine state format " + state.format() + ", this engine reads "
          + EngineStateCodec.FORMAT);
    }
    if (!state.model().equals(model.name())) {
      throw new IllegalArgumentException("the state was exported under model " + state.model() + ", not "
          + model.name());
    }
    if (!config.vectorsPerMarketTime()) {
      throw new IllegalArgumentException("a restored engine must keep vectors per market time "
          + "(EngineConfig.withVectorsPerMarketTime)");
    }
    MarginEngine e = new MarginEngine(model, state.market(), config);
    try {
      EngineStates.restoreBits(e.bits, state.assetBits());
      state.instruments().forEach(e.bits::instrument); // the restored positions' instances are the engine's
      List<AccountState> states = EngineStates.states(state);
      for (AccountState s : states) {
        if (e.index.put(s.id, e.accounts.size()) != null) {
          throw new IllegalArgumentException("account " + s.id + " appears twice in the state");
        }
        e.accounts.add(s);
      }
      e.sequence = state.sequence();
      e.lastFullPass = Checks.notNull(state.lastFullPass(), "last_full_pass");
      e.degradedMask = state.degradedMask();
      e.liquidation.restore(state.liquidation());
      e.venues.restore(state.venues());
      EngineStates.restoreCrossVenue(e.accounts, state, e.venues);
      for (int i = 0; i < e.accounts.size(); i++) {
        if (e.accounts.get(i).crossVenue != null) {
          e.liquidation.heldAcrossVenues(i);
        }
      }
    } catch (RuntimeException x) {
      e.close();
      throw x instanceof IllegalArgumentException ? x : new IllegalArgumentException("engine state: " + x, x);
    }
    return e;
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

  /**
   * The state tree of every account as of the last applied event (docs/VERIFY.md): the accounts and their last
   * margins are copied under the read lock, so the root is of one consistent state, and hashed after it is released,
   * so writers wait only for the copy.
   *
   * @param parallel  whether to hash on the fork-join pool
   */
  public org.pmargin.engine.proof.StateCommitment commitment(boolean parallel) {
    List<org.pmargin.core.portfolio.Account> copy;
    List<AccountMargin> margins;
    List<List<org.pmargin.engine.proof.AccountLeaf.Attested>> attested = null;
    long seq;
    long version;
    lock.readLock().lock();
    try {
      copy = new ArrayList<>(accounts.size());
      margins = new ArrayList<>(accounts.size());
      for (int i = 0; i < accounts.size(); i++) {
        AccountState s = accounts.get(i);
        copy.add(s.toAccount());
        margins.add(view(s));
        if (s.crossVenue != null) {
          if (attested == null) {
            attested = new ArrayList<>(java.util.Collections.nCopies(accounts.size(), null));
          }
          attested.set(i, leafAttested(s.crossVenue));
        }
      }
      seq = sequence;
      version = snapshot.version();
    } finally {
      lock.readLock().unlock();
    }
    return org.pmargin.engine.proof.StateCommitment.ofAccounts(seq, version, copy, margins, attested, parallel);
  }

  /**
   * An account's current leaf of the state tree (docs/VERIFY.md): its local book, last margin and, for an account
   * holding attestations, each venue's accepted sequence and the digest of what it signed (leaf version 2).
   */
  public org.pmargin.engine.proof.AccountLeaf leaf(String accountId) {
    lock.readLock().lock();
    try {
      AccountState s = existing(accountId);
      return org.pmargin.engine.proof.AccountLeaf.of(s.toAccount(), view(s),
          s.crossVenue == null ? List.of() : leafAttested(s.crossVenue));
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<org.pmargin.engine.proof.AccountLeaf.Attested> leafAttested(
      org.pmargin.engine.venue.CrossVenue cv) {
    List<org.pmargin.engine.proof.AccountLeaf.Attested> out = new ArrayList<>();
    for (org.pmargin.engine.venue.VenueHoldings h : cv.holdings()) {
      out.add(new org.pmargin.engine.proof.AccountLeaf.Attested(h.venue().id(), h.attestation().sequence(),
          h.attestation().digest()));
    }
    out.sort((x, y) -> org.pmargin.engine.proof.CanonicalWriter.compareUtf8(x.venue(), y.venue()));
    return out;
  }

  /** How many per-unit vectors the engine holds for the current snapshot. */
  public int cachedVectors() {
    return cache.size();
  }

  /** The vector cache of the current snapshot (for tests of what it holds). */
  SnapshotVectorCache vectorCache() {
    return cache;
  }

  // What the liquidation book reads and commits (under the write lock): the states and the degraded mask.
  List<AccountState> states() {
    return accounts;
  }

  long degradedMask() {
    return degradedMask;
  }

  /** The state of an account by id, or null (under the write lock, for the liquidation book). */
  AccountState stateOf(String id) {
    Integer i = index.get(id);
    return i == null ? null : accounts.get(i);
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
    FillPriceRange range;
    try {
      range = FillBand.range(config.priceBand(), f, snapshot);
    } catch (InvalidInputException e) {
      return rejected(seq, e.getMessage());
    }
    if (range != null && !range.contains(f.price()) && config.priceBand().mode() == PriceBandMode.REFUSE) {
      return rejected(seq, range.breach(f.instrument().symbol(), f.price()));
    }
    String refusal = marginCallRefusal(f);
    if (refusal != null) {
      return rejected(seq, refusal);
    }
    EventOutcome o = single(seq, f.accountId(), false, s -> s.fill(f.instrument(), f.quantity(), f.price(), bits));
    return FillBand.flagged(o, f, range);
  }

  /**
   * Why a fill is refused by the margin-call rule ({@link MarginCallGuard}: an account below initial margin may only
   * reduce its risk), or null; healthy and new accounts are not checked, so the common fill costs nothing extra.
   */
  private String marginCallRefusal(Fill f) {
    Integer i = index.get(f.accountId());
    if (i == null || accounts.get(i).state() == HealthState.HEALTHY) {
      return null;
    }
    AccountState before = accounts.get(i);
    AccountState after = before.copy();
    try {
      after.fill(f.instrument(), f.quantity(), f.price(), bits);
      return MarginCallGuard.refusal(before.id, health(before), compute(after, model, cache)).orElse(null);
    } catch (InvalidInputException e) {
      return null; // the booking below reports it
    }
  }

  private EventOutcome withdraw(long seq, Withdrawal w) {
    Integer i = index.get(w.accountId());
    if (i == null) {
      return rejected(seq, "unknown account " + w.accountId());
    }
    AccountState before = accounts.get(i);
    if (Withdrawals.overdraft(before, w) != null) {
      return rejected(seq, Withdrawals.overdraft(before, w));
    }
    AccountState after = before.copy();
    AccountHealth health;
    try {
      after.credit(w.asset(), -w.amount(), bits);
      health = compute(after, model, cache);
    } catch (InvalidInputException e) {
      return rejected(seq, e.getMessage());
    }
    if (Withdrawals.breach(health) != null) {
      return rejected(seq, Withdrawals.breach(health));
    }
    return commitOne(seq, i, before, after, health);
  }

  private EventOutcome commitOne(long seq, Integer i, AccountState before, AccountState after,
      AccountHealth health) {
    HealthState from = before.state();
    after.health = health;
    after.snapshotVersion = snapshot.version();
    after.degraded = (after.exposure & degradedMask) != 0;
    int at = i == null ? accounts.size() : i;
    liquidation.changed(at); // the account changed: liquidation may try it again
    if (i == null) {
      index.put(after.id, accounts.size());
      accounts.add(after);
    } else {
      accounts.set(i, after);
    }
    if (after.crossVenue != null) {
      liquidation.heldAcrossVenues(at);
    }
    liquidation.margined(at, health);
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
    MarketDiff diff = MarketDiff.of(snapshot, next, u.degraded(), bits, degradedMask, lastFullPass,
        config.fullRevaluationInterval());
    MarketStep step = MarketStep.prepare(accounts, snapshot, next, diff, config.funding(), cache, model, pool, bits,
        config.vectorsPerMarketTime());
    if (step.failure() != null) {
      if (step.cacheTainted()) {
        cache = new SnapshotVectorCache(); // vectors of the rejected snapshot may have entered the shared cache
      }
      return rejected(seq, step.failure());
    }
    snapshot = next;
    cache = step.cache();
    degradedMask = diff.degradedMask();
    if (diff.full()) {
      lastFullPass = next.asOf();
    }
    return commitMany(seq, step.targets(), step.health()).withFunding(step.funding().payments())
        .withSettlements(step.expiries().booked());
  }

  /**
   * An attestation: the gate's checks on the engine's market time (so a replay decides the same), the account's
   * existence, its holdings resolved and the account margined with them; the reason of a refusal starts with the
   * verdict's code. Every verdict is counted.
   */
  private EventOutcome attest(long seq, org.pmargin.engine.venue.Attestation a) {
    org.pmargin.engine.venue.Venue v = venues.venue(a.venue());
    Integer i = index.get(a.account());
    AccountState before = i == null ? null : accounts.get(i);
    org.pmargin.engine.venue.Attestation last = before == null || before.crossVenue == null ? null
        : before.crossVenue.last(a.venue());
    org.pmargin.engine.venue.AttestationGate.Outcome o = org.pmargin.engine.venue.AttestationGate.check(a, v, last,
        snapshot.asOf());
    if (o.accepted() && before == null) {
      o = new org.pmargin.engine.venue.AttestationGate.Outcome(
          org.pmargin.engine.venue.AttestationGate.Verdict.UNKNOWN_ACCOUNT, "unknown account " + a.account());
    }
    if (!o.accepted()) {
      venues.count(o.verdict());
      return rejected(seq, o.verdict().code() + ": " + o.reason());
    }
    AccountState after = before.copy();
    AccountHealth health;
    try {
      after.attest(org.pmargin.engine.venue.VenueHoldings.resolve(a, v));
      health = compute(after, model, cache);
      after.exposeAttested(bits);
    } catch (InvalidInputException e) {
      venues.count(org.pmargin.engine.venue.AttestationGate.Verdict.INVALID);
      return rejected(seq, "invalid: " + e.getMessage());
    }
    venues.count(org.pmargin.engine.venue.AttestationGate.Verdict.ACCEPTED);
    return commitOne(seq, i, before, after, health);
  }

  /** A venue registered or its terms replaced; the accounts holding its attestations re-margined under them. */
  private EventOutcome register(long seq, org.pmargin.engine.venue.Venue v) {
    List<Integer> targets = new ArrayList<>();
    List<AccountState> next = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      AccountState s = accounts.get(i);
      if (s.crossVenue != null && s.crossVenue.last(v.id()) != null) {
        AccountState c = s.copy();
        c.crossVenue = s.crossVenue.under(v);
        targets.add(i);
        next.add(c);
      }
    }
    AccountHealth[] health = new AccountHealth[next.size()];
    for (int k = 0; k < next.size(); k++) {
      try {
        health[k] = compute(next.get(k), model, cache);
      } catch (InvalidInputException e) {
        return rejected(seq, "account " + next.get(k).id + ": " + e.getMessage());
      }
    }
    venues.register(v, seq);
    for (int k = 0; k < next.size(); k++) {
      accounts.set(targets.get(k), next.get(k));
    }
    return commitMany(seq, targets, health);
  }

  /**
   * The accounts holding attestations that are below maintenance margin: the engine does not liquidate them (it
   * cannot trade the venues' positions, docs/VENUES.md), so they are the desk's to resolve, here or on the venue.
   */
  public List<String> crossVenueShortfalls() {
    lock.readLock().lock();
    try {
      List<String> out = new ArrayList<>();
      for (AccountState s : accounts) {
        HealthState st = s.state();
        if (s.crossVenue != null && (st == HealthState.LIQUIDATABLE || st == HealthState.BANKRUPT)) {
          out.add(s.id);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private EventOutcome changeModel(long seq, MarginModel next) {
    SnapshotVectorCache nextCache = new SnapshotVectorCache();
    List<Integer> targets = IntStream.range(0, accounts.size()).boxed().toList();
    BatchMargining.Recomputed r = BatchMargining.recompute(accounts, pool, targets, next, snapshot, nextCache);
    if (r.failure() != null) {
      return rejected(seq, r.failure());
    }
    model = next;
    cache = nextCache;
    return commitMany(seq, targets, r.health());
  }

  private EventOutcome commitMany(long seq, List<Integer> targets, AccountHealth[] health) {
    int n = targets.size();
    String[] ids = new String[n];
    boolean[] degradedFlags = new boolean[n];
    List<HealthTransition> transitions = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int at = IndexList.at(targets, k);
      AccountState s = accounts.get(at);
      HealthState from = s.state();
      s.health = health[k];
      s.snapshotVersion = snapshot.version();
      s.degraded = (s.exposure & degradedMask) != 0;
      liquidation.margined(at, s.health);
      ids[k] = s.id;
      degradedFlags[k] = s.degraded;
      if (from != health[k].state()) {
        transitions.add(new HealthTransition(seq, s.id, from, health[k].state(), health[k],
            snapshot.version()));
      }
    }
    // The margins as arrays, made into objects only when read (health is the recompute's own array, not reused).
    return new EventOutcome(seq, Optional.empty(), ImmutableMargins.of(ids, health, snapshot.version(),
        degradedFlags), transitions);
  }

  private AccountHealth compute(AccountState s, MarginModel m, SnapshotVectorCache c) {
    return BatchMargining.margin(s, m, snapshot, c);
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

}
