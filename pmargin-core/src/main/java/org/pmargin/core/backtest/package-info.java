/** Backtesting margin on real history: exceptions, coverage and independence tests, traffic-light zones. */
package org.pmargin.core.backtest;
