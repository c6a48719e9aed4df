package org.pmargin.core.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Runs stress scenarios on an account, in the unified USD view: every position fully revalued with its underlying
 * moved and its vols shocked, every balance (stablecoins included) re-priced.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class StressTest {

  private StressTest() {
  }

  /**
   * The account's P&L in each scenario.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param scenarios  the stresses
   * @param haircuts  the collateral schedule, for equity after the stress
   * @return one result per scenario, in order
   */
  public static List<StressResult> run(Account account, MarketSnapshot market, List<StressScenario> scenarios,
      HaircutSchedule haircuts) {
    List<StressResult> out = new ArrayList<>();
    for (StressScenario sc : scenarios) {
      out.add(one(account, market, sc, haircuts));
    }
    return out;
  }

  private static StressResult one(Account account, MarketSnapshot market, StressScenario sc,
      HaircutSchedule haircuts) {
    Map<String, Double> by = new LinkedHashMap<>();
    double total = 0;
    double equityAfter = 0;
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      Asset u = p.instrument().underlying();
      double volFactor = sc.volFactor(u);
      MarketShock shock = new MarketShock(u, sc.priceFactor(u), (vol, t) -> vol * volFactor);
      double before;
      double after;
      try {
        before = PositionValuer.value(p, market).valueUsd();
        after = PositionValuer.value(p, market, shock).valueUsd();
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      // A linear instrument's P&L is paid in its quote stablecoin: a depeg of that coin scales it.
      double quoteFactor = p.instrument().settlement() == org.pmargin.core.instrument.Settlement.LINEAR
          ? sc.priceFactor(p.instrument().quote()) : 1.0;
      after *= quoteFactor;
      by.merge(p.instrument().symbol(), after - before, Double::sum);
      total += after - before;
      equityAfter += after;
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      double price;
      try {
        price = market.priceUsd(b.getKey());
      } catch (InvalidInputException e) {
        throw new InvalidInputException("collateral." + b.getKey(), "no market price for " + b.getKey(), e);
      }
      double factor = sc.priceFactor(b.getKey());
      double pnl = b.getValue() * price * (factor - 1);
      if (pnl != 0) {
        by.put("balance:" + b.getKey(), pnl);
      }
      total += pnl;
      equityAfter += haircuts.countedUsd(b.getKey(), b.getValue(), price * factor);
    }
    return new StressResult(sc, total, by, equityAfter);
  }
}
