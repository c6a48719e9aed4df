package org.pmargin.server.store;

/**
 * A snapshot of the engine state as stored: after which event, how many accounts, the digest of every account's
 * margin, and the state (canonical JSON).
 *
 * @param sequence  the last event applied
 * @param takenAt  when, ISO-8601 UTC (metadata only)
 * @param accountCount  the accounts held
 * @param digest  SHA-256 (hex) of the margins of every account, see {@code StateDigest}
 * @param state  the accounts, canonical JSON
 */
public record SnapshotRow(long sequence, String takenAt, int accountCount, String digest, String state) {
}
