package org.pmargin.engine.book;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.LossEntry;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.liquidation.LiquidationConfig;

/** Helpers of the loss-waterfall tests: engines with the price band off, values at the mark computed here. */
final class LossFixtures {

  private LossFixtures() {
  }

  static MarginEngine engine(MarginModel model, MarketSnapshot market, LiquidationConfig liquidation) {
    return new MarginEngine(model, market, new EngineConfig(1, Duration.ofSeconds(60))
        .withPriceBand(PriceBand.defaults().withMode(PriceBandMode.OFF)).withLiquidation(liquidation));
  }

  /** An account's value at the mark, USD, without haircuts: balances at their USD price plus positions' values. */
  static double value(Account a, MarketSnapshot market) {
    double v = 0;
    for (Map.Entry<Asset, Double> b : a.collateral().entrySet()) {
      v += b.getValue() * market.priceUsd(b.getKey());
    }
    for (Position p : a.portfolio().positions()) {
      v += PositionValuer.value(p, market).valueUsd();
    }
    return v;
  }

  /** Every account's value plus the backstop's books', USD. */
  static double total(MarginEngine e, List<String> ids, List<Account> backstop, MarketSnapshot market) {
    double v = 0;
    for (String id : ids) {
      v += value(e.account(id), market);
    }
    for (Account b : backstop) {
      v += value(b, market);
    }
    return v;
  }

  /** The minor units of the entries of a kind (for one bankrupt account, or all when null). */
  static long sum(EventOutcome o, String kind, String accountId) {
    long s = 0;
    for (LossEntry l : o.losses()) {
      if (l.kind().equals(kind) && (accountId == null || l.accountId().equals(accountId))) {
        s += l.amount();
      }
    }
    return s;
  }
}
