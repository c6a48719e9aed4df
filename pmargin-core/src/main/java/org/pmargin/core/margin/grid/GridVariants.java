package org.pmargin.core.margin.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;

/**
 * The grid margin of variants of one account: a fraction of some positions closed (quantity × (1 − f), entry kept)
 * and the balances changed, as a liquidation step leaves it. Every figure a position brings to its underlying's grid
 * is linear in its quantity (its scenario P&L is weight × its exposure's vector, its roll charge, cash delta, option
 * coins and funding provision are proportional to it), so the account's figures are kept per position once and a
 * variant re-adds only the underlyings it touches; the untouched keep the account's own grid. The charges are then
 * added up by the model's own code ({@link ScenarioGridModel#assemble}).
 *
 * <p>A variant's margin equals the model's margin of the variant account up to rounding (the products are taken in
 * another order), not bit for bit: a caller that books a variant margins it with the model (the liquidation planner
 * ranks its candidates here and margins the chosen one in full). {@link #margin} returns null for a variant with an
 * exposure the account does not have (a coin balance that would open a new grid, a balance of a new pool): margin
 * that one with the model.
 *
 * <p>Not thread-safe (it reuses its grids): one per thread and account.
 */
public final class GridVariants {

  private final ScenarioGridModel model;
  private final MarketSnapshot market;
  private final boolean unified;
  private final List<Position> positions;
  private final PositionValuation[] valuations;
  private final List<PoolFigures> pools = new ArrayList<>();
  private final MarginResult margin;

  /** One pool's per-position figures, recorded as the model margins the account. */
  final class PoolFigures {
    final Asset currency;
    final double usdRate;
    final List<Slot> slots = new ArrayList<>();
    /** Account indices of the pool's positions; each one's value in the pool's currency (set by the model). */
    final int[] members;
    double[] values;
    boolean hasSpot;

    PoolFigures(PoolBook book, int[] members) {
      this.currency = book.currency();
      this.usdRate = book.usdRate(market);
      this.members = members;
      for (int i : members) {
        hasSpot |= unified && positions.get(i).instrument() instanceof Spot;
      }
    }

    /** A new slot for an underlying of the pool, in the model's order. */
    Slot slot(Asset underlying) {
      int n = 0;
      for (int i : members) {
        n += positions.get(i).instrument().underlying().equals(underlying) ? 1 : 0;
      }
      Slot s = new Slot(this, underlying, n);
      slots.add(s);
      return s;
    }
  }

  /** One underlying's grid in one pool, per position. */
  final class Slot {
    private final PoolFigures pool;
    final Asset underlying;
    double index;
    boolean coinPool;
    GridVectors holding;
    double baseBalance;
    private int n;
    final int[] idx;
    final double[] weight;
    final GridVectors[] unit;
    final double[] roll;
    final double[] cashDelta;
    final double[] coinDelta;
    final double[] delta;
    final double[] optionCoins;
    final double[] funding;
    final Asset[] settle;
    PairRisk base;
    PairRisk scratch;

    Slot(PoolFigures pool, Asset underlying, int size) {
      this.pool = pool;
      this.underlying = underlying;
      idx = new int[size];
      weight = new double[size];
      unit = new GridVectors[size];
      roll = new double[size];
      cashDelta = new double[size];
      coinDelta = new double[size];
      delta = new double[size];
      optionCoins = new double[size];
      funding = new double[size];
      settle = new Asset[size];
    }

    /** Records one position of the pool (by its index in the pool) as the model adds it to the grid. */
    void add(int poolIndex, PositionValuation v0, double w, GridVectors u, double r, double cash, double coins,
        double fund) {
      int i = pool.members[poolIndex];
      valuations[i] = v0;
      idx[n] = i;
      weight[n] = w;
      unit[n] = u;
      roll[n] = r;
      cashDelta[n] = cash;
      coinDelta[n] = v0.settlementDelta();
      delta[n] = v0.delta();
      optionCoins[n] = coins;
      funding[n] = fund;
      settle[n] = unified ? PairRisk.basisCurrencyOf(positions.get(i).instrument()) : null;
      n++;
    }

    /** Keeps the model's grid of the account, and the coin's holding vector where a balance of it counts. */
    void finish(PairRisk grid, double index, boolean coinPool, double balance,
        Function<ExposureKey, GridVectors> vectors) {
      this.index = index;
      this.coinPool = coinPool;
      this.base = grid;
      this.baseBalance = balance;
      if (unified && market.underlyings().containsKey(underlying)) {
        holding = vectors.apply(ExposureKey.holding(underlying, pool.currency));
      }
    }
  }

  GridVariants(ScenarioGridModel model, Account account, MarketSnapshot market, VectorCache cache) {
    this.model = model;
    this.market = market;
    GridParameters p = model.params();
    this.unified = p.view() == MarginView.UNIFIED_USD;
    this.positions = account.portfolio().positions();
    this.valuations = new PositionValuation[positions.size()];
    List<PoolMargin> margins = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, p.view(), market)) {
      int[] members = new int[book.positions().size()];
      int m = 0;
      for (int i = 0; i < positions.size(); i++) {
        if (unified || positions.get(i).instrument().settlementAsset().equals(book.currency())) {
          members[m++] = i;
        }
      }
      PoolFigures pool = new PoolFigures(book, members);
      margins.add(model.pool(book, market, cache, false, pool));
      pools.add(pool);
    }
    this.margin = MarginResult.of(model.name(), p.view(), margins);
  }

  /** The account's own margin, figures only: the model's {@code margin(account, market, cache, false)} bit for bit. */
  public MarginResult margin() {
    return margin;
  }

  /** A position's valuation at the snapshot, as the model valued it (by the account's position index). */
  public PositionValuation valuation(int position) {
    return valuations[position];
  }

  /** Adds up one underlying's grid with position i scaled by 1 − closed[i] and the coin balance given. */
  private void fill(PairRisk r, Slot s, double[] closed, double balance) {
    GridParameters p = model.params();
    r.reset(s.underlying, model.standard(), model.extended());
    double coinDelta = 0;
    double netOptionCoins = 0;
    double netDelta = 0;
    double grossDelta = 0;
    for (int k = 0; k < s.idx.length; k++) {
      double m = closed == null ? 1 : 1 - closed[s.idx[k]];
      if (m <= 0) {
        continue; // closed in full: the position is gone
      }
      r.addTotals(m * s.weight[k], s.unit[k]);
      if (s.settle[k] != null) {
        r.addSettlement(s.settle[k], m * s.weight[k], s.unit[k]);
      }
      r.cashDeltaUsd += m * s.cashDelta[k];
      coinDelta += m * s.coinDelta[k];
      netDelta += m * s.delta[k];
      grossDelta += m * Math.abs(s.delta[k]);
      r.fundingProvision += m * s.funding[k];
      r.rollShock += m * s.roll[k];
      netOptionCoins += m * s.optionCoins[k];
    }
    r.shortOptionMinimum = Math.max(0, -netOptionCoins) * p.shortOptionMinimum() * (s.coinPool ? 1.0 : s.index);
    if (balance != 0) {
      r.addTotals(balance, s.holding);
      r.cashDeltaUsd += balance * s.index;
      netDelta += balance;
      grossDelta += Math.abs(balance);
    }
    double hedged = (grossDelta - Math.abs(netDelta)) / 2;
    r.deltaFloor = (p.netDeltaFloor() * Math.abs(netDelta) + p.hedgedDeltaFloor() * hedged) * s.index
        / (s.coinPool ? s.index : 1.0);
    r.finish(p, s.coinPool ? coinDelta : r.cashDeltaUsd);
    r.finishSettlementBasis(p);
  }

  /**
   * The margin of a variant of the account, figures only (no components, contributions or texts).
   *
   * @param closed  the fraction of each position closed, in [0, 1], by the account's position index (1: gone)
   * @param after  the variant's balances (every balance of the account, changed or not, and any new one)
   * @return its margin, equal to the model's up to rounding; null when the variant has an exposure the account
   *     does not (margin it with the model)
   */
  public MarginResult margin(double[] closed, Map<Asset, Double> after) {
    if (!unified) {
      for (Asset a : after.keySet()) {
        if (pool(a) == null) {
          return null; // a balance in a pool the account does not have
        }
      }
    }
    List<PoolMargin> out = new ArrayList<>(pools.size());
    for (PoolFigures pool : pools) {
      if (unified) {
        for (Map.Entry<Asset, Double> b : after.entrySet()) {
          if (b.getValue() != 0 && market.underlyings().containsKey(b.getKey()) && slot(pool, b.getKey()) == null) {
            return null; // a coin balance that would open a grid of its own
          }
        }
      }
      List<PairRisk> pairs = new ArrayList<>(pool.slots.size());
      for (Slot s : pool.slots) {
        double balance = s.holding == null ? 0 : after.getOrDefault(s.underlying, 0.0);
        boolean touched = balance != s.baseBalance;
        for (int k = 0; k < s.idx.length && !touched; k++) {
          touched = closed[s.idx[k]] > 0;
        }
        if (touched) {
          if (s.scratch == null) {
            s.scratch = PairRisk.blank(s.underlying, model.standard(), model.extended());
          }
          fill(s.scratch, s, closed, balance);
          pairs.add(s.scratch);
        } else {
          pairs.add(s.base);
        }
      }
      out.add(model.assemble(pool.currency, pairs, equity(pool, closed, after), pool.usdRate, false));
    }
    return MarginResult.of(model.name(), model.params().view(), out);
  }

  /** A variant pool's equity: its balances (with spot held as coins in the unified pool) plus its positions' values. */
  private double equity(PoolFigures pool, double[] closed, Map<Asset, Double> after) {
    Map<Asset, Double> held;
    if (unified) {
      held = after;
    } else {
      Double b = after.get(pool.currency);
      held = b == null ? Map.of() : Map.of(pool.currency, b);
    }
    List<Position> spot = List.of();
    if (pool.hasSpot) {
      spot = new ArrayList<>();
      for (int i : pool.members) {
        Position p = positions.get(i);
        if (p.instrument() instanceof Spot && closed[i] < 1) {
          spot.add(p.withQuantity(p.quantity() * (1 - closed[i])));
        }
      }
    }
    double equity = pool.hasSpot ? new PoolBook(pool.currency, spot, held).balancesEquity(market,
        model.params().haircuts()) : PoolBook.balancesEquity(pool.currency, held, market, model.params().haircuts());
    for (int m = 0; m < pool.members.length; m++) {
      int i = pool.members[m];
      if (!(pool.hasSpot && positions.get(i).instrument() instanceof Spot)) {
        equity += (1 - closed[i]) * pool.values[m];
      }
    }
    return equity;
  }

  private PoolFigures pool(Asset currency) {
    for (PoolFigures p : pools) {
      if (p.currency.equals(currency)) {
        return p;
      }
    }
    return null;
  }

  private static Slot slot(PoolFigures pool, Asset underlying) {
    for (Slot s : pool.slots) {
      if (s.underlying.equals(underlying)) {
        return s;
      }
    }
    return null;
  }
}
