package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.Withdrawal;
import org.pmargin.engine.guard.FillPriceRange;
import org.pmargin.engine.guard.MarginCallGuard;
import org.pmargin.engine.guard.PriceBandMode;

/**
 * The engine's account book for accounts stored elsewhere, one share of them at a time: what a Flink task runs on
 * the accounts of its key groups. It holds what {@link MarginEngine} holds beside the accounts (model, snapshot,
 * the per-snapshot vector cache shared by every account margined here, the full-pass clock, the degraded assets)
 * and applies the engine's rules, built from the engine's own pieces ({@code AccountState}, {@code FillBand},
 * {@code Withdrawals}, {@code MarginCallGuard}, {@code FundingBooking}, {@code ExpiryBooking}, {@code MarketDiff},
 * {@code BatchMargining}), to one account event or to a group of accounts after a market update. Liquidation is
 * not run here: it needs the whole book (the insurance fund, ADL counterparties), so the holder reports the accounts
 * that become liquidatable instead.
 *
 * <p>Figures are bit for bit those of a {@link MarginEngine} (with liquidation off) fed the same events, as long as
 * the holder gives every account every market update once, in order, after {@link #advance}.
 *
 * <p>Not thread-safe: one holder thread (a Flink task is one thread).
 */
public final class AccountShard {

  private final EngineConfig config;
  private final AssetBits bits = new AssetBits();
  private SnapshotVectorCache cache = new SnapshotVectorCache();
  private MarginModel model;
  private MarketSnapshot snapshot;
  private MarketSnapshot previous;
  private MarketDiff diff;
  private Instant lastFullPass;
  private long degradedMask;
  private boolean lastAdvanceFull;

  /**
   * A shard on a first snapshot.
   *
   * @param model  the margin model
   * @param initial  the first snapshot
   * @param config  the engine's settings (its threads and liquidation are not used)
   */
  public AccountShard(MarginModel model, MarketSnapshot initial, EngineConfig config) {
    this.model = Checks.notNull(model, "model");
    this.snapshot = Checks.notNull(initial, "snapshot");
    this.config = Checks.notNull(config, "config");
    this.lastFullPass = initial.asOf();
  }

  /**
   * A shard at a saved base ({@link #base}): the snapshot, last full pass, degraded assets and asset bits of the
   * state, with an empty vector cache (no previous update: call {@link #advance} before {@link #remargin}).
   *
   * <p>Why it is exact: a shard restored at the base taken just before an update that makes a full pass ({@link
   * #lastAdvanceFull}) or a model change, then given that update and every later event, is bit for bit the shard
   * that ran through them uninterrupted: that update empties both caches. With {@link
   * EngineConfig#vectorsPerMarketTime} on, a base taken before any update is exact the same way (the cache then only
   * holds vectors of the current market time, which an empty cache computes again to the same bits).
   *
   * @param base  a state of {@link #base}: accounts, instruments and liquidation are not read
   * @param model  the model in force at the base (its name must be the base's)
   * @param config  the engine's settings
   * @return the shard
   */
  public static AccountShard restore(EngineState base, MarginModel model, EngineConfig config) {
    Checks.notNull(base, "base");
    if (!base.model().equals(Checks.notNull(model, "model").name())) {
      throw new IllegalArgumentException("the base was taken under model " + base.model() + ", not " + model.name());
    }
    AccountShard s = new AccountShard(model, base.market(), config);
    EngineStates.restoreBits(s.bits, base.assetBits());
    s.lastFullPass = Checks.notNull(base.lastFullPass(), "last_full_pass");
    s.degradedMask = base.degradedMask();
    return s;
  }

  /**
   * What {@link #restore} needs to rebuild this shard, as an {@link EngineState} (so {@link EngineStateCodec} writes
   * it, every double read back exactly): the model's name, snapshot, last full pass, degraded mask and asset bits;
   * no accounts, instruments, liquidation or venue state (null).
   *
   * @param sequence  the sequence number of the last update the shard has applied, kept in the state
   * @return the base
   */
  public EngineState base(long sequence) {
    return new EngineState(EngineStateCodec.FORMAT, sequence, model.name(), snapshot, lastFullPass, degradedMask,
        EngineStates.bits(bits), List.of(), List.of(), null, null);
  }

  /** The market time of the last full pass (the first snapshot's time before any). */
  public Instant lastFullPass() {
    return lastFullPass;
  }

  /** The degraded underlyings, as bits in the order of {@link #assetOrder}. */
  public long degradedMask() {
    return degradedMask;
  }

  /** The asset codes in the order their exposure bits were given (bit 0 first). */
  public List<String> assetOrder() {
    return EngineStates.bits(bits);
  }

  /** Whether the last {@link #advance} made a full pass (emptied the cache, moved {@link #lastFullPass}). */
  public boolean lastAdvanceFull() {
    return lastAdvanceFull;
  }

  /** The outcome of an account event and the account after it (the one before when the event is rejected). */
  public record Booked(EventOutcome outcome, ShardAccount after) {
  }

  /** The outcome of a market update or model change on a group of accounts, and the accounts it changed. */
  public record Remargined(EventOutcome outcome, Map<String, ShardAccount> changed) {
  }

  /** The current snapshot. */
  public MarketSnapshot snapshot() {
    return snapshot;
  }

  /** The current model. */
  public MarginModel model() {
    return model;
  }

  /** How many per-unit vectors the shard holds for the current snapshot (shared by all its accounts). */
  public int cachedVectors() {
    return cache.size();
  }

  /**
   * Applies a deposit, withdrawal or fill to one account, as {@link MarginEngine#apply} does.
   *
   * @param seq  the event's sequence number
   * @param event  a {@link Deposit}, {@link Withdrawal} or {@link Fill}
   * @param before  the account, or null when the shard has never seen it
   * @return the outcome and the account after it
   */
  public Booked apply(long seq, EngineEvent event, ShardAccount before) {
    Checks.notNull(event, "event");
    AccountState s = before == null ? null : state(before);
    String expired = event instanceof Fill f ? ExpiryBooking.fillRefusal(f, snapshot.asOf()) : null;
    if (expired != null) {
      return rejected(seq, expired, before);
    }
    Result r = switch (event) {
      case Deposit d -> single(seq, s, d.accountId(), true, x -> x.credit(d.asset(), d.amount(), bits));
      case Withdrawal w -> withdraw(seq, s, w);
      case Fill f -> fill(seq, s, f);
      default -> throw new InvalidInputException("event", "an account event (deposit, withdrawal, fill), got "
          + event.getClass().getSimpleName());
    };
    return new Booked(r.outcome, r.after == null ? before : view(r.after));
  }

  /**
   * Moves the shard to a new snapshot, as {@link MarginEngine} does on a market update before it re-margins: the
   * assets that moved, the degraded ones, whether a full pass is due, the vectors to drop (all of them when the
   * market time moves and {@link EngineConfig#vectorsPerMarketTime} is on). Call once per update,
   * then {@link #remargin} on every group of accounts.
   *
   * @param u  the update
   * @return null, or why the update is rejected (time going back); then nothing changed
   */
  public String advance(MarketUpdate u) {
    MarketSnapshot next = Checks.notNull(u, "update").snapshot();
    if (next.asOf().isBefore(snapshot.asOf())) {
      return "snapshot time " + next.asOf() + " is before the current " + snapshot.asOf();
    }
    MarketDiff d = MarketDiff.of(snapshot, next, u.degraded(), bits, degradedMask, lastFullPass,
        config.fullRevaluationInterval());
    if (d.full()) {
      cache = new SnapshotVectorCache();
      lastFullPass = next.asOf();
    } else if (config.vectorsPerMarketTime() && !next.asOf().equals(snapshot.asOf())) {
      cache = new SnapshotVectorCache(); // as MarketStep: vectors only of one market time
    } else {
      for (Asset a : d.moved()) {
        cache.invalidate(a);
      }
      cache.dropExpired(next.asOf());
    }
    previous = snapshot;
    snapshot = next;
    diff = d;
    degradedMask = d.degradedMask();
    lastAdvanceFull = d.full();
    return null;
  }

  /**
   * Changes the model, as a model change does: every account is then to be re-margined ({@link #remargin} with
   * {@code all}).
   */
  public void changeModel(MarginModel next) {
    model = Checks.notNull(next, "model");
    cache = new SnapshotVectorCache();
  }

  /**
   * Books the current update's funding and expiries on a group of accounts and re-margins those the update
   * touches (all of them with {@code all}, after a model change), as the engine's market step does on its book.
   *
   * @param seq  the update's sequence number
   * @param accounts  the group
   * @param all  re-margin every account (a model change) instead of the update's
   * @return the margins, transitions, funding and settlements, and the changed accounts by id
   */
  public Remargined remargin(long seq, List<ShardAccount> accounts, boolean all) {
    List<AccountState> states = new ArrayList<>(accounts.size());
    for (ShardAccount a : accounts) {
      states.add(state(a));
    }
    FundingBooking funding = FundingBooking.NONE;
    ExpiryBooking expiries = ExpiryBooking.NONE;
    if (!all && diff != null) {
      try {
        funding = FundingBooking.accrue(states, config.funding(), previous, snapshot, bits);
        expiries = ExpiryBooking.settle(states, funding, snapshot, bits);
      } catch (InvalidInputException e) {
        return new Remargined(new EventOutcome(seq, Optional.of(e.getMessage()), List.of(), List.of()), Map.of());
      }
    }
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      if (all || diff != null && (diff.full() || (states.get(i).exposure & diff.changedMask()) != 0)
          || funding.has(i) || expiries.has(i)) {
        targets.add(i);
      }
    }
    funding.swapInto(states);
    expiries.swapInto(states);
    BatchMargining.Recomputed r = BatchMargining.recompute(states, null, targets, model, snapshot, cache);
    if (r.failure() != null) {
      return new Remargined(new EventOutcome(seq, Optional.of(r.failure()), List.of(), List.of()), Map.of());
    }
    List<AccountMargin> margins = new ArrayList<>(targets.size());
    List<HealthTransition> transitions = new ArrayList<>();
    Map<String, ShardAccount> changed = new java.util.LinkedHashMap<>();
    for (int k = 0; k < targets.size(); k++) {
      AccountState s = states.get(targets.get(k));
      HealthState from = s.state();
      AccountHealth h = r.health()[k];
      s.health = h;
      s.snapshotVersion = snapshot.version();
      s.degraded = (s.exposure & degradedMask) != 0;
      margins.add(margin(s));
      if (from != h.state()) {
        transitions.add(new HealthTransition(seq, s.id, from, h.state(), h, snapshot.version()));
      }
      changed.put(s.id, view(s));
    }
    EventOutcome o = new EventOutcome(seq, Optional.empty(), margins, transitions)
        .withFunding(funding.payments()).withSettlements(expiries.booked());
    return new Remargined(o, changed);
  }

  // The per-account steps below are MarginEngine's single(), withdraw(), fill() and commitOne() on one state.

  private record Result(EventOutcome outcome, AccountState after) {
  }

  private interface Change {
    void apply(AccountState s);
  }

  private Result single(long seq, AccountState before, String id, boolean mayOpen, Change change) {
    if (before == null && !mayOpen) {
      return new Result(rejectedOutcome(seq, "unknown account " + id + " (a deposit opens an account)"), null);
    }
    AccountState base = before == null ? new AccountState(id) : before;
    AccountState after = base.copy();
    AccountHealth health;
    try {
      change.apply(after);
      health = BatchMargining.compute(after, model, snapshot, cache);
    } catch (InvalidInputException e) {
      return new Result(rejectedOutcome(seq, e.getMessage()), null);
    }
    return commit(seq, base, after, health);
  }

  private Result withdraw(long seq, AccountState before, Withdrawal w) {
    if (before == null) {
      return new Result(rejectedOutcome(seq, "unknown account " + w.accountId()), null);
    }
    if (Withdrawals.overdraft(before, w) != null) {
      return new Result(rejectedOutcome(seq, Withdrawals.overdraft(before, w)), null);
    }
    AccountState after = before.copy();
    AccountHealth health;
    try {
      after.credit(w.asset(), -w.amount(), bits);
      health = BatchMargining.compute(after, model, snapshot, cache);
    } catch (InvalidInputException e) {
      return new Result(rejectedOutcome(seq, e.getMessage()), null);
    }
    if (Withdrawals.breach(health) != null) {
      return new Result(rejectedOutcome(seq, Withdrawals.breach(health)), null);
    }
    return commit(seq, before, after, health);
  }

  private Result fill(long seq, AccountState before, Fill f) {
    FillPriceRange range;
    try {
      range = FillBand.range(config.priceBand(), f, snapshot);
    } catch (InvalidInputException e) {
      return new Result(rejectedOutcome(seq, e.getMessage()), null);
    }
    if (range != null && !range.contains(f.price()) && config.priceBand().mode() == PriceBandMode.REFUSE) {
      return new Result(rejectedOutcome(seq, range.breach(f.instrument().symbol(), f.price())), null);
    }
    if (before != null && before.state() != HealthState.HEALTHY) {
      AccountState hypo = before.copy();
      String refusal = null;
      try {
        hypo.fill(f.instrument(), f.quantity(), f.price(), bits);
        AccountHealth now = before.health != null ? before.health
            : BatchMargining.compute(before, model, snapshot, cache);
        refusal = MarginCallGuard.refusal(before.id, now, BatchMargining.compute(hypo, model, snapshot, cache))
            .orElse(null);
      } catch (InvalidInputException e) {
        refusal = null; // the booking below reports it
      }
      if (refusal != null) {
        return new Result(rejectedOutcome(seq, refusal), null);
      }
    }
    Result r = single(seq, before, f.accountId(), false, s -> s.fill(f.instrument(), f.quantity(), f.price(), bits));
    return new Result(FillBand.flagged(r.outcome, f, range), r.after);
  }

  private Result commit(long seq, AccountState before, AccountState after, AccountHealth health) {
    HealthState from = before.state();
    after.health = health;
    after.snapshotVersion = snapshot.version();
    after.degraded = (after.exposure & degradedMask) != 0;
    List<HealthTransition> transitions = from == health.state() ? List.of()
        : List.of(new HealthTransition(seq, after.id, from, health.state(), health, snapshot.version()));
    return new Result(new EventOutcome(seq, Optional.empty(), List.of(margin(after)), transitions), after);
  }

  private AccountState state(ShardAccount a) {
    AccountState s = AccountState.of(a.account(), bits);
    s.health = a.health();
    s.snapshotVersion = a.snapshotVersion();
    s.degraded = a.degraded();
    return s;
  }

  private static ShardAccount view(AccountState s) {
    return new ShardAccount(s.toAccount(), s.health, s.snapshotVersion, s.degraded);
  }

  private static AccountMargin margin(AccountState s) {
    return new AccountMargin(s.id, s.health, s.snapshotVersion, s.degraded);
  }

  private static EventOutcome rejectedOutcome(long seq, String why) {
    return new EventOutcome(seq, Optional.of(why), List.of(), List.of());
  }

  private static Booked rejected(long seq, String why, ShardAccount before) {
    return new Booked(rejectedOutcome(seq, why), before);
  }
}
