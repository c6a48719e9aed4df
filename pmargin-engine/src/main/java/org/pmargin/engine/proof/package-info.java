/**
 * Verifiable state: a Merkle root over every account's state (RFC 6962 / RFC 9162 hashing over a documented
 * canonical encoding of each account), and for any account a proof of inclusion that anyone can check against the
 * root with the documented algorithm alone (docs/VERIFY.md).
 */
package org.pmargin.engine.proof;
