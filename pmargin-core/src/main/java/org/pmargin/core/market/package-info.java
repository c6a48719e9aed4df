/**
 * Market data: immutable, versioned snapshots of index, mark and forward prices, funding, and implied vol
 * surfaces (flat, SVI or strike-grid smiles, arbitrage-checked).
 */
package org.pmargin.core.market;
