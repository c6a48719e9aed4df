package org.pmargin.core.liquidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Books liquidation trades at the mark less their cost. Closing a fraction φ of a position at its mark leaves equity
 * unchanged: φ × the position's value in its settlement asset (a delta-one contract's unrealised P&L, an option's or
 * a spot holding's value) moves into that asset's balance, and the quantity shrinks by φ with its entry price kept.
 * The cost is then paid from the same balance, converted at the asset's USD price. Opening a delta hedge at the mark
 * books a position with the mark as entry, worth zero, and pays its cost.
 */
final class PositionCloser {

  private PositionCloser() {
  }

  /**
   * Closes fractions of positions and opens hedges.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param liquidity  the cost model
   * @param fractions  the fraction in (0, 1] to close by position index (missing: untouched)
   * @param hedge  a position to open at the mark (quantity signed), or null
   * @param parts  receives one {@link ClosedPart} per position traded
   * @return the account after the trades, or null when the hedge would reduce or flip a position already held in
   *     its instrument (that is a close, which the planner offers on its own)
   */
  static Account trade(Account account, MarketSnapshot market, LiquidityModel liquidity, double[] fractions,
      Position hedge, List<ClosedPart> parts) {
    return trade(account, market, liquidity, fractions, hedge, parts, null);
  }

  /**
   * Closes fractions of positions and opens hedges, with the positions' valuations at the mark computed once by the
   * caller (a planner tries many candidates on the same positions).
   *
   * @param valuations  each position's valuation at {@code market}, by index, or null to value them here
   * @see #trade(Account, MarketSnapshot, LiquidityModel, double[], Position, List)
   */
  static Account trade(Account account, MarketSnapshot market, LiquidityModel liquidity, double[] fractions,
      Position hedge, List<ClosedPart> parts, PositionValuation[] valuations) {
    Map<Asset, Double> balances = new HashMap<>(account.collateral());
    List<Position> positions = account.portfolio().positions();
    List<Position> kept = new ArrayList<>(positions.size() + 1);
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      double f = fractions[i];
      if (f <= 0) {
        kept.add(p);
        continue;
      }
      PositionValuation v = valuations == null ? PositionValuer.value(p, market) : valuations[i];
      Asset settle = v.settlementAsset();
      double cost = liquidity.closeCostUsd(v, market.underlying(p.instrument().underlying()).index(), f);
      balances.merge(settle, f * v.valueSettlement() - cost / market.priceUsd(settle), Double::sum);
      if (f < 1) {
        kept.add(p.withQuantity(p.quantity() * (1 - f)));
      }
      parts.add(new ClosedPart(p.instrument(), -p.quantity() * f, v.markPrice(), cost));
    }
    if (hedge != null) {
      PositionValuation v = PositionValuer.value(hedge, market);
      double cost = liquidity.closeCostUsd(v, market.underlying(hedge.instrument().underlying()).index(), 1);
      balances.merge(v.settlementAsset(), -cost / market.priceUsd(v.settlementAsset()), Double::sum);
      kept = merge(kept, hedge);
      if (kept == null) {
        return null;
      }
      parts.add(new ClosedPart(hedge.instrument(), hedge.quantity(), hedge.entryPrice(), cost));
    }
    return new Account(account.id(), new Portfolio(kept), balances);
  }

  /** Adds a hedge to the positions, netting it into a position in the same instrument at the average entry. */
  private static List<Position> merge(List<Position> positions, Position hedge) {
    Instrument inst = hedge.instrument();
    List<Position> out = new ArrayList<>(positions);
    for (int i = 0; i < out.size(); i++) {
      Position p = out.get(i);
      if (p.instrument().symbol().equals(inst.symbol())) {
        double q = p.quantity() + hedge.quantity();
        if (q == 0 || Math.signum(q) != Math.signum(p.quantity())) {
          return null;
        }
        double entry = (p.quantity() * p.entryPrice() + hedge.quantity() * hedge.entryPrice()) / q;
        out.set(i, new Position(inst, q, entry));
        return out;
      }
    }
    out.add(hedge);
    return out;
  }
}
