/** The real-time engine: oracle layer, account book, incremental re-margining, liquidation and events. */
package org.pmargin.engine;
