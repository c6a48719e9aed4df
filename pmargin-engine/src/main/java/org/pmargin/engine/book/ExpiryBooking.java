package org.pmargin.engine.book;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.expiry.ExpiryCheck;
import org.pmargin.core.expiry.ExpirySettlement;
import org.pmargin.core.expiry.SettledAccount;
import org.pmargin.core.expiry.SettledPosition;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.ExpirySettlementBooked;
import org.pmargin.engine.event.Fill;

/**
 * The expiry settlements of one market update, booked on copies of the accounts (after their funding), so the engine
 * can margin them and commit or drop the lot (atomic like every event). The rule is the stand-alone one ({@link
 * ExpirySettlement}): every position whose expiry is at or before the new snapshot's time is settled into its
 * settlement currency's balance and removed. The price is the new snapshot's delivery price for the expiry when it
 * carries one, else the new snapshot's index: the engine settles at the first update whose time reaches the expiry,
 * so that index is the first one known at or after it (a live feed should carry the venue's delivery price).
 *
 * @param settled  the settled copies, by account index
 * @param booked  every settlement, by account, then position
 */
record ExpiryBooking(Map<Integer, AccountState> settled, List<ExpirySettlementBooked> booked) {

  /** Nothing settled. */
  static final ExpiryBooking NONE = new ExpiryBooking(Map.of(), List.of());

  /**
   * Settles the expired positions of the accounts at the new snapshot's time.
   *
   * @param accounts  the engine's accounts
   * @param funding  this update's funding: a funded account is settled from its funded copy
   * @param next  the new snapshot
   * @param bits  the asset registry
   * @throws InvalidInputException when an expired position has neither a delivery price nor an index to settle at;
   *     nothing is changed
   */
  static ExpiryBooking settle(List<AccountState> accounts, FundingBooking funding, MarketSnapshot next,
      AssetBits bits) {
    Instant asOf = next.asOf();
    Map<Integer, AccountState> settled = null;
    List<ExpirySettlementBooked> booked = null;
    MarketSnapshot priced = null;
    for (int i = 0; i < accounts.size(); i++) {
      AccountState base = funding.funded().getOrDefault(i, accounts.get(i));
      if (!base.holdsExpired(asOf)) {
        continue;
      }
      Account view = base.toAccount();
      if (priced == null) {
        priced = next;
      }
      priced = withFallbackPrices(view, priced);
      SettledAccount result;
      try {
        result = ExpirySettlement.settle(view, priced);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("account " + view.id() + " expiry settlement", e.getMessage(), e);
      }
      if (settled == null) {
        settled = new TreeMap<>();
        booked = new ArrayList<>();
      }
      settled.put(i, base.replacedBy(result.account(), bits));
      for (SettledPosition s : result.settlements()) {
        DeliveryPrice d = s.deliveryPrice();
        booked.add(new ExpirySettlementBooked(view.id(), s.position().instrument().symbol(), d.expiry(),
            s.position().quantity(), d.price(), d.source(), s.amount(), s.currency(), s.amountUsd()));
      }
    }
    return settled == null ? NONE : new ExpiryBooking(settled, List.copyOf(booked));
  }

  /** The snapshot with, for each expiry of the account that has passed and has no delivery price, the index. */
  private static MarketSnapshot withFallbackPrices(Account view, MarketSnapshot market) {
    List<DeliveryPrice> added = null;
    for (var p : view.portfolio().positions()) {
      Instrument inst = p.instrument();
      if (!ExpiryCheck.expired(inst, market.asOf())) {
        continue;
      }
      Asset u = inst.underlying();
      Instant expiry = inst.expiry().orElseThrow();
      if (market.deliveryPrice(u, expiry).isPresent()
          || added != null && added.stream().anyMatch(d -> d.underlying().equals(u) && d.expiry().equals(expiry))) {
        continue;
      }
      if (!market.underlyings().containsKey(u)) {
        continue; // ExpirySettlement names the position: no delivery price and no index to settle at
      }
      if (added == null) {
        added = new ArrayList<>(market.deliveryPrices());
      }
      added.add(new DeliveryPrice(u, expiry, market.underlying(u).index(),
          "index at " + market.asOf() + " (no delivery price in the snapshot)"));
    }
    return added == null ? market : market.withDeliveryPrices(added);
  }

  /** Whether the account at this index was settled. */
  boolean has(int index) {
    return settled.containsKey(index);
  }

  /** Puts the settled copies in place; returns what they replaced, to put back if the update is rejected. */
  Map<Integer, AccountState> swapInto(List<AccountState> accounts) {
    Map<Integer, AccountState> originals = new TreeMap<>();
    for (Map.Entry<Integer, AccountState> e : settled.entrySet()) {
      originals.put(e.getKey(), accounts.set(e.getKey(), e.getValue()));
    }
    return originals;
  }

  /**
   * Why a fill in an instrument expired at the market time is refused, or null when it is live: the venue has
   * settled and removed the instrument, so it cannot be traded.
   */
  static String fillRefusal(Fill fill, Instant asOf) {
    Instrument inst = fill.instrument();
    if (!ExpiryCheck.expired(inst, asOf)) {
      return null;
    }
    return "fill in " + inst.symbol() + " refused: it expired at " + inst.expiry().orElseThrow()
        + ", at or before the market time " + asOf + " (expired positions are settled, not traded)";
  }
}
