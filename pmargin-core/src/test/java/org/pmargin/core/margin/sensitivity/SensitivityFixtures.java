package org.pmargin.core.margin.sensitivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.ForwardCurve.ForwardPoint;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;

/** Markets, instruments and random books shared by the sensitivity model's tests. */
final class SensitivityFixtures {

  static final Instant AS_OF = Instant.parse("2024-05-28T08:00:00Z");
  static final Asset SOL = Asset.of("SOL");
  static final Asset XRP = Asset.of("XRP");
  static final Asset PEPE = Asset.of("PEPE");
  static final double BTC = 60_000;
  static final double ETH = 3_000;
  static final double SOL_PRICE = 100;

  /** Flat forwards (F = S), flat vols, rate 0: the hand-worked numbers use this one. */
  static final MarketSnapshot FLAT = market(false);
  /** Forwards with a basis (5%/year carry) and a perpetual mark off the index: the property tests use this one. */
  static final MarketSnapshot BASIS = market(true);

  private SensitivityFixtures() {
  }

  private static MarketSnapshot market(boolean basis) {
    Map<Asset, UnderlyingMarket> u = new HashMap<>();
    u.put(Asset.BTC, underlying(Asset.BTC, BTC, 0.6, basis));
    u.put(Asset.ETH, underlying(Asset.ETH, ETH, 0.7, basis));
    u.put(SOL, underlying(SOL, SOL_PRICE, 0.9, basis));
    return new MarketSnapshot(AS_OF, 1, basis ? 0.03 : 0.0, u, Map.of(Asset.USDC, 1.0, Asset.USDT, 1.0,
        Asset.of("DAI"), 1.0, XRP, 0.5, PEPE, 0.00001, Asset.of("WIF"), 2.0));
  }

  private static UnderlyingMarket underlying(Asset coin, double index, double vol, boolean basis) {
    ForwardCurve curve = basis
        ? new ForwardCurve(AS_OF, index, List.of(new ForwardPoint(AS_OF.plus(Duration.ofDays(365)), index * 1.05)))
        : ForwardCurve.flat(AS_OF, index);
    return new UnderlyingMarket(coin, curve, basis ? index * 1.0004 : index, 0.0001, VolSurface.flat(AS_OF, vol));
  }

  /** A USDC-margined perpetual of one coin per contract. */
  static Perpetual linearPerp(Asset coin) {
    return new Perpetual(coin + "-LIN-PERP", coin, Asset.USDC, Settlement.LINEAR, 1.0, 0.01);
  }

  /** A European option of one coin per contract; linear ones settle in USDC, inverse ones in the coin. */
  static EuropeanOption option(Asset coin, OptionType type, double strike, long days, Settlement settlement,
      String tag) {
    Asset quote = settlement == Settlement.LINEAR ? Asset.USDC : Asset.USD;
    String symbol = coin + "-" + days + "D-" + (long) strike + "-" + (type == OptionType.CALL ? "C" : "P") + "-"
        + settlement + tag;
    return new EuropeanOption(symbol, coin, quote, settlement, type, strike, AS_OF.plus(Duration.ofDays(days)), 1.0,
        0.0001);
  }

  static Position position(Instrument instrument, double quantity, MarketSnapshot market) {
    return new Position(instrument, quantity, entry(instrument, market));
  }

  /** An entry price at today's mark-ish level (P&L does not enter the margin, only the equity). */
  private static double entry(Instrument instrument, MarketSnapshot market) {
    double s = market.priceUsd(instrument.underlying());
    return instrument instanceof EuropeanOption ? 0.01 : s;
  }

  static Account account(List<Position> positions, Map<Asset, Double> balances) {
    return new Account("acc", new Portfolio(positions), balances);
  }

  /**
   * A random book: up to eight positions in BTC, ETH and SOL (spot, linear and inverse perps, dated futures, linear
   * and coin-settled options of several expiries and strikes) and up to three balances, with cash deltas and vegas
   * well below the default concentration thresholds. Symbols carry {@code tag}, so two books can be merged.
   */
  static Book randomBook(RandomGenerator rng, String tag, MarketSnapshot market) {
    return randomBook(rng, tag, market, new Asset[] {Asset.BTC, Asset.ETH, SOL},
        new Asset[] {Asset.BTC, Asset.ETH, SOL, Asset.USDC, Asset.USDT, XRP, PEPE, Asset.USD});
  }

  /** A random book on the given underlyings (for positions) and balance assets. */
  static Book randomBook(RandomGenerator rng, String tag, MarketSnapshot market, Asset[] coins, Asset[] assets) {
    long[] days = {3, 20, 45, 120, 400};
    List<Position> positions = new ArrayList<>();
    int n = 1 + rng.nextInt(8);
    for (int i = 0; i < n; i++) {
      Asset coin = coins[rng.nextInt(coins.length)];
      double s = market.priceUsd(coin);
      double coinsWorth = 200_000 / s; // about 200k USD of notional at most per position
      double q = (rng.nextDouble() * 2 - 1) * coinsWorth;
      if (q == 0) {
        q = coinsWorth / 2;
      }
      String t = tag + i;
      Instrument ins = switch (rng.nextInt(5)) {
        case 0 -> new Spot(coin + "/USDC" + t, coin, Asset.USDC, 0.01);
        case 1 -> new Perpetual(coin + "-LIN-PERP" + t, coin, Asset.USDC, Settlement.LINEAR, 1.0, 0.01);
        case 2 -> new Perpetual(coin + "-INV-PERP" + t, coin, Asset.USD, Settlement.INVERSE, 10.0, 0.5);
        case 3 -> new DatedFuture(coin + "-FUT" + t, coin, Asset.USD, Settlement.INVERSE, 10.0, 0.5,
            AS_OF.plus(Duration.ofDays(days[rng.nextInt(days.length)])));
        default -> option(coin, rng.nextBoolean() ? OptionType.CALL : OptionType.PUT,
            Math.rint(s * (0.7 + 0.6 * rng.nextDouble())), days[rng.nextInt(days.length)],
            rng.nextBoolean() ? Settlement.LINEAR : Settlement.INVERSE, t);
      };
      if (ins instanceof Perpetual p && p.settlement() == Settlement.INVERSE
          || ins instanceof DatedFuture) {
        q = q * s / 10; // inverse contracts are 10 USD each
      }
      positions.add(position(ins, q, market));
    }
    Map<Asset, Double> balances = new HashMap<>();
    int m = rng.nextInt(4);
    for (int i = 0; i < m; i++) {
      Asset a = assets[rng.nextInt(assets.length)];
      double usd = (rng.nextDouble() * 2 - 1) * 150_000;
      balances.put(a, usd / market.priceUsd(a));
    }
    return new Book(positions, balances);
  }

  /** Positions and balances that can be merged with another book's. */
  record Book(List<Position> positions, Map<Asset, Double> balances) {

    Account account() {
      return SensitivityFixtures.account(positions, balances);
    }

    Book plus(Book other) {
      List<Position> p = new ArrayList<>(positions);
      p.addAll(other.positions);
      Map<Asset, Double> b = new HashMap<>(balances);
      other.balances.forEach((k, v) -> b.merge(k, v, Double::sum));
      return new Book(p, b);
    }

    Book scaled(double k) {
      List<Position> p = new ArrayList<>();
      for (Position x : positions) {
        p.add(x.withQuantity(x.quantity() * k));
      }
      Map<Asset, Double> b = new HashMap<>();
      balances.forEach((a, v) -> b.put(a, v * k));
      return new Book(p, b);
    }
  }
}
