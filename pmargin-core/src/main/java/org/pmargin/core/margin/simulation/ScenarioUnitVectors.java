package org.pmargin.core.margin.simulation;

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

  ScenarioUnitVectors(ScenarioSet scenarios) {
    this.scenarios = scenarios;
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
    for (int s = 0; s < pnl.length; s++) {
      double move = Math.exp(scenarios.logReturn(s, f));
      double vol = vol0 * Math.exp(scenarios.volLogChange(s, f));
      if (!(vol > 0) || Double.isInfinite(vol)) {
        throw new InvalidInputException("vol_shock", "gives vol " + vol + " for " + o.symbol());
      }
      double forward = f0 * move;
      double price = Black76.priceUnchecked(call, forward, o.strike(), t, vol, discount);
      double value;
      if (!coin) {
        value = size * price;
      } else {
        double valueCoin = size * (price / forward);
        value = inUsd ? valueCoin * (s0 * move) : valueCoin;
      }
      pnl[s] = value - base;
    }
    return true;
  }
}
