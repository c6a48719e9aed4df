package org.pmargin.core.liquidation.loss;

import org.pmargin.core.validation.InvalidInputException;

/**
 * One settlement asset's insurance fund: an immutable balance in minor units. It is the first layer of the loss
 * waterfall (Deribit, Binance, BitMEX: the fund absorbs bankrupt deficits first) and is fed by liquidation fees.
 *
 * @param unit  the settlement asset and its minor unit
 * @param balance  the balance in minor units, never negative
 */
public record InsuranceFund(MoneyUnit unit, long balance) {

  /** Validates the balance. */
  public InsuranceFund {
    if (unit == null) {
      throw new InvalidInputException("unit", "must be given");
    }
    if (balance < 0) {
      throw new InvalidInputException("balance", "must not be negative, got " + balance);
    }
  }

  /** What a draw for {@code deficit} minor units would take: the deficit capped at the balance. */
  public long drawable(long deficit) {
    if (deficit < 0) {
      throw new InvalidInputException("deficit", "must not be negative, got " + deficit);
    }
    return Math.min(deficit, balance);
  }

  /** The fund after drawing {@code drawable(deficit)}. */
  public InsuranceFund afterDraw(long deficit) {
    return new InsuranceFund(unit, balance - drawable(deficit));
  }

  /** The fund after a deposit (a liquidation fee paid into it), in minor units. */
  public InsuranceFund deposit(long amount) {
    if (amount < 0) {
      throw new InvalidInputException("amount", "a deposit must not be negative, got " + amount);
    }
    return new InsuranceFund(unit, Math.addExact(balance, amount));
  }
}
