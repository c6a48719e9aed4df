package org.pmargin.core.liquidation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;

/**
 * The stress P&L of many variants of one account against one snapshot, fast: a position's stress P&L is linear in
 * its quantity for a given instrument and entry price (options: units × premium change; delta-one: contracts × the
 * change of their P&L; an inverse contract's depends on its entry), and a balance's is linear in the amount, so the
 * profile of an account is Σ quantity × the per-contract vector of (instrument, entry) + Σ balance × the per-unit
 * vector of its asset. Each vector is computed once, by {@link org.pmargin.core.stress.StressTest} on a one-contract
 * account, and kept for the profiler's life (one plan). Not thread-safe.
 */
final class StressProfiler {

  private final WorstLoss stresses;
  private final MarketSnapshot market;
  private final Map<String, double[]> perContract = new HashMap<>();
  private final Map<Asset, double[]> perUnit = new HashMap<>();

  StressProfiler(WorstLoss stresses, MarketSnapshot market) {
    this.stresses = stresses;
    this.market = market;
  }

  /** The account's P&L in each stress, USD: equal to {@link WorstLoss#pnl} up to rounding. */
  double[] pnl(Account account) {
    double[] out = positionsPnl(account);
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      double[] v = perUnit.computeIfAbsent(b.getKey(), a -> stresses.pnl(new Account("unit", Portfolio.empty(),
          Map.of(a, 1.0)), market));
      add(out, v, b.getValue());
    }
    return out;
  }

  /** The P&L of the account's positions alone in each stress, USD (its balances left out). */
  double[] positionsPnl(Account account) {
    double[] out = new double[stresses.size()];
    for (Position p : account.portfolio().positions()) {
      String key = p.instrument().symbol() + '@' + Double.doubleToLongBits(p.entryPrice());
      double[] v = perContract.computeIfAbsent(key, k -> stresses.pnl(new Account("unit",
          new Portfolio(List.of(p.withQuantity(1))), Map.of()), market));
      add(out, v, p.quantity());
    }
    return out;
  }

  private static void add(double[] out, double[] v, double times) {
    for (int i = 0; i < out.length; i++) {
      out[i] += times * v[i];
    }
  }
}
