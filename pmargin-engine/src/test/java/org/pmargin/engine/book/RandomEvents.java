package org.pmargin.engine.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EngineEvent;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.ModelChange;
import org.pmargin.engine.event.Withdrawal;

/**
 * Seeded random event sequences over a few accounts: deposits, fills near the mark, withdrawals (some too large),
 * price moves of one underlying at a time (mostly at the same market time, sometimes a minute or more later, some
 * with a degraded underlying) and model changes.
 */
final class RandomEvents {

  private static final List<Asset> COLLATERAL = List.of(Asset.USDC, Asset.BTC, Asset.ETH);

  private RandomEvents() {
  }

  /**
   * Generates a sequence.
   *
   * @param seed  the seed
   * @param count  how many events
   * @param accounts  how many accounts
   * @param models  the models a model change picks from
   * @return the events
   */
  static List<EngineEvent> generate(long seed, int count, int accounts, List<MarginModel> models) {
    SplittableRandom rnd = new SplittableRandom(seed);
    MarketSnapshot market = EngineFixtures.market();
    List<EngineEvent> out = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      out.add(new Deposit("acc" + a, Asset.USDC, 20_000 + 200_000 * rnd.nextDouble()));
    }
    while (out.size() < count) {
      String id = "acc" + rnd.nextInt(accounts);
      int kind = rnd.nextInt(100);
      if (kind < 15) {
        Asset asset = COLLATERAL.get(rnd.nextInt(COLLATERAL.size()));
        double amount = asset.equals(Asset.USDC) ? 50_000 * rnd.nextDouble() : 2 * rnd.nextDouble();
        out.add(new Deposit(id, asset, amount + 1e-3));
      } else if (kind < 55) {
        Instrument inst = EngineFixtures.UNIVERSE.get(rnd.nextInt(EngineFixtures.UNIVERSE.size()));
        double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
        double usd = 2_000 + 100_000 * rnd.nextDouble();
        double coins = usd / market.priceUsd(inst.underlying());
        double contracts = switch (inst.settlement()) {
          case INVERSE -> inst instanceof EuropeanOption ? coins : usd / inst.contractSize();
          case LINEAR -> coins / inst.contractSize();
        };
        contracts = Math.max(1, Math.rint(contracts)) * (rnd.nextBoolean() ? 1 : -1);
        out.add(new Fill(id, inst, contracts, Math.max(mark * (0.97 + 0.06 * rnd.nextDouble()), 1e-4)));
      } else if (kind < 65) {
        out.add(new Withdrawal(id, Asset.USDC, 1 + 60_000 * rnd.nextDouble()));
      } else if (kind < 95) {
        Asset u = rnd.nextBoolean() ? Asset.BTC : Asset.ETH;
        java.time.Instant t = rnd.nextInt(4) == 0 ? market.asOf().plusSeconds(60 + rnd.nextInt(600)) : market.asOf();
        market = EngineFixtures.moved(market, u, 0.96 + 0.08 * rnd.nextDouble(), t);
        Set<Asset> degraded = rnd.nextInt(8) == 0 ? Set.of(rnd.nextBoolean() ? Asset.BTC : Asset.ETH) : Set.of();
        out.add(new MarketUpdate(market, degraded));
      } else {
        out.add(new ModelChange(models.get(rnd.nextInt(models.size()))));
      }
    }
    return out;
  }
}
