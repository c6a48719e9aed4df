package org.pmargin.core.margin;

/**
 * The currency view a margin result is computed in; every result says which.
 */
public enum MarginView {
  /**
   * One pool per settlement currency (Deribit's S:PM): coin-settled instruments and the coin balance form the coin's
   * pool, valued in coin (the coin balance has no P&L there); linear instruments form the stablecoin pool, valued in
   * USD. Pools do not offset each other.
   */
  PER_SETTLEMENT_CURRENCY,
  /**
   * One USD cross-collateral pool (Deribit's X:PM, the large exchanges' unified accounts): every balance is haircut
   * and converted at its mark, and a coin balance is a long position in the scenarios.
   */
  UNIFIED_USD
}
