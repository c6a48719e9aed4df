package org.pmargin.core.liquidation;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.VectorCache;

/**
 * The per-unit scenario vectors a plan shares between its candidates when the caller gives none: every candidate of
 * every step holds the same instruments against the same snapshot, so each vector is computed once per plan.
 */
final class PlanVectorCache implements VectorCache {

  private final ConcurrentHashMap<List<Object>, Object> held = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute) {
    List<Object> k = List.of(namespace, key);
    Object v = held.get(k);
    if (v == null) {
      v = compute.apply(key);
      Object raced = held.putIfAbsent(k, v);
      v = raced == null ? v : raced;
    }
    return (V) v;
  }
}
