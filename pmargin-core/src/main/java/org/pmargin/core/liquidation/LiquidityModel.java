package org.pmargin.core.liquidation;

import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuation;

/**
 * The expected cost, in USD, of closing part of a position in a liquidation: a fee on the cash delta traded, a
 * half-spread on an option's premium, and square-root market impact (Almgren et al. 2005; Tóth et al. 2011: the
 * price moves by about k·σ·√(Q/V) for a parent order of Q traded against a daily volume V at daily vol σ).
 *
 * <p>For a close of a fraction φ of a position with cash delta D (USD per 100% move of its underlying, the
 * position's delta × index) and USD premium value P (options only):
 * <pre>cost = φ·fee·|D| + φ·optionSpread·|P| + k·σ·√(φ|D| / V)·φ|D|</pre>
 * where σ is the underlying's daily vol and V its average daily volume in USD. Cost is never negative, and it is
 * convex in φ (closing in slices is cheaper than closing at once, as venues' incremental liquidation intends).
 *
 * @param feeRate  the liquidation fee, a fraction of |cash delta|, in [0, 0.1]
 * @param optionSpread  the half-spread paid on an option's premium value, in [0, 1]
 * @param impactCoefficient  k of the square-root law, ≥ 0 (≈ 1 empirically)
 * @param dailyVolumeUsd  average daily volume by underlying, USD, &gt; 0
 * @param dailyVol  daily volatility of log returns by underlying, ≥ 0
 */
public record LiquidityModel(double feeRate, double optionSpread, double impactCoefficient,
    Map<Asset, Double> dailyVolumeUsd, Map<Asset, Double> dailyVol) {

  /** Validates and copies. */
  public LiquidityModel {
    Checks.inRange(feeRate, 0, 0.1, "fee_rate");
    Checks.inRange(optionSpread, 0, 1, "option_spread");
    Checks.nonNegative(impactCoefficient, "impact_coefficient");
    Checks.notNull(dailyVolumeUsd, "daily_volume_usd");
    Checks.notNull(dailyVol, "daily_vol");
    dailyVolumeUsd.forEach((a, v) -> Checks.positive(v, "daily_volume_usd." + a));
    dailyVol.forEach((a, v) -> Checks.nonNegative(v, "daily_vol." + a));
    dailyVolumeUsd = Map.copyOf(dailyVolumeUsd);
    dailyVol = Map.copyOf(dailyVol);
  }

  /**
   * The cost of closing a fraction of a position.
   *
   * @param valuation  the position's valuation at the mark
   * @param indexUsd  its underlying's index, USD
   * @param fraction  the part closed, in [0, 1]
   * @return the cost, USD, ≥ 0
   */
  public double closeCostUsd(PositionValuation valuation, double indexUsd, double fraction) {
    Asset u = valuation.position().instrument().underlying();
    double cashDelta = Math.abs(valuation.delta() * indexUsd) * fraction;
    double premium = valuation.position().instrument() instanceof EuropeanOption
        ? Math.abs(valuation.valueUsd()) * fraction : 0;
    double cost = feeRate * cashDelta + optionSpread * premium;
    if (impactCoefficient > 0 && cashDelta > 0) {
      Double volume = dailyVolumeUsd.get(u);
      Double vol = dailyVol.get(u);
      if (volume == null || vol == null) {
        throw new InvalidInputException("liquidity." + u, "no daily volume or vol for " + u
            + ": a close with unknown depth cannot be costed");
      }
      cost += impactCoefficient * vol * Math.sqrt(cashDelta / volume) * cashDelta;
    }
    return cost;
  }
}
