package org.pmargin.engine.oracle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The stateful oracle: it keeps the latest tick of every source, and on each {@link #update(Instant)} aggregates
 * every underlying of the market with a {@link PriceAggregator} and publishes a new immutable
 * {@link MarketSnapshot} with the next version, as of the update time.
 *
 * <p>For each underlying of the snapshot: when the aggregate is OK the index becomes the aggregated price, the
 * quoted forwards are scaled by the ratio of the new index to the old (as {@link ForwardCurve#scaled}, with the
 * index set exactly), and the perpetual mark
 * becomes index + smoothed basis, the basis being an EWMA of (perpetual consensus − index) over the updates where
 * both are available. When the aggregate is DEGRADED the index, forwards and mark stay at their last good values and
 * the underlying is reported degraded ({@link #degraded(Asset)}), so callers flag the margin computed on it. A jump
 * beyond the move bound is accepted as the new level only once {@code jumpConfirmations} consecutive updates agree
 * on it (within the deviation bound), so a genuine crash is followed and a one-off manipulation is not.
 *
 * <p>Curves and vol surfaces are re-dated to the update time (expiries that have passed are dropped); vols are
 * otherwise unchanged. Funding rates and non-underlying asset prices are carried over. Underlyings with no live
 * source are DEGRADED (TOO_FEW_SOURCES) at their snapshot price.
 *
 * <p>This class is not thread-safe: drive it from one thread. The snapshots it returns are immutable and may be
 * shared freely.
 */
public final class Oracle {

  private final OracleConfig defaults;
  private final Map<Asset, OracleConfig> overrides;
  private final Map<Asset, Map<String, PriceTick>> indexTicks = new HashMap<>();
  private final Map<Asset, Map<String, PriceTick>> perpTicks = new HashMap<>();
  private final Map<Asset, Double> basis = new HashMap<>();
  private final Map<Asset, PendingJump> pending = new HashMap<>();
  private MarketSnapshot snapshot;
  private Map<Asset, AggregatedPrice> status = Map.of();

  private record PendingJump(double price, int count) {
  }

  /**
   * Creates an oracle whose last good prices are those of a trusted initial snapshot.
   *
   * @param initial  the starting market; its indices are the first last good prices, its mark minus index the
   *     first basis
   * @param defaults  the guards of every underlying without an override
   * @param overrides  per-underlying guards
   */
  public Oracle(MarketSnapshot initial, OracleConfig defaults, Map<Asset, OracleConfig> overrides) {
    this.snapshot = Checks.notNull(initial, "initial_snapshot");
    this.defaults = Checks.notNull(defaults, "config");
    this.overrides = Map.copyOf(Checks.notNull(overrides, "config_by_underlying"));
    for (UnderlyingMarket m : initial.underlyings().values()) {
      basis.put(m.underlying(), m.perpetualMark() - m.index());
    }
  }

  /** An oracle with the same guards for every underlying. */
  public Oracle(MarketSnapshot initial, OracleConfig config) {
    this(initial, config, Map.of());
  }

  /** The guards of an underlying. */
  public OracleConfig config(Asset underlying) {
    return overrides.getOrDefault(underlying, defaults);
  }

  /**
   * Records a tick as its source's latest, unless the source already has a later one.
   *
   * @param tick  the tick
   * @throws InvalidInputException naming {@code tick.underlying} for an underlying not in the market
   */
  public void accept(PriceTick tick) {
    Checks.notNull(tick, "tick");
    if (!snapshot.underlyings().containsKey(tick.underlying())) {
      throw new InvalidInputException("tick.underlying", "no market data for " + tick.underlying()
          + " (source " + tick.source() + ")");
    }
    Map<Asset, Map<String, PriceTick>> byKind = tick.kind() == PriceTick.Kind.INDEX ? indexTicks : perpTicks;
    byKind.computeIfAbsent(tick.underlying(), a -> new HashMap<>()).merge(tick.source(), tick,
        (old, neu) -> neu.timestamp().isBefore(old.timestamp()) ? old : neu);
  }

  /** Records several ticks. */
  public void acceptAll(Iterable<PriceTick> ticks) {
    Checks.notNull(ticks, "ticks");
    for (PriceTick t : ticks) {
      accept(t);
    }
  }

  /**
   * Aggregates every underlying as of a time and publishes the next snapshot.
   *
   * @param asOf  the update time; not before the current snapshot's
   * @return the new snapshot and the per-underlying aggregates
   */
  public OracleUpdate update(Instant asOf) {
    Checks.notNull(asOf, "as_of");
    if (asOf.isBefore(snapshot.asOf())) {
      throw new InvalidInputException("as_of", "must not be before the current snapshot time " + snapshot.asOf()
          + ", got " + asOf);
    }
    Map<Asset, UnderlyingMarket> markets = new TreeMap<>();
    Map<Asset, AggregatedPrice> results = new LinkedHashMap<>();
    for (UnderlyingMarket m : snapshot.underlyings().values()) {
      Asset u = m.underlying();
      OracleConfig cfg = config(u);
      PriceAggregator aggregator = new PriceAggregator(cfg);
      AggregatedPrice agg = aggregator.aggregate(u, ticks(indexTicks, u), asOf, m.index());
      agg = confirmJump(agg, cfg);
      results.put(u, agg);
      double index = agg.price();
      double mark = m.perpetualMark();
      if (!agg.degraded()) {
        double b = basis.get(u);
        var perp = aggregator.consensus(u, ticks(perpTicks, u), asOf).median();
        if (perp.isPresent()) {
          b = cfg.basisSmoothing() * (perp.getAsDouble() - index) + (1 - cfg.basisSmoothing()) * b;
          basis.put(u, b);
        }
        mark = index + b;
        if (!(mark > 0) || !Double.isFinite(mark)) {
          mark = index;
        }
      }
      markets.put(u, redate(m, asOf, index, mark));
    }
    snapshot = new MarketSnapshot(asOf, snapshot.version() + 1, snapshot.rate(), markets, snapshot.assetPrices());
    status = Collections.unmodifiableMap(results);
    return new OracleUpdate(snapshot, status);
  }

  /** Polls a feed up to a time, records its ticks and publishes the next snapshot. */
  public OracleUpdate update(PriceFeed feed, Instant asOf) {
    Checks.notNull(feed, "feed");
    acceptAll(feed.poll(asOf));
    return update(asOf);
  }

  /** The current snapshot. */
  public MarketSnapshot snapshot() {
    return snapshot;
  }

  /** The aggregates of the last update, by underlying (empty before the first update). */
  public Map<Asset, AggregatedPrice> status() {
    return status;
  }

  /** Whether the price of an underlying is held by the circuit breaker after the last update. */
  public boolean degraded(Asset underlying) {
    AggregatedPrice a = status.get(underlying);
    return a != null && a.degraded();
  }

  /** The current smoothed perpetual-minus-index basis of an underlying. */
  public double basis(Asset underlying) {
    Double b = basis.get(underlying);
    if (b == null) {
      throw new InvalidInputException("underlying", "no market data for " + underlying);
    }
    return b;
  }

  private AggregatedPrice confirmJump(AggregatedPrice agg, OracleConfig cfg) {
    Asset u = agg.underlying();
    if (agg.reason().orElse(null) != AggregatedPrice.DegradedReason.JUMP) {
      pending.remove(u);
      return agg;
    }
    double candidate = agg.candidate().getAsDouble();
    PendingJump p = pending.get(u);
    int count = p != null && Math.abs(candidate / p.price() - 1) <= cfg.maxDeviation() ? p.count() + 1 : 1;
    if (count >= cfg.jumpConfirmations()) {
      pending.remove(u);
      return agg.confirmed();
    }
    pending.put(u, new PendingJump(candidate, count));
    return agg;
  }

  private static List<PriceTick> ticks(Map<Asset, Map<String, PriceTick>> byUnderlying, Asset u) {
    Map<String, PriceTick> m = byUnderlying.get(u);
    return m == null ? List.of() : new ArrayList<>(m.values());
  }

  private static UnderlyingMarket redate(UnderlyingMarket m, Instant asOf, double index, double mark) {
    ForwardCurve f = m.forwards();
    VolSurface vols = m.vols();
    if (!asOf.equals(f.asOf())) {
      f = new ForwardCurve(asOf, f.spot(), f.points().stream().filter(p -> p.expiry().isAfter(asOf)).toList());
      List<VolSurface.Slice> slices = vols.slices().stream().filter(s -> s.expiry().isAfter(asOf)).toList();
      if (slices.isEmpty()) {
        throw new InvalidInputException("market.underlyings." + m.underlying() + ".vol_surface",
            "every expiry is at or before " + asOf);
      }
      vols = new VolSurface(asOf, slices);
    }
    if (index != f.spot()) {
      // ForwardCurve.scaled(ratio) would give the index as spot·(index/spot), off by an ulp: the index is set
      // exactly and the quoted forwards scaled by the ratio.
      double ratio = index / f.spot();
      f = new ForwardCurve(asOf, index, f.points().stream()
          .map(p -> new ForwardCurve.ForwardPoint(p.expiry(), p.price() * ratio)).toList());
    }
    return new UnderlyingMarket(m.underlying(), f, mark, m.fundingRate8h(), vols);
  }
}
