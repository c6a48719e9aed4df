/** The real-time engine: oracle layer, account book, incremental re-margining and events. */
package org.pmargin.engine;
