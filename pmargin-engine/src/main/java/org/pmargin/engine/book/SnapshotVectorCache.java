package org.pmargin.engine.book;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.margin.grid.GridBookMargin;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;

/**
 * The engine's {@link VectorCache}: per-unit scenario vectors of the current snapshot, each tagged with the
 * underlying that drives it, so that a price update drops only the moved underlying's vectors and every account
 * margined after it shares the recomputed ones.
 *
 * <p>Whoever holds it must drop what a new snapshot changes (the engine does). Thread-safe: accounts are margined in
 * parallel and each vector is computed once.
 */
public final class SnapshotVectorCache implements VectorCache {

  /** One namespace (a model or a scenario set, compared by identity: their own equality may be deep). */
  private record Space(Object namespace, Map<ExposureKey, Object> held) {
  }

  /** The namespaces, copied on write: there are only a few (a model, its floor scenario set, unit valuations). */
  private volatile Space[] spaces = new Space[0];

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(Object namespace, ExposureKey key, Function<ExposureKey, V> compute) {
    Map<ExposureKey, Object> held = space(namespace);
    Object v = held.get(key);
    if (v == null) {
      v = held.computeIfAbsent(key, compute::apply);
    }
    return (V) v;
  }

  private Map<ExposureKey, Object> space(Object namespace) {
    for (Space s : spaces) {
      if (s.namespace == namespace) {
        return s.held;
      }
    }
    synchronized (this) {
      for (Space s : spaces) {
        if (s.namespace == namespace) {
          return s.held;
        }
      }
      Space[] next = java.util.Arrays.copyOf(spaces, spaces.length + 1);
      next[spaces.length] = new Space(namespace, new ConcurrentHashMap<>());
      spaces = next;
      return next[spaces.length - 1].held;
    }
  }

  /** The grid model's array path for one snapshot ({@link GridBookMargin}: its table of units), or null. */
  private volatile GridBookMargin gridBook;

  /**
   * The grid model's array path on a snapshot, sharing this cache's vectors: kept while the model and the snapshot
   * are the same objects, dropped with any vector.
   *
   * @param model  the grid model
   * @param market  the snapshot this cache holds
   * @return the array path
   */
  GridBookMargin gridBook(ScenarioGridModel model, MarketSnapshot market) {
    GridBookMargin g = gridBook;
    if (g != null && g.model() == model && g.market() == market) {
      return g;
    }
    synchronized (this) {
      g = gridBook;
      if (g == null || g.model() != model || g.market() != market) {
        g = new GridBookMargin(model, market, this);
        gridBook = g;
      }
      return g;
    }
  }

  /** Drops every vector an underlying drives. */
  public void invalidate(Asset underlying) {
    gridBook = null;
    for (Space s : spaces) {
      s.held.keySet().removeIf(k -> k.underlying().equals(underlying));
    }
  }

  /** Drops every vector of an instrument expired at a market time (its holders have been settled). */
  public void dropExpired(java.time.Instant asOf) {
    gridBook = null;
    for (Space s : spaces) {
      s.held.keySet().removeIf(k -> k.instrument() != null
          && org.pmargin.core.expiry.ExpiryCheck.expired(k.instrument(), asOf));
    }
  }

  /** Whether any vector held is of an instrument expired at a market time. */
  public boolean holdsExpired(java.time.Instant asOf) {
    for (Space s : spaces) {
      for (ExposureKey k : s.held.keySet()) {
        if (k.instrument() != null && org.pmargin.core.expiry.ExpiryCheck.expired(k.instrument(), asOf)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Drops everything. */
  public synchronized void clear() {
    gridBook = null;
    spaces = new Space[0];
  }

  /** How many vectors are held. */
  public int size() {
    int n = 0;
    for (Space s : spaces) {
      n += s.held.size();
    }
    return n;
  }
}
