package org.pmargin.engine.liquidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The value-moving edits the loss accounting makes to accounts, all at the mark so that they move value and never
 * create or destroy it: a USD credit or debit, closing a fraction of a position at the mark (its value moves into
 * the settlement balance, as {@code PositionCloser} books it), and an account's value at the mark.
 *
 * <p>Value at the mark ({@link #valueUsd}) is the sum of the balances at their USD prices and of the positions' USD
 * values, without collateral haircuts: the measure in which the engine's loss accounting conserves money (a haircut
 * is a margin rule, not a payment).
 */
final class Transfers {

  private Transfers() {
  }

  /** The account with {@code usd} added to (negative: taken from) its USD balance. */
  static Account credit(Account a, double usd) {
    if (usd == 0) {
      return a;
    }
    Map<Asset, Double> c = new TreeMap<>(a.collateral());
    c.merge(Asset.USD, usd, Double::sum);
    return new Account(a.id(), a.portfolio(), c);
  }

  /**
   * The account with a fraction of its position in an instrument closed at the mark.
   *
   * @param a  the account
   * @param symbol  the instrument's symbol
   * @param fraction  in (0, 1]; 1 removes the position
   * @param market  the snapshot
   * @return the account after
   */
  static Account closeAtMark(Account a, String symbol, double fraction, MarketSnapshot market) {
    Map<Asset, Double> c = new TreeMap<>(a.collateral());
    List<Position> kept = new ArrayList<>();
    for (Position p : a.portfolio().positions()) {
      if (!p.instrument().symbol().equals(symbol)) {
        kept.add(p);
        continue;
      }
      PositionValuation v = PositionValuer.value(p, market);
      c.merge(v.settlementAsset(), fraction * v.valueSettlement(), Double::sum);
      if (fraction < 1) {
        kept.add(p.withQuantity(p.quantity() * (1 - fraction)));
      }
    }
    return new Account(a.id(), new Portfolio(kept), c);
  }

  /** The account's value at the mark, USD, without haircuts (see the class doc). */
  static double valueUsd(Account a, MarketSnapshot market) {
    double v = 0;
    for (Map.Entry<Asset, Double> b : a.collateral().entrySet()) {
      v += b.getValue() * market.priceUsd(b.getKey());
    }
    for (Position p : a.portfolio().positions()) {
      v += PositionValuer.value(p, market).valueUsd();
    }
    return v;
  }
}
