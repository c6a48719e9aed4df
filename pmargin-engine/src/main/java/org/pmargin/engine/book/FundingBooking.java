package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.funding.FundingCalculator;
import org.pmargin.engine.funding.FundingPayment;
import org.pmargin.engine.funding.FundingSchedule;

/**
 * The funding of one market update, booked on copies of the accounts that pay or receive, so the engine can margin
 * them and commit or drop the lot (atomic like every event). For each funding time passed, in order, every account in
 * order and each of its perpetuals: the payment at the snapshot in force at that time (the previous snapshot for a
 * time before the new snapshot's, the new one for a time equal to it), credited to the settlement asset's balance.
 * Positions cannot change inside one update, so several funding times in one jump each pay on the same positions,
 * at the previous snapshot's rate and mark (the engine knows nothing newer for them).
 *
 * @param funded  the funded copies, by account index
 * @param payments  every payment, by time, then account, then position
 */
record FundingBooking(Map<Integer, AccountState> funded, List<FundingPayment> payments) {

  /** Nothing funded. */
  static final FundingBooking NONE = new FundingBooking(Map.of(), List.of());

  /**
   * Books the funding of a move from {@code previous} to {@code next} on copies of the accounts.
   *
   * @throws org.pmargin.core.validation.InvalidInputException when a payment cannot be computed or the update passes
   *     too many funding times; nothing is changed
   */
  static FundingBooking accrue(List<AccountState> accounts, FundingSchedule schedule, MarketSnapshot previous,
      MarketSnapshot next, AssetBits bits) {
    List<Instant> times = schedule.timesBetween(previous.asOf(), next.asOf());
    if (times.isEmpty()) {
      return NONE;
    }
    Map<Integer, AccountState> funded = new TreeMap<>();
    List<FundingPayment> payments = new ArrayList<>();
    Account[] views = new Account[accounts.size()];
    for (Instant t : times) {
      MarketSnapshot inForce = t.isBefore(next.asOf()) ? previous : next;
      for (int i = 0; i < accounts.size(); i++) {
        if (views[i] == null) {
          views[i] = accounts.get(i).toAccount();
        }
        List<FundingPayment> due = FundingCalculator.payments(views[i], t, inForce, schedule);
        if (due.isEmpty()) {
          continue;
        }
        AccountState copy = funded.computeIfAbsent(i, k -> accounts.get(k).copy());
        for (FundingPayment p : due) {
          copy.credit(p.currency(), p.amount(), bits);
        }
        payments.addAll(due);
      }
    }
    return funded.isEmpty() ? NONE : new FundingBooking(funded, List.copyOf(payments));
  }

  /** Whether the account at this index was funded. */
  boolean has(int index) {
    return funded.containsKey(index);
  }

  /** Puts the funded copies in place; returns the originals, to put back if the update is rejected. */
  Map<Integer, AccountState> swapInto(List<AccountState> accounts) {
    Map<Integer, AccountState> originals = new TreeMap<>();
    for (Map.Entry<Integer, AccountState> e : funded.entrySet()) {
      originals.put(e.getKey(), accounts.set(e.getKey(), e.getValue()));
    }
    return originals;
  }

  /** Puts the originals back. */
  static void restore(List<AccountState> accounts, Map<Integer, AccountState> originals) {
    for (Map.Entry<Integer, AccountState> e : originals.entrySet()) {
      accounts.set(e.getKey(), e.getValue());
    }
  }
}
