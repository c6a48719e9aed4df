/** Risk measures on scenario P&L vectors: VaR and Expected Shortfall. */
package org.pmargin.core.risk;
