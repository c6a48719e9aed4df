/**
 * Standard (non-portfolio) margin: every position is charged on its own by fixed rules, as exchanges do outside
 * portfolio margin. {@link org.pmargin.core.margin.standard.IsolatedModel} keeps each settlement currency apart and
 * shares no profit between positions; {@link org.pmargin.core.margin.standard.CrossModel} puts everything in one
 * USD pool with shared unrealised P&amp;L and charges larger positions higher rates through size tiers. Both are
 * configured by {@link org.pmargin.core.margin.standard.StandardMarginParameters}.
 */
package org.pmargin.core.margin.standard;
