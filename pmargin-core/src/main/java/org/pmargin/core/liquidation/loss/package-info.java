/**
 * Losses beyond a bankrupt account (METHODOLOGY "Liquidation: losses beyond the account"): the insurance fund
 * absorbs the deficit first, then auto-deleveraging closes the most profitable, most leveraged opposite positions at
 * the bankrupt account's price, then what is left is socialised pro rata over positive equity. All money is exact
 * integer minor units of the settlement asset ({@link org.pmargin.core.liquidation.loss.MoneyUnit}), so the
 * waterfall conserves to the last unit.
 *
 * <ul>
 *   <li>{@link org.pmargin.core.liquidation.loss.InsuranceFund}: balance, draw, fee deposits;</li>
 *   <li>{@link org.pmargin.core.liquidation.loss.AdlRanking}: the BitMEX/Binance PnL% × leverage queue;</li>
 *   <li>{@link org.pmargin.core.liquidation.loss.AutoDeleveraging}: the closes and the transfer per lot;</li>
 *   <li>{@link org.pmargin.core.liquidation.loss.SocialisedLoss}: the largest-remainder pro-rata split;</li>
 *   <li>{@link org.pmargin.core.liquidation.loss.LossWaterfall}: the three layers and the journal
 *       ({@link org.pmargin.core.liquidation.loss.LossEvent}).</li>
 * </ul>
 */
package org.pmargin.core.liquidation.loss;
