/** Positions, portfolios and accounts with multi-asset collateral balances. */
package org.pmargin.core.portfolio;
