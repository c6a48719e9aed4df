package org.pmargin.core.valuation;

import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.validation.Checks;

/**
 * The funding convention of perpetual swaps, shared by the engine (which books payments) and the margin models
 * (which provision for them).
 *
 * <p>Funding amount = position value at the mark × funding rate × time fraction, where
 * <ul>
 *   <li>the position value is in the settlement asset: q·contractSize·mark quote units for a linear perpetual
 *       (contractSize coins per contract), q·contractSize/mark coins for an inverse one (contractSize USD of face
 *       value per contract), signed with the position;</li>
 *   <li>the rate is {@link org.pmargin.core.market.UnderlyingMarket#fundingRate8h()}, per 8 hours, positive when
 *       longs pay shorts;</li>
 *   <li>the time fraction is the funding period over 8 hours (1 for an 8-hourly venue, 1/8 for an hourly one, as
 *       Deribit's "time fraction = funding period / 8 hours").</li>
 * </ul>
 * The amount credited to the holder is minus that: a long pays at a positive rate, a short receives. No rounding to a
 * currency precision is applied.
 */
public final class PerpetualFunding {

  /** The period the published rate refers to, in hours. */
  public static final double RATE_PERIOD_HOURS = 8.0;

  private PerpetualFunding() {
  }

  /**
   * The position's value at the mark, in its settlement asset (the base of the funding payment), signed.
   *
   * @param perpetual  the contract
   * @param quantity  signed contracts
   * @param mark  the perpetual's mark price, USD per coin, &gt; 0
   * @return q·size·mark (linear, quote units) or q·size/mark (inverse, coins)
   */
  public static double positionValue(Perpetual perpetual, double quantity, double mark) {
    Checks.notNull(perpetual, "perpetual");
    Checks.finite(quantity, "quantity");
    Checks.positive(mark, "mark");
    Checks.finite(mark, "mark");
    double size = quantity * perpetual.contractSize();
    return perpetual.settlement() == Settlement.INVERSE ? size / mark : size * mark;
  }

  /**
   * The funding credited to the holder at one funding time (negative when the holder pays), in the settlement asset.
   *
   * @param perpetual  the contract
   * @param quantity  signed contracts
   * @param mark  the mark price in force, USD per coin, &gt; 0
   * @param rate8h  the funding rate in force, per 8 hours, finite
   * @param hours  the funding period the payment covers, hours, ≥ 0
   * @return −positionValue × rate8h × hours / 8
   */
  public static double credited(Perpetual perpetual, double quantity, double mark, double rate8h, double hours) {
    Checks.finite(rate8h, "funding_rate_8h");
    Checks.nonNegative(hours, "hours");
    Checks.finite(hours, "hours");
    return -positionValue(perpetual, quantity, mark) * rate8h * (hours / RATE_PERIOD_HOURS);
  }
}
