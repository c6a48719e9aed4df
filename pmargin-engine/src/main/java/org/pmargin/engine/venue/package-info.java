/**
 * Cross-venue collateral and positions: balances and positions an account holds on other venues or chains arrive as
 * Ed25519-signed attestations from registered venues; only fresh, correctly signed, in-order ones are accepted, and
 * what they attest is credited with a per-venue haircut that grows as an attestation ages (docs/VENUES.md).
 */
package org.pmargin.engine.venue;
