package org.pmargin.engine.book;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.VectorCache;

/**
 * The engine's {@link VectorCache}: per-unit scenario vectors of the current snapshot, grouped by the underlying
 * that drives them, so that a price update drops only the moved underlying's vectors and every account margined
 * after it shares the recomputed ones.
 *
 * <p>Whoever holds it must drop what a new snapshot changes (the engine does). Thread-safe: accounts are margined in
 * parallel and each vector is computed once.
 */
public final class SnapshotVectorCache implements VectorCache {

  /** The namespace is compared by identity: it is a model or a scenario set, whose own equality may be deep. */
  private record Key(Object namespace, ExposureKey key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.namespace == namespace && k.key.equals(key);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(namespace) + key.hashCode();
    }
  }

  private final Map<Asset, Map<Key, Object>> byUnderlying = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute) {
    Map<Key, Object> m = byUnderlying.computeIfAbsent(key.underlying(), u -> new ConcurrentHashMap<>());
    return (V) m.computeIfAbsent(new Key(namespace, key), k -> compute.apply(k.key()));
  }

  /** Drops every vector an underlying drives. */
  public void invalidate(Asset underlying) {
    byUnderlying.remove(underlying);
  }

  /** Drops everything. */
  public void clear() {
    byUnderlying.clear();
  }

  /** How many vectors are held. */
  public int size() {
    return byUnderlying.values().stream().mapToInt(Map::size).sum();
  }
}
