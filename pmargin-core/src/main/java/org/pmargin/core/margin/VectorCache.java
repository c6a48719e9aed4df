package org.pmargin.core.margin;

import java.util.function.Function;

/**
 * Where a margin model gets the per-unit scenario vectors of an {@link ExposureKey}: computed on the spot
 * ({@link #NONE}), or shared between every account margined against the same market snapshot (the real-time engine
 * keeps one per model and drops an underlying's entries when its market moves).
 *
 * <p>A cache answers for one snapshot only: whoever holds it must clear what a new snapshot changes. Values must be
 * treated as immutable by every reader. Implementations must be thread-safe.
 */
public interface VectorCache {

  /** No sharing: every request is computed. */
  VectorCache NONE = new VectorCache() {
    @Override
    public <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute) {
      return compute.apply(key);
    }
  };

  /**
   * The vectors of a key, computed once per namespace and key.
   *
   * @param namespace  what the vectors depend on besides the key and the snapshot: the model, or its scenario set
   * @param key  the exposure
   * @param compute  computes the vectors when they are not held
   * @param <V>  the vectors' type, fixed per namespace
   * @return the vectors
   */
  <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute);
}
