/**
 * Valuation of positions against a market snapshot, in the USD view and the settlement-currency view, and
 * portfolio Greeks aggregated per underlying.
 */
package org.pmargin.core.valuation;
