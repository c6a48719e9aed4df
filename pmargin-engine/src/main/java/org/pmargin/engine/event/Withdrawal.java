package org.pmargin.engine.event;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * A request to take collateral out of an account. The engine rejects it, changing nothing, when the account does
 * not hold that much of the asset or when the account would no longer cover its initial margin in every pool.
 *
 * @param accountId  the account
 * @param asset  the asset withdrawn
 * @param amount  how much, in units of the asset, &gt; 0
 */
public record Withdrawal(String accountId, Asset asset, double amount) implements EngineEvent {

  /** Validates the fields. */
  public Withdrawal {
    Checks.notBlank(accountId, "account_id");
    Checks.notNull(asset, "asset");
    Checks.positive(amount, "amount");
  }
}
