package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.grid.GridBookMargin;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.engine.venue.CrossVenue;
import org.pmargin.engine.venue.VenueHoldings;

/**
 * One account as the engine holds it: positions and balances in parallel arrays (a million accounts must fit in a
 * gigabyte, so no object per position), the bit mask of the assets it is exposed to, and its last margin figures.
 * An {@link Account} is built from it only to margin it.
 *
 * <p>Not thread-safe: the engine mutates it under its write lock; margining reads it under either lock.
 */
final class AccountState {

  final String id;
  private Instrument[] instruments = new Instrument[0];
  private double[] quantities = new double[0];
  private double[] entries = new double[0];
  private int size;
  private Asset[] assets = new Asset[0];
  private double[] balances = new double[0];
  private int assetCount;
  /** The assets this account's margin depends on, as {@link AssetBits} bits. */
  long exposure;
  /** The last health, or null before the first margining. */
  AccountHealth health;
  long snapshotVersion;
  boolean degraded;
  /** A lower bound of the positions' expiries (options and futures), null when none expires. */
  private Instant earliestExpiry;
  /**
   * What other venues attest this account holds (immutable, shared by copies), or null for an account without
   * attestations: then every path is the local one, the grid's array path included, and nothing is added.
   */
  CrossVenue crossVenue;

  AccountState(String id) {
    this.id = id;
  }

  /**
   * The state of an existing account, positions and balances as given (entry prices kept).
   *
   * @param account  the account
   * @param bits  the asset registry
   * @return its state, not yet margined
   */
  static AccountState of(Account account, AssetBits bits) {
    AccountState s = new AccountState(account.id());
    List<Position> positions = account.portfolio().positions();
    s.instruments = new Instrument[positions.size()];
    s.quantities = new double[positions.size()];
    s.entries = new double[positions.size()];
    for (Position p : positions) {
      int i = s.positionIndex(p.instrument());
      if (i >= 0) {
        throw new org.pmargin.core.validation.InvalidInputException("positions[" + p.instrument().symbol() + "]",
            "appears twice in account " + account.id());
      }
      i = s.size++;
      s.instruments[i] = bits.instrument(p.instrument());
      s.quantities[i] = p.quantity();
      s.entries[i] = p.entryPrice();
      s.noteExpiry(p.instrument());
      s.exposure |= bits.bit(p.instrument().underlying()) | bits.bit(p.instrument().settlementAsset())
          | bits.bit(p.instrument().quote());
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      s.credit(b.getKey(), b.getValue(), bits);
    }
    return s;
  }

  /**
   * The states of accounts to open at once, as they stand.
   *
   * @param book  the accounts
   * @param open  the ids already open
   * @param bits  the asset registry
   * @return their states, in order
   * @throws InvalidInputException naming {@code accounts[i]} when an id is open or repeated, or an account is invalid
   */
  static List<AccountState> openAll(List<Account> book, java.util.Set<String> open, AssetBits bits) {
    List<AccountState> states = new ArrayList<>(book.size());
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < book.size(); i++) {
      Account a = org.pmargin.core.validation.Checks.notNull(book.get(i), "accounts[" + i + "]");
      if (open.contains(a.id()) || !ids.add(a.id())) {
        throw new org.pmargin.core.validation.InvalidInputException("accounts[" + i + "]", "account " + a.id()
            + " is already open");
      }
      try {
        states.add(of(a, bits));
      } catch (org.pmargin.core.validation.InvalidInputException e) {
        throw new org.pmargin.core.validation.InvalidInputException("accounts[" + i + "]", e.getMessage());
      }
    }
    return states;
  }

  /** A deep copy, for what-if and for checks that must not change the account. */
  AccountState copy() {
    AccountState c = new AccountState(id);
    c.instruments = Arrays.copyOf(instruments, size);
    c.quantities = Arrays.copyOf(quantities, size);
    c.entries = Arrays.copyOf(entries, size);
    c.size = size;
    c.assets = Arrays.copyOf(assets, assetCount);
    c.balances = Arrays.copyOf(balances, assetCount);
    c.assetCount = assetCount;
    c.exposure = exposure;
    c.health = health;
    c.snapshotVersion = snapshotVersion;
    c.degraded = degraded;
    c.earliestExpiry = earliestExpiry;
    c.crossVenue = crossVenue;
    return c;
  }

  /** Takes a venue's accepted holdings in place of its previous ones (then {@link #exposeAttested}). */
  void attest(VenueHoldings h) {
    crossVenue = crossVenue == null ? CrossVenue.of(List.of(h)) : crossVenue.with(h);
  }

  /**
   * Exposes the account to its attested holdings' assets: called once they could be margined, so a refused
   * attestation gives no asset a bit.
   */
  void exposeAttested(AssetBits bits) {
    for (Asset a : crossVenue.assets()) {
      exposure |= bits.bit(a);
    }
  }

  /**
   * The account every margin model sees at a market time: the local book alone, or its union with the attested
   * holdings ({@link CrossVenue#union}).
   */
  Account riskAccount(Instant asOf) {
    return crossVenue == null ? toAccount() : crossVenue.union(toAccount(), asOf);
  }

  /** The state, or healthy with nothing if never margined. */
  HealthState state() {
    return health == null ? HealthState.HEALTHY : health.state();
  }

  int positionCount() {
    return size;
  }

  /** The signed quantity held in an instrument, by symbol, 0 when none. */
  double quantity(String symbol) {
    for (int i = 0; i < size; i++) {
      if (instruments[i].symbol().equals(symbol)) {
        return quantities[i];
      }
    }
    return 0;
  }

  /** The balance of an asset, 0 when none. */
  double balance(Asset asset) {
    int i = assetIndex(asset);
    return i < 0 ? 0 : balances[i];
  }

  /** Adds to (or, negative, takes from) a balance. */
  void credit(Asset asset, double amount, AssetBits bits) {
    int i = assetIndex(asset);
    if (i < 0) {
      if (amount == 0) {
        return;
      }
      if (assetCount == assets.length) {
        assets = Arrays.copyOf(assets, assetCount + 2);
        balances = Arrays.copyOf(balances, assetCount + 2);
      }
      i = assetCount++;
      assets[i] = asset;
      balances[i] = 0;
      exposure |= bits.bit(asset);
    }
    balances[i] += amount;
  }

  /**
   * Books a fill (see {@link org.pmargin.engine.event.Fill} for the rules).
   *
   * @param inst  the instrument
   * @param qty  signed contracts
   * @param price  the fill price
   * @param bits  the asset registry
   */
  void fill(Instrument inst, double qty, double price, AssetBits bits) {
    int i = positionIndex(inst);
    double old = i < 0 ? 0 : quantities[i];
    double entry = i < 0 ? price : entries[i];
    double cs = inst.contractSize();
    Asset settle = inst.settlementAsset();
    boolean fullValue = inst instanceof EuropeanOption || inst instanceof Spot;
    boolean inverse = inst.settlement() == Settlement.INVERSE && !fullValue;
    double now = old + qty;
    if (Math.abs(now) <= 1e-12 * Math.max(Math.abs(old), Math.abs(qty))) {
      now = 0; // a fill that closes the position, up to rounding (0.3 − 0.1 − 0.2), closes it
      qty = -old;
    }
    if (fullValue) {
      credit(settle, -qty * cs * price, bits);
    } else if (old != 0 && Math.signum(qty) != Math.signum(old)) {
      double closed = Math.signum(old) * Math.min(Math.abs(old), Math.abs(qty));
      double realised = inverse ? closed * cs * (1 / entry - 1 / price) : closed * cs * (price - entry);
      credit(settle, realised, bits);
    }
    double newEntry;
    if (old == 0 || Math.signum(now) != Math.signum(old)) {
      newEntry = price; // opened, or flipped: the new side opens at the fill
    } else if (Math.abs(now) > Math.abs(old)) {
      newEntry = inverse ? now / (old / entry + qty / price) : (old * entry + qty * price) / now;
    } else {
      newEntry = entry; // reduced
    }
    if (now == 0) {
      if (i >= 0) {
        remove(i);
      }
      return;
    }
    if (i < 0) {
      if (size == instruments.length) {
        int cap = Math.max(2, size + (size >> 1) + 1);
        instruments = Arrays.copyOf(instruments, cap);
        quantities = Arrays.copyOf(quantities, cap);
        entries = Arrays.copyOf(entries, cap);
      }
      i = size++;
      instruments[i] = bits.instrument(inst);
      noteExpiry(inst);
      exposure |= bits.bit(inst.underlying()) | bits.bit(settle) | bits.bit(inst.quote());
    }
    quantities[i] = now;
    entries[i] = newEntry;
  }

  private void remove(int i) {
    System.arraycopy(instruments, i + 1, instruments, i, size - i - 1);
    System.arraycopy(quantities, i + 1, quantities, i, size - i - 1);
    System.arraycopy(entries, i + 1, entries, i, size - i - 1);
    size--;
    instruments[size] = null;
  }

  /**
   * Whether a position has expired at a market time ({@link org.pmargin.core.expiry.ExpiryCheck}). Asked of every
   * account on every market update, so it compares one field unless that bound says an expiry may have passed; then
   * it scans the positions and refreshes the bound.
   */
  boolean holdsExpired(Instant asOf) {
    if (earliestExpiry == null || earliestExpiry.isAfter(asOf)) {
      return false;
    }
    Instant min = null;
    boolean any = false;
    for (int i = 0; i < size; i++) {
      Instant e = expiryOf(instruments[i]);
      if (e != null) {
        any |= !e.isAfter(asOf);
        min = min == null || e.isBefore(min) ? e : min;
      }
    }
    earliestExpiry = min;
    return any;
  }

  private void noteExpiry(Instrument inst) {
    Instant e = expiryOf(inst);
    if (e != null && (earliestExpiry == null || e.isBefore(earliestExpiry))) {
      earliestExpiry = e;
    }
  }

  private static Instant expiryOf(Instrument inst) {
    return switch (inst) {
      case EuropeanOption o -> o.expiryInstant();
      case org.pmargin.core.instrument.DatedFuture f -> f.expiryInstant();
      default -> null;
    };
  }

  /**
   * A state holding another account's positions and balances (this one after expiry settlement), with this one's
   * last margin figures, so the health transition is reported from them.
   */
  AccountState replacedBy(Account account, AssetBits bits) {
    AccountState s = of(account, bits);
    s.exposure |= exposure;
    s.health = health;
    s.snapshotVersion = snapshotVersion;
    s.degraded = degraded;
    s.crossVenue = crossVenue;
    return s;
  }

  /**
   * This account's grid figures straight from its arrays ({@link GridBookMargin#figures}), or null when that path
   * does not cover it (the caller margins {@link #toAccount()} instead). The health object is this account's last
   * one when every figure is the same bit for bit: objects are made only for accounts whose health changed.
   *
   * @param book  the array path of the model and snapshot
   * @param out  work array of {@link GridBookMargin#FIGURES}
   * @return the health, or null
   */
  AccountHealth gridHealth(GridBookMargin book, double[] out) {
    if (crossVenue != null || !book.figures(instruments, quantities, entries, size, assets, balances, assetCount, out)) {
      return null;
    }
    HealthState st = STATES[(int) out[GridBookMargin.STATE]];
    AccountHealth h = health;
    if (h != null && h.state() == st && same(h.equityUsd(), out[GridBookMargin.EQUITY])
        && same(h.initialMarginUsd(), out[GridBookMargin.IM]) && same(h.maintenanceMarginUsd(), out[GridBookMargin.MM])
        && same(h.marginRatio(), out[GridBookMargin.RATIO]) && same(h.availableUsd(), out[GridBookMargin.AVAILABLE])) {
      return h;
    }
    return new AccountHealth(out[GridBookMargin.EQUITY], out[GridBookMargin.IM], out[GridBookMargin.MM],
        out[GridBookMargin.RATIO], out[GridBookMargin.AVAILABLE], st);
  }

  private static final HealthState[] STATES = HealthState.values();

  private static boolean same(double a, double b) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
  }

  // The raw state, in its own order, for the engine's state export (EngineStates): order matters bit for bit.

  Instrument instrumentAt(int i) {
    return instruments[i];
  }

  double quantityAt(int i) {
    return quantities[i];
  }

  double entryAt(int i) {
    return entries[i];
  }

  int assetCount() {
    return assetCount;
  }

  Asset assetAt(int i) {
    return assets[i];
  }

  double balanceAt(int i) {
    return balances[i];
  }

  Instant earliestExpiry() {
    return earliestExpiry;
  }

  /** A state exactly as exported: positions and balances in their order, mask, margin and expiry bound as given. */
  static AccountState restored(String id, Instrument[] instruments, double[] quantities, double[] entries,
      Asset[] assets, double[] balances, long exposure, AccountHealth health, long snapshotVersion, boolean degraded,
      Instant earliestExpiry) {
    AccountState s = new AccountState(id);
    s.instruments = instruments.clone();
    s.quantities = quantities.clone();
    s.entries = entries.clone();
    s.size = instruments.length;
    s.assets = assets.clone();
    s.balances = balances.clone();
    s.assetCount = assets.length;
    s.exposure = exposure;
    s.health = health;
    s.snapshotVersion = snapshotVersion;
    s.degraded = degraded;
    s.earliestExpiry = earliestExpiry;
    return s;
  }

  /** The account as the margin models take it. */
  Account toAccount() {
    List<Position> positions = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      positions.add(new Position(instruments[i], quantities[i], entries[i]));
    }
    Map<Asset, Double> collateral = new TreeMap<>();
    for (int i = 0; i < assetCount; i++) {
      collateral.put(assets[i], balances[i]);
    }
    return new Account(id, new Portfolio(positions), collateral);
  }

  private int positionIndex(Instrument inst) {
    for (int i = 0; i < size; i++) {
      if (instruments[i] == inst || instruments[i].equals(inst)) {
        return i;
      }
    }
    return -1;
  }

  private int assetIndex(Asset asset) {
    for (int i = 0; i < assetCount; i++) {
      if (assets[i].equals(asset)) {
        return i;
      }
    }
    return -1;
  }
}
