/** Historical market data as the engine uses it: validated price and level series. */
package org.pmargin.core.history;
