package org.pmargin.core.margin;

/** Where an account stands against its margins. */
public enum HealthState {
  /** Equity covers initial margin: the account may trade and withdraw the excess. */
  HEALTHY,
  /** Equity is below initial but at or above maintenance margin: no risk-increasing trades, deposit advised. */
  MARGIN_CALL,
  /** Equity is below maintenance margin: the account is to be liquidated. */
  LIQUIDATABLE
}
