package org.pmargin.engine.book;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.funding.FundingSchedule;

/**
 * A market update prepared on the engine's accounts: funding booked, expiries settled, the vector cache for the new
 * snapshot, the accounts to re-margin and their new margins. When it fails the accounts are as they were.
 *
 * @param diff  what the update moved
 * @param funding  the funding booked
 * @param expiries  the expiry settlements booked
 * @param cache  the vector cache of the new snapshot
 * @param targets  the accounts re-margined, by index
 * @param health  their margins, in order (null on a failure)
 * @param failure  why the update is rejected, or null
 * @param cacheTainted  whether the shared cache may hold vectors of a rejected snapshot (to be dropped)
 */
record MarketStep(MarketDiff diff, FundingBooking funding, ExpiryBooking expiries, SnapshotVectorCache cache,
    List<Integer> targets, AccountHealth[] health, String failure, boolean cacheTainted) {

  static MarketStep prepare(List<AccountState> accounts, MarketSnapshot now, MarketSnapshot next, MarketDiff diff,
      FundingSchedule schedule, SnapshotVectorCache cache, MarginModel model, ForkJoinPool pool, AssetBits bits,
      boolean vectorsPerMarketTime) {
    FundingBooking funding;
    ExpiryBooking expiries;
    try {
      funding = FundingBooking.accrue(accounts, schedule, now, next, bits);
      expiries = ExpiryBooking.settle(accounts, funding, next, bits);
    } catch (InvalidInputException e) {
      return failed(diff, e.getMessage(), false);
    }
    SnapshotVectorCache nextCache;
    if (diff.full() || vectorsPerMarketTime && !next.asOf().equals(now.asOf())) {
      nextCache = new SnapshotVectorCache();
    } else {
      nextCache = cache;
      for (Asset a : diff.moved()) {
        nextCache.invalidate(a);
      }
      if (!expiries.booked().isEmpty()) {
        nextCache.dropExpired(next.asOf());
      }
    }
    IndexList targets = new IndexList(accounts.size());
    boolean timeMoved = !next.asOf().equals(now.asOf()); // ages attestations: their accounts are re-margined
    for (int i = 0; i < accounts.size(); i++) {
      if (diff.full() || (accounts.get(i).exposure & diff.changedMask()) != 0 || funding.has(i) || expiries.has(i)
          || timeMoved && accounts.get(i).crossVenue != null) {
        targets.addIndex(i);
      }
    }
    Map<Integer, AccountState> unfunded = funding.swapInto(accounts); // margined after funding; put back if refused
    Map<Integer, AccountState> unsettled = expiries.swapInto(accounts); // then after expiry settlement
    BatchMargining.Recomputed r;
    try {
      r = BatchMargining.recompute(accounts, pool, targets, model, next, nextCache);
    } catch (RuntimeException e) {
      FundingBooking.restore(accounts, unsettled);
      FundingBooking.restore(accounts, unfunded);
      throw e;
    }
    if (r.failure() != null) {
      FundingBooking.restore(accounts, unsettled);
      FundingBooking.restore(accounts, unfunded);
      return failed(diff, r.failure(), nextCache == cache);
    }
    return new MarketStep(diff, funding, expiries, nextCache, targets, r.health(), null, false);
  }

  private static MarketStep failed(MarketDiff diff, String why, boolean tainted) {
    return new MarketStep(diff, null, null, null, List.of(), null, why, tainted);
  }
}
