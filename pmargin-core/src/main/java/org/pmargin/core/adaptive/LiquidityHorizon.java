package org.pmargin.core.adaptive;

import org.pmargin.core.validation.Checks;

/**
 * A margin period of risk driven by observed volume: a position of {@code positionUsd} liquidated at a participation
 * rate p of the average daily volume V takes N/(p·V) days, so the horizon is H = ⌈N/(p·V)⌉ days, at least 1 and at
 * most {@code maxDays}, and the margin of a one-day model is stretched by √H (square-root-of-time, as the
 * FRTB liquidity horizons and the square-root impact law both assume). The haircut of the same asset as collateral
 * scales alike.
 *
 * @param positionUsd  the position's notional N &gt; 0, USD
 * @param participation  the share p of the daily volume the liquidator may trade, in (0, 1]
 * @param maxDays  the longest horizon, ≥ 1
 */
public record LiquidityHorizon(double positionUsd, double participation, int maxDays) {

  /** Validates the parameters. */
  public LiquidityHorizon {
    Checks.positive(positionUsd, "position_usd");
    Checks.require(participation > 0 && participation <= 1, "participation", "must be in (0, 1], got "
        + participation);
    Checks.require(maxDays >= 1, "max_days", "must be at least 1, got " + maxDays);
  }

  /**
   * The horizon in days for an average daily volume.
   *
   * @param averageDailyVolumeUsd  V &gt; 0, USD
   * @return ⌈N/(p·V)⌉ within [1, maxDays]
   */
  public int days(double averageDailyVolumeUsd) {
    Checks.positive(averageDailyVolumeUsd, "average_daily_volume_usd");
    double d = Math.ceil(positionUsd / (participation * averageDailyVolumeUsd) - 1e-12);
    return (int) Math.max(1, Math.min(maxDays, d));
  }

  /** The margin multiplier √H for an average daily volume. */
  public double scale(double averageDailyVolumeUsd) {
    return Math.sqrt(days(averageDailyVolumeUsd));
  }
}
