package org.pmargin.core.expiry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Settles an account's expired options and dated futures as a venue does at expiry: each is closed at its expiry's
 * delivery price S (from the snapshot's {@link MarketSnapshot#deliveryPrices()}), its cash is booked into the balance
 * of its settlement currency, and it is removed. Per contract of size c, q contracts:
 * <ul>
 *   <li>linear (USD/USDC) option: q·c·max(φ(S − K), 0) in the quote currency (φ = +1 call, −1 put);</li>
 *   <li>coin-settled (inverse) option: q·c·max(φ(S − K), 0)/S in coin (Deribit);</li>
 *   <li>linear future: q·c·(S − E) in the quote currency, E the entry price;</li>
 *   <li>inverse future (c USD of face value): q·c·(1/E − 1/S) in coin.</li>
 * </ul>
 * An option's premium was paid in full when it was bought, so its payoff is all the cash it brings; a future's
 * unrealised P&L is realised. Spot and perpetuals never expire. Pure and stateless.
 */
public final class ExpirySettlement {

  private ExpirySettlement() {
  }

  /**
   * Settles every position of the account that has expired at the snapshot's time.
   *
   * @param account  the account
   * @param market  the snapshot, holding a delivery price for each expiry passed
   * @return the account with its live positions and the settled cash, and the settlements in the account's order
   *     (the account itself and no settlement when nothing has expired)
   * @throws InvalidInputException naming {@code positions[i].instrument} when the snapshot has no delivery price
   *     for an expired position
   */
  public static SettledAccount settle(Account account, MarketSnapshot market) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    List<Position> positions = account.portfolio().positions();
    boolean any = false;
    for (Position p : positions) {
      any |= ExpiryCheck.expired(p.instrument(), market.asOf());
    }
    if (!any) {
      return new SettledAccount(account, List.of());
    }
    List<Position> live = new ArrayList<>();
    List<SettledPosition> settled = new ArrayList<>();
    Map<Asset, Double> balances = new TreeMap<>(account.collateral());
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      Instrument inst = p.instrument();
      if (!ExpiryCheck.expired(inst, market.asOf())) {
        live.add(p);
        continue;
      }
      DeliveryPrice d = market.deliveryPrice(inst.underlying(), inst.expiry().orElseThrow()).orElse(null);
      if (d == null) {
        throw new InvalidInputException("positions[" + i + "].instrument", inst.symbol() + " expired at "
            + inst.expiry().orElseThrow() + " and the market has no delivery price for " + inst.underlying()
            + " at that expiry: add it to the market's 'delivery_prices' to settle the position");
      }
      SettledPosition s;
      try {
        s = settle(p, d, market);
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      balances.merge(s.currency(), s.amount(), Double::sum);
      settled.add(s);
    }
    return new SettledAccount(new Account(account.id(), new Portfolio(live), balances), settled);
  }

  /**
   * Settles one expired position at a delivery price.
   *
   * @param position  an option or dated future
   * @param delivery  the delivery price of its underlying at its expiry
   * @param market  the snapshot, for the USD price of a stablecoin settlement currency
   * @return the settlement
   * @throws InvalidInputException when the position is not an option or future, or the price is for another
   *     underlying or expiry
   */
  public static SettledPosition settle(Position position, DeliveryPrice delivery, MarketSnapshot market) {
    Checks.notNull(position, "position");
    Checks.notNull(delivery, "delivery_price");
    Instrument inst = position.instrument();
    if (!delivery.underlying().equals(inst.underlying())
        || !inst.expiry().map(delivery.expiry()::equals).orElse(false)) {
      throw new InvalidInputException("delivery_price", "is for " + delivery.underlying() + " at "
          + delivery.expiry() + ", not for " + inst.symbol());
    }
    double amount = amount(position, delivery.price());
    Asset currency = inst.settlementAsset();
    double usd = currency.equals(inst.underlying()) ? amount * delivery.price() : amount * stablePrice(currency,
        market);
    return new SettledPosition(position, delivery, amount, currency, usd);
  }

  /**
   * The cash an expired position pays at a delivery price, in its settlement currency (see the class doc).
   *
   * @param position  an option or dated future
   * @param s  the delivery price, USD per coin
   * @return the amount
   */
  public static double amount(Position position, double s) {
    Checks.positive(s, "delivery_price");
    double q = position.quantity();
    return switch (position.instrument()) {
      case EuropeanOption o -> {
        double payoff = Math.max(o.type().sign() * (s - o.strike()), 0);
        double units = q * o.contractSize();
        yield o.settlement() == Settlement.LINEAR ? units * payoff : units * payoff / s;
      }
      case DatedFuture f -> {
        double e = position.entryPrice();
        yield f.settlement() == Settlement.LINEAR ? q * f.contractSize() * (s - e)
            : q * f.contractSize() * (1 / e - 1 / s);
      }
      default -> throw new InvalidInputException("instrument", position.instrument().symbol()
          + " does not expire");
    };
  }

  private static double stablePrice(Asset currency, MarketSnapshot market) {
    if (currency.equals(Asset.USD)) {
      return 1.0;
    }
    Double listed = market == null ? null : market.assetPrices().get(currency);
    return listed == null ? 1.0 : listed;
  }
}
