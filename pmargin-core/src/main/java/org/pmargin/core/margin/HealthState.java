package org.pmargin.core.margin;

/**
 * Where an account stands against its margins, from best to worst (the ordinal orders them: an account is as
 * healthy as its worst pool). Names in reports and JSON are the lower-case constant names: {@code healthy},
 * {@code margin_call}, {@code liquidatable}, {@code bankrupt}.
 */
public enum HealthState {
  /** Equity covers initial margin: the account may trade and withdraw the excess. */
  HEALTHY,
  /**
   * Equity is below initial but at or above maintenance margin: no risk-increasing trades (the engine's what-if
   * answers {@code acceptable = false} for an order that leaves the account below initial margin), deposit advised.
   */
  MARGIN_CALL,
  /** Equity is below maintenance margin (and not below zero): the account is to be liquidated. */
  LIQUIDATABLE,
  /**
   * Equity is below zero in a pool that holds positions or needs margin, or holds a negative balance: the account
   * owes more than it has, and closing positions at the mark cannot repay it. What is short (the deficit) is for the
   * venue's loss waterfall (insurance fund, auto-deleveraging, socialised loss).
   */
  BANKRUPT
}
