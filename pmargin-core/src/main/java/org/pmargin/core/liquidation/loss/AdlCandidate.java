package org.pmargin.core.liquidation.loss;

import org.pmargin.core.validation.InvalidInputException;

/**
 * An open position that auto-deleveraging may close, with what its ranking needs.
 *
 * <p>PnL percentage = unrealised PnL / cost basis (BitMEX: "Unrealised PNL / abs(Cost Basis)"); effective leverage =
 * |mark notional| / equity (equity = the account's margin balance in the settlement asset, so that a thinly
 * collateralised winner ranks higher). Both are ranking inputs only; the money moved is in minor units.
 *
 * @param accountId  the account holding the position
 * @param side  the position's side
 * @param lots  the position size in lots, positive
 * @param unrealisedPnl  unrealised PnL at mark, in the settlement asset
 * @param costBasis  |entry notional|, in the settlement asset, positive
 * @param markNotional  |mark notional|, in the settlement asset, positive
 * @param equity  the account's equity in minor units; ADL never takes more than a positive equity
 */
public record AdlCandidate(
    String accountId, Side side, long lots, double unrealisedPnl, double costBasis, double markNotional, long equity) {

  /** Validates the fields. */
  public AdlCandidate {
    if (accountId == null || accountId.isBlank()) {
      throw new InvalidInputException("accountId", "must be named");
    }
    if (side == null) {
      throw new InvalidInputException("side", "must be given");
    }
    if (lots <= 0) {
      throw new InvalidInputException("lots", "must be positive, got " + lots);
    }
    if (!Double.isFinite(unrealisedPnl)) {
      throw new InvalidInputException("unrealisedPnl", "must be finite, got " + unrealisedPnl);
    }
    if (!(Double.isFinite(costBasis) && costBasis > 0)) {
      throw new InvalidInputException("costBasis", "must be positive and finite, got " + costBasis);
    }
    if (!(Double.isFinite(markNotional) && markNotional > 0)) {
      throw new InvalidInputException("markNotional", "must be positive and finite, got " + markNotional);
    }
  }

  /** Unrealised PnL as a fraction of the cost basis. */
  public double pnlPercent() {
    return unrealisedPnl / costBasis;
  }

  /**
   * |mark notional| / equity in asset units; {@code +∞} is never returned: an account with no positive equity gets
   * leverage 0 (it cannot absorb a transfer and is skipped by ADL anyway).
   *
   * @param unit  the settlement asset's minor unit, to put equity in asset units
   * @return the effective leverage, finite and non-negative
   */
  public double effectiveLeverage(MoneyUnit unit) {
    if (equity <= 0) {
      return 0.0;
    }
    return markNotional / unit.toDecimal(equity).doubleValue();
  }
}
