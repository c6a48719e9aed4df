package org.pmargin.core.liquidation;

import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The stress P&L of many variants of accounts against one snapshot, fast: a position's stress P&L is linear in its
 * quantity, and a balance's in its amount, so the profile of an account is Σ quantity × a per-contract vector + Σ
 * balance × a per-unit vector of its asset. The per-contract vector depends on the entry price only for delta-one
 * contracts, and there affinely: the stress test values a position in USD, a linear contract at coins × (mark −
 * entry) (its stress P&L, times the quote's depeg factor, is affine in the entry) and an inverse one at N·(1/entry −
 * 1/mark)·index (affine in 1/entry); an option's or spot holding's USD value does not depend on it. So one vector
 * (options, spot) or two (delta-one: at two entries, interpolated in the entry or its inverse) per instrument serve
 * every holder, whatever its entry.
 *
 * <p>The vectors are computed by {@link org.pmargin.core.stress.StressTest} on one-contract accounts. Shared: kept
 * in a {@link VectorCache} under the stress set's namespace, so the engine's per-snapshot cache serves them to every
 * account planned against the snapshot (and drops them with the underlying's other vectors when its market moves);
 * each is a function of the instrument and the snapshot alone, so what a plan gets does not depend on which accounts
 * were planned before it. Stand-alone (one plan, nothing to share with): one vector per instrument and entry held,
 * kept for the plan, which costs one stress run per contract instead of two. Shared mode is thread-safe as its cache
 * is; stand-alone mode is not.
 */
final class StressProfiler {

  /** The second entry of a delta-one contract's pair, as a multiple of its mark (the first is the mark). */
  private static final double SECOND_ENTRY = 1.25;

  private final WorstLoss stresses;
  private final MarketSnapshot market;
  private final VectorCache cache;
  /** Stand-alone: per-contract vectors by symbol and entry, per-unit vectors by asset; null when shared. */
  private final Map<String, double[]> own;

  /**
   * A profiler.
   *
   * @param stresses  the stress set
   * @param market  the snapshot
   * @param cache  the snapshot's shared cache, or null for a stand-alone profiler
   */
  StressProfiler(WorstLoss stresses, MarketSnapshot market, VectorCache cache) {
    this.stresses = stresses;
    this.market = market;
    this.cache = cache;
    this.own = cache == null ? new java.util.HashMap<>() : null;
  }

  /** A stand-alone profiler. */
  StressProfiler(WorstLoss stresses, MarketSnapshot market) {
    this(stresses, market, null);
  }

  /** How many stresses. */
  int size() {
    return stresses.size();
  }

  /** The account's P&L in each stress, USD: equal to {@link WorstLoss#pnl} up to rounding. */
  double[] pnl(Account account) {
    double[] out = positionsPnl(account);
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      add(out, unit(b.getKey()), b.getValue());
    }
    return out;
  }

  /** The P&L of the account's positions alone in each stress, USD (its balances left out). */
  double[] positionsPnl(Account account) {
    double[] out = new double[stresses.size()];
    for (Position p : account.portfolio().positions()) {
      add(out, perContract(p), p.quantity());
    }
    return out;
  }

  /** The P&L of one unit of an asset held, per stress, USD. */
  double[] unit(Asset asset) {
    if (own != null) {
      return own.computeIfAbsent(asset.code(), k -> stresses.pnl(new Account("unit", Portfolio.empty(),
          Map.of(asset, 1.0)), market));
    }
    return cache.get(stresses, ExposureKey.holding(asset, Asset.USD), k -> stresses.pnl(new Account("unit",
        Portfolio.empty(), Map.of(asset, 1.0)), market));
  }

  /** The P&L of one contract of a position's instrument at its entry, per stress, USD (never to be modified). */
  double[] perContract(Position p) {
    Instrument inst = p.instrument();
    if (own != null) {
      return own.computeIfAbsent(inst.symbol() + '@' + Double.doubleToLongBits(p.entryPrice()),
          k -> ContractVectors.pnl(inst, p.entryPrice(), stresses, market));
    }
    ContractVectors v = cache.get(stresses, new ExposureKey(inst.underlying(), inst, Asset.USD),
        k -> ContractVectors.compute(inst, stresses, market));
    return v.at(p.entryPrice());
  }

  static void add(double[] out, double[] v, double times) {
    for (int i = 0; i < out.length; i++) {
      out[i] += times * v[i];
    }
  }

  /**
   * One contract's stress P&L as a function of its entry: {@code first + (x(entry) − x1) × slope}, where x is the
   * entry for a linear delta-one contract, 1 / entry for an inverse one, and slope is zero (no dependence) otherwise.
   */
  private record ContractVectors(double[] first, double[] slope, double x1, boolean inverse) {

    static ContractVectors compute(Instrument inst, WorstLoss stresses, MarketSnapshot market) {
      if (!(inst instanceof Perpetual || inst instanceof DatedFuture)) {
        return new ContractVectors(pnl(inst, 1.0, stresses, market), null, 0, false);
      }
      double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
      double e1 = mark;
      double e2 = mark * SECOND_ENTRY;
      boolean inverse = inst.settlement() == Settlement.INVERSE;
      double x1 = inverse ? 1 / e1 : e1;
      double x2 = inverse ? 1 / e2 : e2;
      double[] first = pnl(inst, e1, stresses, market);
      double[] second = pnl(inst, e2, stresses, market);
      double[] slope = new double[first.length];
      for (int i = 0; i < slope.length; i++) {
        slope[i] = (second[i] - first[i]) / (x2 - x1);
      }
      return new ContractVectors(first, slope, x1, inverse);
    }

    static double[] pnl(Instrument inst, double entry, WorstLoss stresses, MarketSnapshot market) {
      return stresses.pnl(new Account("unit", new Portfolio(List.of(new Position(inst, 1, entry))), Map.of()),
          market);
    }

    double[] at(double entry) {
      double[] out = first.clone();
      if (slope != null) {
        double dx = (inverse ? 1 / entry : entry) - x1;
        for (int i = 0; i < out.length; i++) {
          out[i] += dx * slope[i];
        }
      }
      return out;
    }
  }
}
