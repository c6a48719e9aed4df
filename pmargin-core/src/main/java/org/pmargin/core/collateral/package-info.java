/** Collateral: volatility/liquidity classes of assets and value-tiered haircuts for unified USD accounts. */
package org.pmargin.core.collateral;
