/**
 * Statistics on return series: sample and EWMA estimators, nearest-correlation repair and VaR backtest statistics.
 * Pure functions on primitive arrays; inputs are validated and results never contain NaN or infinity.
 */
package org.pmargin.core.stats;
