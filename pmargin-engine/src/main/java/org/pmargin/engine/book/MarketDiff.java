package org.pmargin.engine.book;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;

/**
 * What a market update changes: the assets whose market moved (index, mark, forwards, vols, funding, listed price),
 * the degraded flags, and whether a full revaluation is due (the rate changed, or the full-pass interval passed).
 *
 * @param full  whether every account is to be re-margined
 * @param degradedMask  the new degraded assets, as {@link AssetBits} bits
 * @param changedMask  the assets that moved or changed their degraded flag, as bits
 * @param moved  the assets whose market moved
 */
record MarketDiff(boolean full, long degradedMask, long changedMask, List<Asset> moved) {

  static MarketDiff of(MarketSnapshot now, MarketSnapshot next, Collection<Asset> degraded, AssetBits bits,
      long degradedNow, Instant lastFullPass, Duration fullInterval) {
    long newDegraded = 0;
    for (Asset a : degraded) {
      newDegraded |= bits.bit(a);
    }
    boolean full = next.rate() != now.rate()
        || Duration.between(lastFullPass, next.asOf()).compareTo(fullInterval) >= 0
            && !next.asOf().equals(lastFullPass);
    long changed = newDegraded ^ degradedNow;
    List<Asset> moved = new ArrayList<>();
    for (Map.Entry<Asset, UnderlyingMarket> e : next.underlyings().entrySet()) {
      if (!sameMarket(now.underlyings().get(e.getKey()), e.getValue())) {
        moved.add(e.getKey());
      }
    }
    for (Asset a : now.underlyings().keySet()) {
      if (!next.underlyings().containsKey(a)) {
        moved.add(a);
      }
    }
    for (Map.Entry<Asset, Double> e : next.assetPrices().entrySet()) {
      if (!e.getValue().equals(now.assetPrices().get(e.getKey()))) {
        moved.add(e.getKey());
      }
    }
    for (Asset a : now.assetPrices().keySet()) {
      if (!next.assetPrices().containsKey(a)) {
        moved.add(a);
      }
    }
    for (Asset a : moved) {
      changed |= bits.bit(a);
    }
    return new MarketDiff(full, newDegraded, changed, moved);
  }

  /** Whether two markets of an underlying are the same apart from their time. */
  private static boolean sameMarket(UnderlyingMarket a, UnderlyingMarket b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a == b) {
      return true;
    }
    return a.forwards().spot() == b.forwards().spot() && a.perpetualMark() == b.perpetualMark()
        && a.fundingRate8h() == b.fundingRate8h() && a.forwards().points().equals(b.forwards().points())
        && Objects.equals(a.vols().slices(), b.vols().slices());
  }
}
