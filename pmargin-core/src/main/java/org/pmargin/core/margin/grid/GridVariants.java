package org.pmargin.core.margin.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.UnitValuations;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

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
  private final Map<Asset, Double> balances;
  private final List<PoolFigures> pools = new ArrayList<>();

  /** One pool's per-position figures. */
  private static final class PoolFigures {
    Asset currency;
    double usdRate;
    final List<Slot> slots = new ArrayList<>();
    /** Account indices of the pool's positions, and each one's value in the pool's currency. */
    int[] members;
    double[] values;
    boolean hasSpot;
  }

  /** One underlying's grid in one pool, per position. */
  private static final class Slot {
    Asset underlying;
    double index;
    boolean coinPool;
    GridVectors holding;
    double baseBalance;
    int[] idx;
    double[] weight;
    GridVectors[] unit;
    double[] roll;
    double[] cashDelta;
    double[] coinDelta;
    double[] delta;
    double[] optionCoins;
    double[] funding;
    PairRisk base;
    PairRisk scratch;
  }

  GridVariants(ScenarioGridModel model, Account account, MarketSnapshot market, VectorCache cache) {
    this.model = model;
    this.market = market;
    GridParameters p = model.params();
    this.unified = p.view() == MarginView.UNIFIED_USD;
    this.positions = account.portfolio().positions();
    this.balances = account.collateral();
    Function<ExposureKey, GridVectors> compute = k -> GridVectors.compute(k, market, p, model.standard(),
        model.extended());
    for (PoolBook book : PoolBook.split(account, p.view(), market)) {
      PoolFigures pool = new PoolFigures();
      pool.currency = book.currency();
      pool.usdRate = book.usdRate(market);
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < positions.size(); i++) {
        if (unified || positions.get(i).instrument().settlementAsset().equals(book.currency())) {
          members.add(i);
        }
      }
      pool.members = members.stream().mapToInt(Integer::intValue).toArray();
      pool.values = new double[pool.members.length];
      List<Asset> underlyings = new ArrayList<>(4);
      for (int i : pool.members) {
        Asset u = positions.get(i).instrument().underlying();
        if (!underlyings.contains(u)) {
          underlyings.add(u);
        }
        pool.hasSpot |= unified && positions.get(i).instrument() instanceof Spot;
      }
      if (unified) {
        for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
          if (b.getValue() != 0 && market.underlyings().containsKey(b.getKey()) && !underlyings.contains(b.getKey())) {
            underlyings.add(b.getKey());
          }
        }
      }
      underlyings.sort(null);
      for (Asset u : underlyings) {
        pool.slots.add(slot(u, pool, cache, compute));
      }
      pools.add(pool);
    }
  }

  /** Collects one underlying's per-position figures, as {@link PairRisk#compute} adds them up. */
  private Slot slot(Asset u, PoolFigures pool, VectorCache cache, Function<ExposureKey, GridVectors> compute) {
    GridParameters p = model.params();
    Slot s = new Slot();
    s.underlying = u;
    s.index = market.underlying(u).index();
    s.coinPool = pool.currency.equals(u);
    int n = 0;
    for (int i : pool.members) {
      n += positions.get(i).instrument().underlying().equals(u) ? 1 : 0;
    }
    s.idx = new int[n];
    s.weight = new double[n];
    s.unit = new GridVectors[n];
    s.roll = new double[n];
    s.cashDelta = new double[n];
    s.coinDelta = new double[n];
    s.delta = new double[n];
    s.optionCoins = new double[n];
    s.funding = new double[n];
    int k = 0;
    for (int m = 0; m < pool.members.length; m++) {
      int i = pool.members[m];
      Position pos = positions.get(i);
      Instrument inst = pos.instrument();
      if (!inst.underlying().equals(u)) {
        continue;
      }
      GridVectors unit;
      PositionValuation v0;
      try {
        unit = cache.get(model, ExposureKey.of(pos, pool.currency), compute);
        v0 = inst instanceof EuropeanOption ? UnitValuations.scaled(unit.unit(), pos)
            : PositionValuer.value(pos, market);
      } catch (org.pmargin.core.validation.InvalidInputException e) {
        throw e.within("positions[" + inst.symbol() + "]");
      }
      pool.values[m] = PoolBook.valueIn(pool.currency, v0);
      s.idx[k] = i;
      s.weight[k] = ExposureKey.weightOf(pos, pool.currency);
      s.unit[k] = unit;
      s.roll[k] = PairRisk.roll(pos, market, p, s.index, s.coinPool);
      s.cashDelta[k] = v0.delta() * s.index;
      s.coinDelta[k] = v0.settlementDelta();
      s.delta[k] = v0.delta();
      s.optionCoins[k] = inst instanceof EuropeanOption ? pos.quantity() * inst.contractSize() : 0;
      if (p.fundingProvision() && inst instanceof Perpetual) {
        UnderlyingMarket um = market.underlying(u);
        double coins = inst.settlement() == Settlement.INVERSE
            ? pos.quantity() * inst.contractSize() / um.perpetualMark() : pos.quantity() * inst.contractSize();
        s.funding[k] = Math.max(0, coins * um.fundingRate8h()) * (s.coinPool ? 1.0 : s.index);
      }
      k++;
    }
    if (unified && market.underlyings().containsKey(u)) {
      s.holding = cache.get(model, ExposureKey.holding(u, pool.currency), compute);
      s.baseBalance = balances.getOrDefault(u, 0.0);
    }
    s.base = PairRisk.blank(u, model.standard(), model.extended());
    s.scratch = PairRisk.blank(u, model.standard(), model.extended());
    fill(s.base, s, null, s.baseBalance);
    return s;
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
    double equity = new PoolBook(pool.currency, spot, held).balancesEquity(market,
        model.params().haircuts());
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
