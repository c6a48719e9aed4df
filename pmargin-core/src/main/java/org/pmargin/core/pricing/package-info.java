/**
 * Closed-form option pricing: Black-76 and Black-Scholes with analytic Greeks, the normal distribution, implied
 * volatility, and the valuation of instruments against a market snapshot.
 */
package org.pmargin.core.pricing;
