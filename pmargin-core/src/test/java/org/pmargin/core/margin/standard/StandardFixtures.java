package org.pmargin.core.margin.standard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.ForwardCurve.ForwardPoint;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/** Shared market and books for the standard-margin tests: round numbers so the expected margins can be worked out. */
final class StandardFixtures {

  static final Instant AS_OF = Instant.parse("2024-05-28T08:00:00Z");
  /** BTC-28JUN24 / ETH-28JUN24: 31 days after AS_OF. */
  static final Instant EXPIRY = Instant.parse("2024-06-28T08:00:00Z");

  static final double BTC_INDEX = 60_000;
  static final double BTC_FORWARD = 60_500;
  static final double BTC_PERP_MARK = 60_000;
  static final double ETH_INDEX = 3_000;
  static final double ETH_FORWARD = 3_025;
  static final double SOL_INDEX = 200;
  static final double VOL = 0.6;

  /** BTC, ETH and SOL markets, USDC at par, rate 0. */
  static final MarketSnapshot MARKET = market(1.0, 1.0);

  private StandardFixtures() {
  }

  /**
   * The fixture market with every BTC price (index, forward, perp mark) multiplied by a factor.
   *
   * @param btcFactor  the BTC price factor
   * @param usdcPrice  the USD price of USDC
   */
  static MarketSnapshot market(double btcFactor, double usdcPrice) {
    ForwardCurve btc = new ForwardCurve(AS_OF, BTC_INDEX * btcFactor,
        List.of(new ForwardPoint(EXPIRY, BTC_FORWARD * btcFactor)));
    ForwardCurve eth = new ForwardCurve(AS_OF, ETH_INDEX, List.of(new ForwardPoint(EXPIRY, ETH_FORWARD)));
    ForwardCurve sol = ForwardCurve.flat(AS_OF, SOL_INDEX);
    return new MarketSnapshot(AS_OF, 1, 0.0, Map.of(
        Asset.BTC, new UnderlyingMarket(Asset.BTC, btc, BTC_PERP_MARK * btcFactor, 0.0001,
            VolSurface.flat(AS_OF, VOL)),
        Asset.ETH, new UnderlyingMarket(Asset.ETH, eth, ETH_INDEX, 0.0001, VolSurface.flat(AS_OF, VOL)),
        Asset.of("SOL"), new UnderlyingMarket(Asset.of("SOL"), sol, SOL_INDEX, 0.0001, VolSurface.flat(AS_OF, 0.9))),
        Map.of(Asset.USDC, usdcPrice));
  }

  /** A position in a Deribit symbol entered at the current mark (so its P&amp;L is zero). */
  static Position atMark(String symbol, double quantity) {
    Instrument inst = DeribitSymbols.parse(symbol);
    double entry = PositionValuer.value(new Position(inst, 1, entryGuess(inst)), MARKET)
        .markPrice();
    return new Position(inst, quantity, entry);
  }

  /** A position in a Deribit symbol at an explicit entry price. */
  static Position position(String symbol, double quantity, double entry) {
    return new Position(DeribitSymbols.parse(symbol), quantity, entry);
  }

  private static double entryGuess(Instrument inst) {
    return inst instanceof EuropeanOption o && o.settlement() == Settlement.INVERSE ? 0.01 : 1_000;
  }

  /** An account of positions with balances. */
  static Account account(Map<Asset, Double> balances, Position... positions) {
    return new Account("test", new Portfolio(List.of(positions)), balances);
  }

  /** An account of positions with no balances. */
  static Account account(Position... positions) {
    return account(Map.of(), positions);
  }

  /** An account holding these positions. */
  static Account account(List<Position> positions, Map<Asset, Double> balances) {
    return new Account("test", new Portfolio(new ArrayList<>(positions)), balances);
  }

  /** The pool of a currency. */
  static PoolMargin pool(MarginResult r, Asset currency) {
    return r.pools().stream().filter(p -> p.currency().equals(currency)).findFirst()
        .orElseThrow(() -> new AssertionError("no pool " + currency + " in " + r.pools()));
  }

  /** The component of a pool by name. */
  static MarginComponent component(PoolMargin pool, String name) {
    return pool.components().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no component " + name + " in " + pool.components()));
  }
}
