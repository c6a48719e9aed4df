package org.pmargin.engine.event;

import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * Collateral paid into an account (opening it if it is new).
 *
 * @param accountId  the account
 * @param asset  the asset deposited
 * @param amount  how much, in units of the asset, &gt; 0
 */
public record Deposit(String accountId, Asset asset, double amount) implements EngineEvent {

  /** Validates the fields. */
  public Deposit {
    Checks.notBlank(accountId, "account_id");
    Checks.notNull(asset, "asset");
    Checks.positive(amount, "amount");
  }
}
