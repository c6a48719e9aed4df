package org.pmargin.core.margin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A test cache that holds every vector and counts how many it computed. */
public final class MapVectorCache implements VectorCache {

  private final Map<List<Object>, Object> held = new HashMap<>();
  private int computed;

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute) {
    List<Object> k = List.of(namespace, key);
    Object v = held.get(k);
    if (v == null) {
      v = compute.apply(key);
      held.put(k, v);
      computed++;
    }
    return (V) v;
  }

  /** How many vectors were computed. */
  public synchronized int computed() {
    return computed;
  }
}
