package org.pmargin.core.liquidation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/** A BTC/ETH market, a universe of Deribit instruments, a liquidity model and seeded random accounts. */
final class LiquidationFixtures {

  static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");
  static final Instant JUN28 = Instant.parse("2024-06-28T08:00:00Z");
  static final Instant SEP27 = Instant.parse("2024-09-27T08:00:00Z");

  static final List<Instrument> UNIVERSE = List.of(DeribitSymbols.parse("BTC-PERPETUAL"),
      DeribitSymbols.parse("BTC_USDC-PERPETUAL"), DeribitSymbols.parse("ETH-PERPETUAL"),
      DeribitSymbols.parse("ETH_USDC-PERPETUAL"), DeribitSymbols.parse("BTC-27SEP24"),
      DeribitSymbols.parse("BTC-28JUN24-70000-C"), DeribitSymbols.parse("BTC-28JUN24-60000-P"),
      DeribitSymbols.parse("BTC-27SEP24-80000-C"), DeribitSymbols.parse("BTC_USDC-27SEP24-62000-P"),
      DeribitSymbols.parse("ETH-27SEP24-4000-C"));

  private LiquidationFixtures() {
  }

  static MarketSnapshot market() {
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, new ForwardCurve(AS_OF, 65_000, List.of(
        new ForwardCurve.ForwardPoint(JUN28, 65_000 * 1.0034), new ForwardCurve.ForwardPoint(SEP27,
            65_000 * 1.027))), 65_000 * 1.0004, 0.0001, VolSurface.flat(AS_OF, 0.55));
    UnderlyingMarket eth = new UnderlyingMarket(Asset.ETH, new ForwardCurve(AS_OF, 3_500, List.of(
        new ForwardCurve.ForwardPoint(JUN28, 3_500 * 1.003), new ForwardCurve.ForwardPoint(SEP27, 3_500 * 1.026))),
        3_500 * 1.0002, 0.0001, VolSurface.flat(AS_OF, 0.65));
    return new MarketSnapshot(AS_OF, 1, 0.0, Map.of(Asset.BTC, btc, Asset.ETH, eth), Map.of(Asset.USDC, 1.0));
  }

  /** Fee 0.5% of cash delta, 5% option half-spread, square-root impact k = 1 on 20 bn / 10 bn USD a day. */
  static LiquidityModel liquidity() {
    return new LiquidityModel(0.005, 0.05, 1.0, Map.of(Asset.BTC, 2e10, Asset.ETH, 1e10),
        Map.of(Asset.BTC, 0.03, Asset.ETH, 0.04));
  }

  /** No cost at all: closes at the mark. */
  static LiquidityModel free() {
    return new LiquidityModel(0, 0, 0, Map.of(), Map.of());
  }

  /** A position at its mark (entry = mark, no unrealised P&L). */
  static Position atMark(Instrument i, double quantity, MarketSnapshot m) {
    double mark = PositionValuer.value(new Position(i, 1, 1), m).markPrice();
    return new Position(i, quantity, mark);
  }

  /**
   * A random account of 1 to 6 positions from the universe, with entries up to ± 10% from the mark, and collateral
   * in USDC and BTC scaled so that it starts somewhere between deep in liquidation and just healthy.
   */
  static Account random(SplittableRandom rnd, MarketSnapshot m) {
    int n = 1 + rnd.nextInt(6);
    List<Instrument> pool = new ArrayList<>(UNIVERSE);
    Map<String, Position> positions = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Instrument inst = pool.remove(rnd.nextInt(pool.size()));
      double size = switch (inst) {
        case org.pmargin.core.instrument.EuropeanOption o -> rnd.nextDouble(1, 30);
        default -> inst.settlement() == org.pmargin.core.instrument.Settlement.LINEAR
            ? rnd.nextDouble(100, 20_000) : rnd.nextDouble(1_000, 400_000);
      };
      double q = Math.round(size * (rnd.nextBoolean() ? 1 : -1) * 10) / 10.0;
      Position p = atMark(inst, q, m);
      double entry = p.entryPrice() * (1 + rnd.nextDouble(-0.1, 0.1));
      positions.put(inst.symbol(), new Position(inst, q, Math.max(entry, 1e-6)));
    }
    Map<Asset, Double> collateral = Map.of(Asset.USDC, rnd.nextDouble(500, 40_000), Asset.BTC,
        rnd.nextDouble(0, 0.5));
    return new Account("r", new Portfolio(new ArrayList<>(positions.values())), collateral);
  }
}
