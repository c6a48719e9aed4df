package org.pmargin.engine.liquidation;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.validation.Checks;

/**
 * The cost model of the engine's liquidations ({@link LiquidityModel}: fee, option half-spread, square-root impact)
 * with a daily volume and daily vol for every underlying, known or not: an underlying without its own figures gets
 * the fallback ones, so a close is always costed.
 *
 * <p>Defaults ({@link #defaults()}): a 0.5% liquidation fee on the cash delta closed, a 5% half-spread on option
 * premium, impact coefficient 1; BTC 20 bn USD a day at 3% daily vol, ETH 10 bn USD at 4%, any other underlying 1 bn
 * USD at 6% (orders of magnitude of 2024 spot and perpetual volume and realised vol). A replay calibrates them from
 * its data instead ({@link #withCalibration}).
 *
 * @param feeRate  the fee, a fraction of |cash delta|, in [0, 0.1]
 * @param optionSpread  the half-spread on option premium, in [0, 1]
 * @param impactCoefficient  k of the square-root law, ≥ 0
 * @param dailyVolumeUsd  average daily volume by underlying, USD &gt; 0
 * @param dailyVol  daily vol of log returns by underlying, ≥ 0
 * @param fallbackVolumeUsd  the daily volume of any other underlying, USD &gt; 0
 * @param fallbackVol  the daily vol of any other underlying, ≥ 0
 */
public record EngineLiquidity(double feeRate, double optionSpread, double impactCoefficient,
    Map<Asset, Double> dailyVolumeUsd, Map<Asset, Double> dailyVol, double fallbackVolumeUsd, double fallbackVol) {

  /** Validates and copies. */
  public EngineLiquidity {
    Checks.inRange(feeRate, 0, 0.1, "fee_rate");
    Checks.inRange(optionSpread, 0, 1, "option_spread");
    Checks.nonNegative(impactCoefficient, "impact_coefficient");
    Checks.notNull(dailyVolumeUsd, "daily_volume_usd");
    Checks.notNull(dailyVol, "daily_vol");
    dailyVolumeUsd.forEach((a, v) -> Checks.positive(v, "daily_volume_usd." + a));
    dailyVol.forEach((a, v) -> Checks.nonNegative(v, "daily_vol." + a));
    dailyVolumeUsd = Map.copyOf(dailyVolumeUsd);
    dailyVol = Map.copyOf(dailyVol);
    Checks.positive(fallbackVolumeUsd, "fallback_volume_usd");
    Checks.nonNegative(fallbackVol, "fallback_vol");
  }

  /** The documented defaults (see the class doc). */
  public static EngineLiquidity defaults() {
    return new EngineLiquidity(0.005, 0.05, 1.0, Map.of(Asset.BTC, 2e10, Asset.ETH, 1e10),
        Map.of(Asset.BTC, 0.03, Asset.ETH, 0.04), 1e9, 0.06);
  }

  /**
   * A copy with measured figures over the current ones (underlyings not given keep theirs).
   *
   * @param volumes  average daily volume by underlying, USD
   * @param vols  daily vol by underlying
   * @return the calibrated liquidity
   */
  public EngineLiquidity withCalibration(Map<Asset, Double> volumes, Map<Asset, Double> vols) {
    Map<Asset, Double> v = new TreeMap<>(dailyVolumeUsd);
    v.putAll(Checks.notNull(volumes, "volumes"));
    Map<Asset, Double> s = new TreeMap<>(dailyVol);
    s.putAll(Checks.notNull(vols, "vols"));
    return new EngineLiquidity(feeRate, optionSpread, impactCoefficient, v, s, fallbackVolumeUsd, fallbackVol);
  }

  /** The daily volume of an underlying, USD (the fallback when it has none of its own). */
  public double volumeUsd(Asset underlying) {
    return dailyVolumeUsd.getOrDefault(underlying, fallbackVolumeUsd);
  }

  /** The daily vol of an underlying (the fallback when it has none of its own). */
  public double vol(Asset underlying) {
    return dailyVol.getOrDefault(underlying, fallbackVol);
  }

  /**
   * The cost model for these underlyings.
   *
   * @param underlyings  every underlying a close may trade (a snapshot's)
   * @return the model, with a volume and vol for each
   */
  public LiquidityModel model(Collection<Asset> underlyings) {
    Map<Asset, Double> v = new TreeMap<>();
    Map<Asset, Double> s = new TreeMap<>();
    for (Asset u : underlyings) {
      v.put(u, volumeUsd(u));
      s.put(u, vol(u));
    }
    return new LiquidityModel(feeRate, optionSpread, impactCoefficient, v, s);
  }
}
