package org.pmargin.core.margin.grid;

import org.pmargin.core.expiry.ExpiryCheck;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The grid model's figures straight from an account book's parallel arrays (instruments, quantities, entry prices,
 * balances), for the real-time engine: no {@code Account}, {@code Position}, exposure key, valuation or result object
 * per account; the health figures are written into a {@code double[]}. One instance serves one model, one snapshot
 * and one vector cache, and keeps a table of each instrument's shared vectors and snapshot constants (by identity).
 *
 * <p>It does the same arithmetic in the same order as {@link ScenarioGridModel#margin(org.pmargin.core.portfolio.Account,
 * MarketSnapshot, VectorCache, boolean)} with {@code explain = false}, so its figures are equal bit for bit
 * (property-tested). It covers the unified USD view; for anything else (another view, an expired position, an
 * input the model would refuse, an instrument the arrays do not handle) {@link #figures} answers false and the
 * caller takes the reference path, which gives the figures or the model's error.
 *
 * <p>Thread-safe: accounts are margined in parallel; each thread has its own work arrays.
 */
public final class GridBookMargin {

  /** Where {@link #figures} writes: the fields of an {@code AccountHealth}, the state as its ordinal. */
  public static final int EQUITY = 0;
  /** Initial margin, USD. */
  public static final int IM = 1;
  /** Maintenance margin, USD. */
  public static final int MM = 2;
  /** Margin ratio. */
  public static final int RATIO = 3;
  /** Available, USD. */
  public static final int AVAILABLE = 4;
  /** The health state's ordinal. */
  public static final int STATE = 5;
  /** The length of the figures array. */
  public static final int FIGURES = 6;

  private static final int MAX_UNDERLYINGS = 8;
  private static final int MAX_BALANCES = 16;

  private final ScenarioGridModel model;
  private final GridParameters p;
  private final MarketSnapshot market;
  private final VectorCache cache;
  private final java.util.function.Function<ExposureKey, GridVectors> compute;
  /** Instruments by identity: an open-addressing table, copied on write (insertions are rare, reads lock-free). */
  private volatile Unit[] table = new Unit[256];
  private int held;

  /** One instrument's shared vectors and snapshot constants. */
  private static final class Unit {
    final Instrument inst;
    final GridVectors vectors;
    final boolean option;
    final boolean spot;
    final boolean perpetual;
    final boolean inverse;
    final boolean inverseDeltaOneUsd;
    final Asset basis;
    /** Perpetual mark or the future's forward (delta-one), else 0. */
    final double mark;
    /** The roll rate of a delta-one contract, else 0. */
    final double rollRate;
    /** The underlying's market (the snapshot's object: the same figures as looking it up). */
    final UnderlyingMarket market;
    /** The underlying, as this book's one {@link AssetInfo} of it (compared by identity). */
    final AssetInfo underlying;
    /** Whether it has expired at the snapshot's time. */
    final boolean expired;
    /** Its contract size. */
    final double cs;

    Unit(Instrument inst, GridVectors vectors, MarketSnapshot market, GridParameters p, AssetInfo underlying) {
      this.inst = inst;
      this.underlying = underlying;
      this.expired = ExpiryCheck.expired(inst, market.asOf());
      this.cs = inst.contractSize();
      this.vectors = vectors;
      option = inst instanceof EuropeanOption;
      spot = inst instanceof Spot;
      perpetual = inst instanceof Perpetual;
      inverse = inst.settlement() == Settlement.INVERSE;
      inverseDeltaOneUsd = inverse && (inst instanceof Perpetual || inst instanceof DatedFuture);
      basis = PairRisk.basisCurrencyOf(inst);
      UnderlyingMarket um = market.underlying(inst.underlying());
      this.market = um;
      if (inst instanceof Perpetual) {
        mark = um.perpetualMark();
        rollRate = Math.max(p.minAnnualisedMove(), p.annualisedMoveRisk() * 0);
      } else if (inst instanceof DatedFuture f) {
        double years = Math.max(0, YearFraction.between(market.asOf(), f.expiryInstant()));
        mark = um.forwards().forward(f.expiryInstant());
        rollRate = Math.max(p.minAnnualisedMove(), p.annualisedMoveRisk() * years);
      } else {
        mark = 0;
        rollRate = 0;
      }
    }
  }

  /** Whether an asset is an underlying of the snapshot, and its USD price (NaN when it has none). */
  static final class AssetInfo {
    final Asset asset;
    final boolean underlying;
    final double priceUsd;

    AssetInfo(Asset asset, MarketSnapshot market) {
      this.asset = asset;
      this.underlying = market.underlyings().containsKey(asset);
      double p;
      try {
        p = market.priceUsd(asset);
      } catch (InvalidInputException e) {
        p = Double.NaN;
      }
      this.priceUsd = p;
    }
  }

  /** Assets by identity, copied on write (a handful: the collateral assets and the coins). */
  private volatile AssetInfo[] assetInfos = new AssetInfo[0];

  private AssetInfo info(Asset a) {
    AssetInfo[] t = assetInfos;
    for (AssetInfo e : t) {
      if (e.asset == a) {
        return e;
      }
    }
    for (AssetInfo e : t) { // an equal asset held by another instance (each parsed instrument has its own)
      if (e.asset.equals(a)) {
        return e;
      }
    }
    synchronized (this) { // one info per asset, so that they compare by identity
      AssetInfo[] cur = assetInfos;
      for (AssetInfo e : cur) {
        if (e.asset.equals(a)) {
          return e;
        }
      }
      if (cur.length == 64) {
        throw new IllegalStateException("more than 64 assets"); // the reference path margins such a book
      }
      AssetInfo made = new AssetInfo(a, market);
      AssetInfo[] next = java.util.Arrays.copyOf(cur, cur.length + 1);
      next[cur.length] = made;
      assetInfos = next;
      return made;
    }
  }

  /** A thread's work arrays. */
  private static final class Scratch {
    final AssetInfo[] underlyings = new AssetInfo[MAX_UNDERLYINGS];
    final AssetInfo[] balanceInfos = new AssetInfo[MAX_BALANCES];
    final PairRisk[] pairs = new PairRisk[MAX_UNDERLYINGS];
    final Unit[] units = new Unit[64];
    double[] values = new double[64];
    final Asset[] heldAssets = new Asset[MAX_BALANCES];
    final double[] heldAmounts = new double[MAX_BALANCES];
    final double[] sheet = new double[2];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Prepares the array path of a model on a snapshot.
   *
   * @param model  the grid model
   * @param market  the snapshot
   * @param cache  the vectors of {@code market} (shared with the reference path: the same vectors)
   */
  public GridBookMargin(ScenarioGridModel model, MarketSnapshot market, VectorCache cache) {
    this.model = model;
    this.p = model.params();
    this.market = market;
    this.cache = cache;
    this.compute = k -> GridVectors.compute(k, market, p, model.standard(), model.extended());
  }

  /** The model. */
  public ScenarioGridModel model() {
    return model;
  }

  /** The snapshot. */
  public MarketSnapshot market() {
    return market;
  }

  /**
   * The figures of one account from its arrays, or false when this path does not cover it (then nothing is
   * written that matters, and the caller margins it the reference way).
   *
   * @param instruments  the positions' instruments, {@code [0, positions)}
   * @param quantities  their signed quantities
   * @param entries  their entry prices
   * @param positions  how many positions
   * @param assets  the balances' assets, {@code [0, balanceCount)}, distinct
   * @param balances  the balances
   * @param balanceCount  how many balances
   * @param out  receives the figures at {@link #EQUITY} … {@link #STATE}
   * @return whether the figures were written
   */
  public boolean figures(Instrument[] instruments, double[] quantities, double[] entries, int positions,
      Asset[] assets, double[] balances, int balanceCount, double[] out) {
    if (p.view() != MarginView.UNIFIED_USD || positions > 64 || balanceCount > MAX_BALANCES) {
      return false;
    }
    try {
      return unified(instruments, quantities, entries, positions, assets, balances, balanceCount, out);
    } catch (InvalidInputException | IllegalStateException e) {
      return false; // the reference path gives the model's own error
    }
  }

  private boolean unified(Instrument[] instruments, double[] quantities, double[] entries, int n, Asset[] assets,
      double[] balances, int nb, double[] out) {
    Scratch s = SCRATCH.get();
    AssetInfo[] und = s.underlyings;
    int nu = 0;
    for (int i = 0; i < n; i++) {
      Unit unit = unit(instruments[i]);
      if (unit.expired) {
        return false;
      }
      s.units[i] = unit;
      AssetInfo u = unit.underlying;
      if (indexOf(und, nu, u) < 0) {
        if (nu == und.length) {
          return false;
        }
        und[nu++] = u;
      }
    }
    AssetInfo[] bal = s.balanceInfos;
    for (int b = 0; b < nb; b++) {
      AssetInfo a = info(assets[b]);
      bal[b] = a;
      if (balances[b] != 0 && a.underlying && indexOf(und, nu, a) < 0) {
        if (nu == und.length) {
          return false;
        }
        und[nu++] = a;
      }
    }
    sort(und, nu);
    double[] values = s.values;
    for (int k = 0; k < nu; k++) {
      AssetInfo u = und[k];
      double balance = 0;
      if (u.underlying) {
        int b = indexOf(bal, nb, u);
        balance = b < 0 ? 0.0 : balances[b];
      }
      s.pairs[k] = pair(u, k, s.units, quantities, entries, n, balance, values);
    }
    double equity = equity(s, instruments, quantities, n, assets, balances, nb, values);
    double[] sheet = s.sheet;
    sheet[0] = 0;
    sheet[1] = 0;
    assemble(s.pairs, nu, sheet);
    double im = Math.max(sheet[0], 0);
    double mm = Math.max(sheet[1], 0);
    double usdRate = market.priceUsd(Asset.USD);
    if (!Double.isFinite(equity) || !(usdRate > 0)) {
      return false;
    }
    // AccountHealth.of over the one pool, the same sums.
    double eq = 0;
    double i0 = 0;
    double m0 = 0;
    double av = 0;
    eq += equity * usdRate;
    i0 += im * usdRate;
    m0 += mm * usdRate;
    av += Math.max(0, equity - im) * usdRate;
    HealthState st = equity < 0 ? HealthState.BANKRUPT : equity < mm ? HealthState.LIQUIDATABLE
        : equity < im ? HealthState.MARGIN_CALL : HealthState.HEALTHY;
    if (!Double.isFinite(eq) || !Double.isFinite(i0) || !Double.isFinite(m0) || !Double.isFinite(av)) {
      return false;
    }
    out[EQUITY] = eq;
    out[IM] = i0;
    out[MM] = m0;
    out[RATIO] = m0 == 0 ? 0 : eq > 0 ? m0 / eq : Double.MAX_VALUE;
    out[AVAILABLE] = av;
    out[STATE] = st.ordinal();
    return true;
  }

  /** {@link PairRisk#compute} of the unified pool, from the arrays (same order of operations). */
  private PairRisk pair(AssetInfo ui, int slot, Unit[] units, double[] q, double[] entries, int n, double balance,
      double[] values) {
    Asset u = ui.asset;
    PairRisk r = PairRisk.scratch(slot, u, model.standard(), model.extended());
    UnderlyingMarket um = null;
    for (int i = 0; i < n && um == null; i++) {
      if (units[i].underlying == ui) {
        um = units[i].market;
      }
    }
    if (um == null) {
      um = market.underlying(u); // a coin balance with no position on it
    }
    double index = um.index();
    double netOptionCoins = 0;
    double netDelta = 0;
    double grossDelta = 0;
    for (int i = 0; i < n; i++) {
      Unit unit = units[i];
      Instrument inst = unit.inst;
      if (unit.underlying != ui) {
        continue;
      }
      double qi = q[i];
      double cs = unit.cs;
      double delta;
      if (unit.option) {
        org.pmargin.core.valuation.PositionValuation v = unit.vectors.unit();
        values[i] = !v.settlementAsset().equals(Asset.USD) ? qi * v.valueUsd() : qi * v.valueSettlement();
        delta = qi * v.delta();
      } else if (unit.spot) {
        double usd = market.priceUsd(inst.underlying()) * 1.0;
        double sp = usd / market.priceUsd(inst.quote());
        values[i] = !inst.quote().equals(Asset.USD) ? qi * usd : qi * sp;
        delta = qi;
      } else if (!unit.inverse) {
        double mark = unit.mark * 1.0;
        double ratio = mark / (index * 1.0);
        double coins = qi * cs;
        values[i] = coins * (mark - entries[i]);
        delta = coins * ratio;
      } else {
        double mark = unit.mark * 1.0;
        double notionalUsd = qi * cs;
        double pnlCoin = notionalUsd * (1 / entries[i] - 1 / mark);
        values[i] = pnlCoin * (index * 1.0);
        delta = notionalUsd / entries[i];
      }
      r.cashDeltaUsd += delta * index;
      netDelta += delta;
      grossDelta += Math.abs(delta);
      if (p.fundingProvision() && unit.perpetual) {
        double coins = inst.settlement() == Settlement.INVERSE ? qi * cs / um.perpetualMark() : qi * cs;
        double funding = Math.max(0, coins * um.fundingRate8h()) * index;
        r.fundingProvision += funding;
      }
      double roll = 0;
      if (unit.perpetual || inst instanceof DatedFuture) {
        double coins = unit.inverse ? qi * cs / unit.mark : qi * cs;
        roll = Math.abs(coins) * unit.rollRate * index;
      }
      double weight = unit.inverseDeltaOneUsd ? qi * cs / entries[i] : qi;
      r.addTotals(weight, unit.vectors);
      if (unit.basis != null) {
        r.addSettlement(unit.basis, weight, unit.vectors);
      }
      r.rollShock += roll;
      double optionCoins = unit.option ? qi * cs : 0;
      netOptionCoins += optionCoins;
    }
    r.shortOptionMinimum = Math.max(0, -netOptionCoins) * p.shortOptionMinimum() * index;
    if (balance != 0) {
      r.addTotals(balance, holding(u));
      r.cashDeltaUsd += balance * index;
      netDelta += balance;
      grossDelta += Math.abs(balance);
    }
    double hedged = (grossDelta - Math.abs(netDelta)) / 2;
    r.deltaFloor = (p.netDeltaFloor() * Math.abs(netDelta) + p.hedgedDeltaFloor() * hedged) * index / 1.0;
    r.finish(p, r.cashDeltaUsd);
    r.finishSettlementBasis(p);
    return r;
  }

  /** {@code PoolBook.equity(market, haircuts, values)} of the unified pool, from the arrays. */
  private double equity(Scratch s, Instrument[] instruments, double[] q, int n, Asset[] assets, double[] balances,
      int nb, double[] values) {
    Asset[] ha = s.heldAssets;
    double[] hv = s.heldAmounts;
    int nh = nb;
    System.arraycopy(assets, 0, ha, 0, nb);
    System.arraycopy(balances, 0, hv, 0, nb);
    for (int i = 0; i < n; i++) {
      if (instruments[i] instanceof Spot) {
        Asset u = instruments[i].underlying();
        int h = indexOf(ha, nh, u);
        if (h >= 0) {
          hv[h] = hv[h] + q[i];
        } else {
          if (nh == ha.length) {
            throw new IllegalStateException("too many balances");
          }
          ha[nh] = u;
          hv[nh++] = q[i];
        }
      }
    }
    // Ticker order, as the pool's sorted balances (insertion sort, amounts alongside).
    for (int i = 1; i < nh; i++) {
      Asset a = ha[i];
      double v = hv[i];
      int j = i - 1;
      while (j >= 0 && ha[j].compareTo(a) > 0) {
        ha[j + 1] = ha[j];
        hv[j + 1] = hv[j];
        j--;
      }
      ha[j + 1] = a;
      hv[j + 1] = v;
    }
    double equity = 0;
    for (int i = 0; i < nh; i++) {
      if (!ha[i].equals(Asset.USD)) {
        double price = info(ha[i]).priceUsd;
        if (Double.isNaN(price)) {
          return Double.NaN; // no price: the reference path names the collateral
        }
        equity += p.haircuts().countedUsd(ha[i], hv[i], price);
      } else {
        equity += hv[i];
      }
    }
    for (int i = 0; i < n; i++) {
      if (!(instruments[i] instanceof Spot)) {
        equity += values[i];
      }
    }
    return equity;
  }

  /** {@link ScenarioGridModel#assemble} without explanations: the same charges added in the same order. */
  private void assemble(PairRisk[] pairs, int n, double[] sheet) {
    for (int k = 0; k < n; k++) {
      PairRisk r = pairs[k];
      charge(sheet, r.standardLoss);
      if (r.extendedDrives()) {
        charge(sheet, r.extendedLoss - r.standardLoss);
      }
      if (r.rollShock > 0) {
        charge(sheet, r.rollShock);
      }
      if (r.deltaShock > 0) {
        charge(sheet, r.deltaShock);
      }
      if (r.settlementBasis > 0) {
        charge(sheet, r.settlementBasis);
      }
      double subtotal = r.worstLoss() + r.rollShock + r.deltaShock + r.settlementBasis;
      if (r.shortOptionMinimum > subtotal && r.shortOptionMinimum >= r.deltaFloor) {
        charge(sheet, r.shortOptionMinimum - subtotal);
      } else if (r.deltaFloor > subtotal) {
        charge(sheet, r.deltaFloor - subtotal);
      }
      if (r.fundingProvision > 0) {
        add(sheet, r.fundingProvision, r.fundingProvision);
      }
    }
    for (UnderlyingOffset o : p.offsets()) {
      PairRisk a = find(pairs, n, o.first());
      PairRisk b = find(pairs, n, o.second());
      if (a == null || b == null) {
        continue;
      }
      double joint = PairRisk.jointWorst(a, b);
      double benefit = Math.max(0, a.standardLoss + b.standardLoss - (-joint));
      double credit = o.credit() * benefit;
      if (credit > 0) {
        charge(sheet, -credit);
      }
    }
  }

  private void charge(double[] sheet, double amount) {
    add(sheet, p.imFactor() * amount, p.mmFactor() * amount);
  }

  private static void add(double[] sheet, double initial, double maintenance) {
    if (!Double.isFinite(initial) || !Double.isFinite(maintenance)) {
      throw new InvalidInputException("margin", "not finite"); // the reference path names the component
    }
    sheet[0] += initial;
    sheet[1] += maintenance;
  }

  private static PairRisk find(PairRisk[] pairs, int n, Asset u) {
    for (int k = 0; k < n; k++) {
      if (pairs[k].underlying.equals(u)) {
        return pairs[k];
      }
    }
    return null;
  }

  /** The vectors of one coin held in the unified pool. */
  private GridVectors holding(Asset u) {
    return cache.get(model, ExposureKey.holding(u, Asset.USD), compute);
  }

  /** The instrument's unit, from the table or resolved once through the cache. */
  private Unit unit(Instrument inst) {
    Unit[] t = table;
    int mask = t.length - 1;
    for (int h = System.identityHashCode(inst) & mask; ; h = (h + 1) & mask) {
      Unit e = t[h];
      if (e == null) {
        break;
      }
      if (e.inst == inst) {
        return e;
      }
    }
    Unit made = resolve(inst);
    synchronized (this) {
      Unit[] cur = table;
      if (held * 2 >= cur.length) {
        cur = rehash(cur, cur.length * 2);
      } else {
        cur = cur.clone();
      }
      insert(cur, made);
      held++;
      table = cur;
    }
    return made;
  }

  private Unit resolve(Instrument inst) {
    ExposureKey key = inst.settlement() == Settlement.INVERSE
        && (inst instanceof Perpetual || inst instanceof DatedFuture)
        ? ExposureKey.holding(inst.underlying(), Asset.USD) : new ExposureKey(inst.underlying(), inst, Asset.USD);
    GridVectors v = cache.get(model, key, compute);
    return new Unit(inst, v, market, p, info(inst.underlying()));
  }

  private static Unit[] rehash(Unit[] old, int size) {
    Unit[] t = new Unit[size];
    for (Unit e : old) {
      if (e != null) {
        insert(t, e);
      }
    }
    return t;
  }

  private static void insert(Unit[] t, Unit e) {
    int mask = t.length - 1;
    int h = System.identityHashCode(e.inst) & mask;
    while (t[h] != null) {
      if (t[h].inst == e.inst) {
        return;
      }
      h = (h + 1) & mask;
    }
    t[h] = e;
  }

  private static int indexOf(Asset[] a, int n, Asset x) {
    for (int i = 0; i < n; i++) {
      if (a[i].equals(x)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(AssetInfo[] a, int n, AssetInfo x) {
    for (int i = 0; i < n; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static void sort(AssetInfo[] a, int n) {
    for (int i = 1; i < n; i++) {
      AssetInfo x = a[i];
      int j = i - 1;
      while (j >= 0 && a[j].asset.compareTo(x.asset) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }
}
