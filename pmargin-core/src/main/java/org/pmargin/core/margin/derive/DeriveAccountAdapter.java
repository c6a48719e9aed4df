package org.pmargin.core.margin.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.ModelNotApplicableException;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Builds Derive subaccounts ({@link DerivePortfolio}) from an ordinary {@link Account} and {@link MarketSnapshot}, so
 * that {@link DeriveModel} margins any USDC-margined account: one subaccount per underlying, as Derive runs one
 * portfolio-margin manager per underlying.
 *
 * <p>Mapping (each a reading of §11 for data Derive takes from its own feeds):
 * <ul>
 *   <li>Options (USD(C)-settled only): grouped by expiry instant; seconds to expiry are the whole seconds from the
 *       snapshot time (0 once expired); the forward is the snapshot curve's forward for the expiry with a fixed part
 *       of 0; the rate is the snapshot's rate; the vol is the surface's vol at the strike; every confidence is 1;
 *       the amount is quantity × contract size.</li>
 *   <li>Perpetuals (linear only): netted into the manager's one perp, at the underlying's perpetual mark, with
 *       unrealised P&amp;L coins·(mark − entry) and no accrued funding (a snapshot has none).</li>
 *   <li>Balances: USDC is cash; the manager's own coin is risk-cancelling collateral of that manager; every other
 *       asset is non-risk-cancelling collateral of the first manager (by ticker); haircuts from
 *       {@link DeriveParameters#collateralTerms()}; a negative balance other than USDC is rejected (Derive collateral
 *       cannot be borrowed). Cash goes to the first manager; since a requirement does not depend on cash, the pool's
 *       total is the same wherever it goes.</li>
 *   <li>Stable price: the snapshot's USDC price.</li>
 * </ul>
 * Coin-settled (inverse) instruments, dated futures and spot positions have no Derive counterpart and are rejected
 * naming the position: they are never counted as zero risk.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class DeriveAccountAdapter {

  private DeriveAccountAdapter() {
  }

  /**
   * The account's Derive subaccounts, one per underlying in ticker order.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param params  the parameters (collateral haircuts)
   * @return one or more subaccounts
   * @throws InvalidInputException naming the position or balance that Derive cannot hold, or the missing market data
   */
  public static List<DerivePortfolio> subaccounts(Account account, MarketSnapshot market, DeriveParameters params) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    Checks.notNull(params, "parameters");
    org.pmargin.core.expiry.ExpiryCheck.requireLive(account.portfolio().positions(), market.asOf());
    double stable;
    try {
      stable = market.priceUsd(Asset.USDC);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("market.prices.USDC", "the Derive model needs the USDC price (its cash asset)",
          e);
    }
    Map<Asset, Book> books = new TreeMap<>();
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position pos = positions.get(i);
      String field = "positions[" + i + "].instrument";
      Instrument in = pos.instrument();
      if (in.settlement() != Settlement.LINEAR || in instanceof Spot || in instanceof DatedFuture) {
        throw new ModelNotApplicableException(field, in.symbol() + " cannot be held in a Derive subaccount: Derive"
            + " lists USDC-settled (linear) options and perpetuals only");
      }
      UnderlyingMarket m;
      try {
        m = market.underlying(in.underlying());
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      Book b = books.computeIfAbsent(in.underlying(), u -> new Book(u, m));
      double coins = pos.quantity() * in.contractSize();
      if (in instanceof Perpetual perp) {
        b.perpCoins += coins;
        b.perpPnl += coins * (m.perpetualMark() - pos.entryPrice());
        b.perpLabels.add(perp.symbol());
      } else if (in instanceof EuropeanOption o) {
        long seconds = Math.max(0, Duration.between(market.asOf(), o.expiryInstant()).getSeconds());
        b.expiryOf.putIfAbsent(seconds, o.expiryInstant());
        b.options.computeIfAbsent(seconds, x -> new ArrayList<>()).add(option(o, coins, m, market, i));
      }
    }
    Map<Asset, Double> balances = account.collateral();
    if (books.isEmpty()) {
      Asset home = null;
      for (Asset a : balances.keySet()) {
        if (market.underlyings().containsKey(a)) {
          home = a;
          break;
        }
      }
      if (home == null) {
        Checks.require(!market.underlyings().isEmpty(), "market.underlyings",
            "the Derive model needs at least one underlying's market to hold the account's balances");
        home = market.underlyings().keySet().iterator().next();
      }
      books.put(home, new Book(home, market.underlying(home)));
    }
    Book first = books.values().iterator().next();
    for (Map.Entry<Asset, Double> e : balances.entrySet()) {
      Asset a = e.getKey();
      double amount = e.getValue();
      if (a.equals(Asset.USDC)) {
        first.cash += amount;
        continue;
      }
      if (amount == 0) {
        continue;
      }
      if (!(amount > 0)) {
        throw new ModelNotApplicableException("collateral." + a, "a Derive subaccount cannot borrow " + a
            + " (only USDC cash can be negative), got " + amount);
      }
      double price;
      try {
        price = market.priceUsd(a);
      } catch (InvalidInputException ex) {
        throw new InvalidInputException("collateral." + a, "no market price for collateral asset " + a, ex);
      }
      Book home = books.getOrDefault(a, first);
      DeriveParameters.Haircuts h = params.collateralTerms().of(a, home.underlying);
      home.collaterals.add(new DerivePortfolio.Collateral(a.code(), amount, price, 1, a.equals(home.underlying),
          h.mmHaircut(), h.imHaircut()));
    }
    List<DerivePortfolio> out = new ArrayList<>();
    for (Book b : books.values()) {
      out.add(b.portfolio(stable, market));
    }
    return out;
  }

  private static DerivePortfolio.Option option(EuropeanOption o, double coins, UnderlyingMarket m,
      MarketSnapshot market, int index) {
    double t = YearFraction.between(market.asOf(), o.expiryInstant());
    double vol = 0;
    if (t > 0) {
      try {
        vol = m.vols().vol(o.strike(), m.forwards().forward(o.expiryInstant()), t);
      } catch (InvalidInputException e) {
        throw e.within("positions[" + index + "]");
      }
    }
    return new DerivePortfolio.Option(o.symbol(), o.strike(), o.type(), vol, coins, 1);
  }

  /** One manager's holdings while they are collected. */
  private static final class Book {
    final Asset underlying;
    final UnderlyingMarket market;
    final Map<Long, List<DerivePortfolio.Option>> options = new TreeMap<>();
    final Map<Long, Instant> expiryOf = new TreeMap<>();
    final List<String> perpLabels = new ArrayList<>();
    final List<DerivePortfolio.Collateral> collaterals = new ArrayList<>();
    double perpCoins;
    double perpPnl;
    double cash;

    Book(Asset underlying, UnderlyingMarket market) {
      this.underlying = underlying;
      this.market = market;
    }

    DerivePortfolio portfolio(double stable, MarketSnapshot snapshot) {
      List<DerivePortfolio.Expiry> expiries = new ArrayList<>();
      for (Map.Entry<Long, List<DerivePortfolio.Option>> e : options.entrySet()) {
        double forward = market.forwards().forward(expiryOf.get(e.getKey()));
        expiries.add(new DerivePortfolio.Expiry(e.getKey(), forward, 0, snapshot.rate(), 1, 1, e.getValue()));
      }
      DerivePortfolio.Perp perp = perpLabels.isEmpty() ? DerivePortfolio.Perp.none()
          : new DerivePortfolio.Perp(String.join("+", perpLabels), perpCoins, market.perpetualMark(), 1, perpPnl, 0);
      return new DerivePortfolio(underlying, market.index(), 1, stable, cash, perp, expiries, collaterals);
    }
  }
}
