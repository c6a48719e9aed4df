package org.pmargin.server.store;

/**
 * A snapshot of the engine as stored: the state after an event, from which recovery goes on with the log after it.
 *
 * @param sequence  the last event applied
 * @param takenAt  when, ISO-8601 UTC (metadata only)
 * @param formatVersion  the format of {@code state} ({@code EngineStateCodec.FORMAT} when written)
 * @param accountCount  the accounts held
 * @param digest  SHA-256 (hex) of the engine's state, see {@code StateDigest}, checked after the import
 * @param parameters  the risk parameters in force, JSON ({@code ServiceParameters.toJson})
 * @param state  the engine's state, gzip JSON ({@code EngineStateCodec})
 */
public record SnapshotRow(long sequence, String takenAt, int formatVersion, int accountCount, String digest,
    String parameters, byte[] state) {
}
