/**
 * Instruments as immutable records: spot, perpetual swaps and dated futures (linear or inverse), and European
 * options (USD- or coin-settled). Validated on construction; symbols in Deribit's convention are parsed by
 * {@link org.pmargin.core.instrument.DeribitSymbols}.
 */
package org.pmargin.core.instrument;
