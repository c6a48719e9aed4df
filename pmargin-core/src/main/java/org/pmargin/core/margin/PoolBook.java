package org.pmargin.core.margin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.expiry.ExpiryCheck;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;

/**
 * The positions and balances of one collateral pool, and how to value them in the pool's currency.
 *
 * <p>{@link MarginView#PER_SETTLEMENT_CURRENCY}: a position goes to the pool of its settlement asset (the coin for
 * inverse instruments and coin-settled options, the quote stablecoin for linear ones and spot) and each balance to
 * the pool of its own asset; amounts are in that asset (stablecoin-settled P&L at par). {@link MarginView#UNIFIED_USD}:
 * one USD pool holds everything; balances count at their haircut value and positions at their USD value, except
 * spot positions, which count as coins held: with the balance of the same coin, at its haircut value.
 *
 * @param currency  the pool's currency
 * @param positions  its positions, in the account's order
 * @param balances  its balances
 */
public record PoolBook(Asset currency, List<Position> positions, Map<Asset, Double> balances) {

  /** Copies the collections. */
  public PoolBook {
    positions = List.copyOf(positions);
    balances = Collections.unmodifiableMap(new TreeMap<>(balances));
  }

  /**
   * Splits an account into pools to margin it against a snapshot: refuses it first when a position has expired at the
   * snapshot's time ({@link ExpiryCheck}), naming the position by its place in the account. Every margin model on an
   * account starts here.
   *
   * @param account  the account
   * @param view  the currency view
   * @param market  the snapshot it will be margined against
   * @return the pools
   * @throws InvalidInputException naming {@code positions[i].instrument} of an expired position
   */
  public static List<PoolBook> split(Account account, MarginView view, MarketSnapshot market) {
    org.pmargin.core.validation.Checks.notNull(account, "account");
    org.pmargin.core.validation.Checks.notNull(market, "market");
    ExpiryCheck.requireLive(account.portfolio().positions(), market.asOf());
    return split(account, view);
  }

  /**
   * Splits an account into pools, in a stable order (coin pools first by ticker, then stablecoin pools). No expiry
   * check (see {@link #split(Account, MarginView, MarketSnapshot)}; valuing an expired position still fails).
   *
   * @param account  the account
   * @param view  the currency view
   * @return the pools
   */
  public static List<PoolBook> split(Account account, MarginView view) {
    if (view == MarginView.UNIFIED_USD) {
      return List.of(new PoolBook(Asset.USD, account.portfolio().positions(), account.collateral()));
    }
    Map<Asset, List<Position>> positions = new TreeMap<>();
    Map<Asset, Map<Asset, Double>> balances = new TreeMap<>();
    for (Position p : account.portfolio().positions()) {
      positions.computeIfAbsent(p.instrument().settlementAsset(), k -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      balances.computeIfAbsent(b.getKey(), k -> new LinkedHashMap<>()).put(b.getKey(), b.getValue());
      positions.computeIfAbsent(b.getKey(), k -> new ArrayList<>());
    }
    List<PoolBook> out = new ArrayList<>();
    for (Map.Entry<Asset, List<Position>> e : positions.entrySet()) {
      out.add(new PoolBook(e.getKey(), e.getValue(), balances.getOrDefault(e.getKey(), Map.of())));
    }
    return out;
  }

  /**
   * The value of a position's valuation in this pool's currency: the settlement view in a settlement-currency pool,
   * the USD view in the unified pool.
   */
  public double valueOf(PositionValuation v) {
    return valueIn(currency, v);
  }

  /** The value of a position's valuation in a pool of the given currency (see {@link #valueOf}). */
  public static double valueIn(Asset pool, PositionValuation v) {
    return pool.equals(Asset.USD) && !v.settlementAsset().equals(Asset.USD) ? v.valueUsd() : v.valueSettlement();
  }

  /**
   * The pool's equity: balances (haircut in the unified pool) plus the value of its positions.
   *
   * @param market  the snapshot
   * @param haircuts  the collateral schedule (used by the unified pool only)
   * @return the equity in the pool's currency
   */
  public double equity(MarketSnapshot market, HaircutSchedule haircuts) {
    return equity(market, haircuts, VectorCache.NONE);
  }

  /**
   * The pool's equity, with options valued through a cache of one-contract valuations (see {@link UnitValuations}).
   *
   * @param market  the snapshot
   * @param haircuts  the collateral schedule (used by the unified pool only)
   * @param cache  the cache for {@code market}
   * @return the equity in the pool's currency
   */
  public double equity(MarketSnapshot market, HaircutSchedule haircuts, VectorCache cache) {
    double equity = balancesEquity(market, haircuts);
    for (int i = 0; i < positions.size(); i++) {
      if (!heldAsCoin(positions.get(i))) {
        equity += valueOf(UnitValuations.value(positions.get(i), market, cache));
      }
    }
    return equity;
  }

  /**
   * Whether a position counts in equity as coins held rather than at its value: spot in the unified pool. Coins
   * bought spot are collateral like a deposit of the same coin, so they take the same haircut, in the same value tier
   * as the balance (holding the coin as a spot position instead of a balance must not escape the haircut, nor
   * splitting it between the two escape a tier).
   */
  private boolean heldAsCoin(Position p) {
    return currency.equals(Asset.USD) && p.instrument() instanceof Spot;
  }

  /**
   * The balances' part of the pool's equity: each balance at par in its own pool, at its haircut USD value in the
   * unified pool, where spot positions count as coins held with the balance of the same coin.
   *
   * @param market  the snapshot
   * @param haircuts  the collateral schedule (used by the unified pool only)
   * @return that part of the equity, in the pool's currency
   */
  public double balancesEquity(MarketSnapshot market, HaircutSchedule haircuts) {
    Map<Asset, Double> held = balances;
    if (currency.equals(Asset.USD)) {
      for (Position p : positions) {
        if (heldAsCoin(p)) {
          if (held == balances) {
            held = new TreeMap<>(balances);
          }
          held.merge(p.instrument().underlying(), p.quantity(), Double::sum);
        }
      }
    }
    return balancesEquity(currency, held, market, haircuts);
  }

  /**
   * Balances counted in a pool's equity: at par in their own pool, at their haircut USD value in the unified (USD)
   * pool (see {@link #balancesEquity(MarketSnapshot, HaircutSchedule)}, which adds spot positions first).
   *
   * @param currency  the pool's currency
   * @param held  the balances, by asset
   * @param market  the snapshot
   * @param haircuts  the collateral schedule (used by the unified pool only)
   * @return their part of the equity, in the pool's currency
   */
  public static double balancesEquity(Asset currency, Map<Asset, Double> held, MarketSnapshot market,
      HaircutSchedule haircuts) {
    double equity = 0;
    for (Map.Entry<Asset, Double> b : held.entrySet()) {
      if (currency.equals(Asset.USD) && !b.getKey().equals(Asset.USD)) {
        double price;
        try {
          price = market.priceUsd(b.getKey());
        } catch (InvalidInputException e) {
          throw new InvalidInputException("collateral." + b.getKey(),
              "no market price for collateral asset " + b.getKey(), e);
        }
        equity += haircuts.countedUsd(b.getKey(), b.getValue(), price);
      } else {
        equity += b.getValue();
      }
    }
    return equity;
  }

  /**
   * The pool's equity from its positions' values computed elsewhere (in the pool's currency, in the order of
   * {@link #positions()}): the same sum as {@link #equity(MarketSnapshot, HaircutSchedule, VectorCache)}, in the
   * same order.
   *
   * @param market  the snapshot
   * @param haircuts  the collateral schedule (used by the unified pool only)
   * @param positionValues  each position's value in the pool's currency
   * @return the equity in the pool's currency
   */
  public double equity(MarketSnapshot market, HaircutSchedule haircuts, double[] positionValues) {
    double equity = balancesEquity(market, haircuts);
    for (int i = 0; i < positionValues.length; i++) {
      if (!heldAsCoin(positions.get(i))) {
        equity += positionValues[i];
      }
    }
    return equity;
  }

  /** The USD value of one unit of the pool's currency. */
  public double usdRate(MarketSnapshot market) {
    try {
      return market.priceUsd(currency);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("collateral." + currency, "no market price for " + currency, e);
    }
  }
}
