package org.pmargin.core.margin.simulation;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The P&L of one unit of an exposure (one contract, or one coin held) in every scenario of a set: the vectors that
 * simulation margin shares between every account holding the exposure (through a {@code VectorCache}).
 */
final class ScenarioUnitVectors {

  private final ScenarioSet scenarios;
  private final OptionScenarioPricer pricer;
  /** Per factor, exp(log return) and exp(vol log change) in every scenario, computed on first use. */
  private final AtomicReferenceArray<double[][]> moves;

  ScenarioUnitVectors(ScenarioSet scenarios, OptionScenarioPricer pricer) {
    this.scenarios = scenarios;
    this.pricer = pricer;
    this.moves = new AtomicReferenceArray<>(scenarios.factors().size());
  }

  /** The option pricer. */
  OptionScenarioPricer pricer() {
    return pricer;
  }

  /** Factor f's price and vol factors per scenario: {exp(log return), exp(vol log change)}, shared, never written. */
  private double[][] moves(int f) {
    double[][] m = moves.get(f);
    if (m == null) {
      int n = scenarios.size();
      double[] price = new double[n];
      double[] vol = new double[n];
      for (int s = 0; s < n; s++) {
        price[s] = Math.exp(scenarios.logReturn(s, f));
        vol[s] = Math.exp(scenarios.volLogChange(s, f));
      }
      m = new double[][] {price, vol};
      moves.compareAndSet(f, null, m);
      m = moves.get(f);
    }
    return m;
  }

  /** Per-thread arrays of one option's forwards and vols per scenario. */
  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

  private static double[][] scratch(int n) {
    double[][] a = SCRATCH.get();
    if (a[0].length != n) {
      a[0] = new double[n];
      a[1] = new double[n];
    }
    return a;
  }

  /**
   * The P&L of one unit of an exposure in every scenario: one contract fully revalued (its underlying's index,
   * mark and forwards × exp(log return), its vol × exp(vol log change)), or one coin held (USD price × (exp(log
   * return) − 1)).
   */
  double[] unitVector(ExposureKey key, MarketSnapshot market) {
    int n = scenarios.size();
    int f = scenarios.factorIndex(key.underlying());
    double[] pnl = new double[n];
    if (key.isHolding()) {
      double value = market.priceUsd(key.underlying());
      for (int s = 0; s < n; s++) {
        pnl[s] = value * Math.expm1(scenarios.logReturn(s, f));
      }
      return pnl;
    }
    Position unit = key.unitPosition();
    double base = PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market));
    if (key.instrument() instanceof EuropeanOption o && optionVector(o, key.pool(), market, f, base, pnl)) {
      return pnl;
    }
    for (int s = 0; s < n; s++) {
      double volFactor = Math.exp(scenarios.volLogChange(s, f));
      MarketShock shock = new MarketShock(key.underlying(), Math.exp(scenarios.logReturn(s, f)),
          (vol, t) -> vol * volFactor);
      pnl[s] = PoolBook.valueIn(key.pool(), PositionValuer.value(unit, market, shock)) - base;
    }
    return pnl;
  }

  /**
   * An unexpired option's P&L per scenario without a valuation object per scenario: the same prices as
   * {@link PositionValuer} (Black-76 at the forward × exp(log return), the strike's unshocked vol × exp(vol log
   * change), the snapshot's discount), expressed in the pool's currency as it would: a coin-settled option's coin value
   * is price / forward, its USD value that times the moved index.
   *
   * @return false when the option is at or past expiry (the caller revalues it through the valuer)
   */
  private boolean optionVector(EuropeanOption o, Asset pool, MarketSnapshot market, int f, double base,
      double[] pnl) {
    UnderlyingMarket m = market.underlying(o.underlying());
    double t = YearFraction.between(market.asOf(), o.expiryInstant());
    if (!(t > 0)) {
      return false;
    }
    double s0 = m.index();
    double f0 = m.forwards().forward(o.expiryInstant());
    double vol0 = m.vols().vol(o.strike(), f0, t);
    double discount = Math.exp(-market.rate() * t);
    boolean call = o.type() == OptionType.CALL;
    boolean coin = o.settlement() != Settlement.LINEAR;
    boolean inUsd = pool.equals(Asset.USD) && !o.settlementAsset().equals(Asset.USD);
    double size = o.contractSize();
    int n = pnl.length;
    double[][] factorMoves = moves(f);
    double[] moveOf = factorMoves[0];
    double[] volMoveOf = factorMoves[1];
    double[][] work = scratch(n);
    double[] forwards = work[0];
    double[] vols = work[1];
    for (int s = 0; s < n; s++) {
      forwards[s] = f0 * moveOf[s];
      vols[s] = vol0 * volMoveOf[s];
    }
    for (int s = 0; s < n; s++) {
      double vol = vols[s];
      if (!(vol > 0) || Double.isInfinite(vol)) {
        throw new InvalidInputException("vol_shock", "gives vol " + vol + " for " + o.symbol());
      }
    }
    pricer.price(call, o.strike(), t, discount, forwards, vols, n, pnl);
    for (int s = 0; s < n; s++) {
      double price = pnl[s];
      double value;
      if (!coin) {
        value = size * price;
      } else {
        double valueCoin = size * (price / forwards[s]);
        value = inUsd ? valueCoin * (s0 * moveOf[s]) : valueCoin;
      }
      pnl[s] = value - base;
    }
    return true;
  }
}
