package org.pmargin.engine.book;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;

/**
 * Gives each asset one bit of a {@code long}, so that an account's exposure is a mask and finding the accounts a
 * price update touches is a scan of masks, with no index to keep. The 64th and later assets share the last bit
 * (accounts holding any of them are re-margined when any of them moves: more work, never less).
 *
 * <p>It is also the engine's instrument table: every position holds the engine's one instance of its instrument
 * ({@link #instrument}), because the margin paths look instruments up by identity (the grid's array path keeps a
 * table per snapshot keyed that way). Without it a service that parses each fill's instrument from JSON gave every
 * account its own instance, and that table grew with the accounts: a tick over 100,000 accounts took 15 s.
 *
 * <p>Thread-safe.
 */
final class AssetBits {

  private final Map<Asset, Long> bits = new HashMap<>();
  private final Map<Instrument, Instrument> instruments = new ConcurrentHashMap<>();

  /**
   * The engine's instance of an instrument: the first one equal to it that was given.
   *
   * @param inst  an instrument
   * @return the instance positions hold
   */
  Instrument instrument(Instrument inst) {
    Instrument first = instruments.putIfAbsent(inst, inst);
    return first == null ? inst : first;
  }

  /** The bit of an asset, assigned on first use. */
  synchronized long bit(Asset asset) {
    return bits.computeIfAbsent(asset, a -> 1L << Math.min(bits.size(), 63));
  }

  /** The bit of an asset if it has one, else 0 (for reads: a read must not give bits, or their order would depend on it). */
  synchronized long peek(Asset asset) {
    Long b = bits.get(asset);
    return b == null ? 0 : b;
  }

  /** The assets in the order their bits were given (those sharing the last bit by code), to rebuild the same bits. */
  synchronized java.util.List<Asset> order() {
    java.util.List<Asset> out = new java.util.ArrayList<>(bits.keySet());
    out.sort(java.util.Comparator.comparingLong((Asset a) -> Long.numberOfTrailingZeros(bits.get(a)))
        .thenComparing(Asset::code));
    return out;
  }
}
