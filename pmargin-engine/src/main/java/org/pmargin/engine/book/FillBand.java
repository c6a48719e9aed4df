package org.pmargin.engine.book;

import java.util.List;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.guard.FillPriceRange;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandBreach;
import org.pmargin.engine.guard.PriceBandMode;

/** The engine's price-band checks of fills and orders (see {@link PriceBand}). */
final class FillBand {

  private FillBand() {
  }

  /** The band around a fill's instrument, or null when the band is off. */
  static FillPriceRange range(PriceBand band, Fill f, MarketSnapshot market) {
    return band.mode() == PriceBandMode.OFF ? null : band.range(f.instrument(), market);
  }

  /** The outcome with the fill flagged when it was booked outside the band. */
  static EventOutcome flagged(EventOutcome o, Fill f, FillPriceRange range) {
    boolean outside = range != null && !range.contains(f.price());
    if (!outside || !o.accepted()) {
      return o;
    }
    return o.withPriceFlags(List.of(new PriceBandBreach(f.accountId(), f.instrument().symbol(), f.quantity(),
        f.price(), range, range.breach(f.instrument().symbol(), f.price()))));
  }

  /** In refuse mode, an order priced outside the band is an error on its price, as the fill would be refused. */
  static void check(PriceBand band, Fill f, int i, MarketSnapshot market) {
    if (band.mode() != PriceBandMode.REFUSE) {
      return;
    }
    FillPriceRange range = band.range(f.instrument(), market);
    if (!range.contains(f.price())) {
      throw new InvalidInputException("orders[" + i + "].price", range.breach(f.instrument().symbol(), f.price()));
    }
  }

  /**
   * A copy of an account with orders booked as if filled at their prices (what-if), each checked as a fill would be.
   *
   * @throws InvalidInputException naming {@code orders[i]} when an order is on another account, in an expired
   *     instrument, or (refuse mode) priced outside the band
   */
  static AccountState hypothetical(AccountState s, List<Fill> orders, PriceBand band, MarketSnapshot market,
      AssetBits bits) {
    AccountState hypo = s.copy();
    for (int i = 0; i < orders.size(); i++) {
      Fill f = org.pmargin.core.validation.Checks.notNull(orders.get(i), "orders[" + i + "]");
      if (!f.accountId().equals(s.id)) {
        throw new InvalidInputException("orders[" + i + "].account_id", "is " + f.accountId() + ", not " + s.id);
      }
      String expired = ExpiryBooking.fillRefusal(f, market.asOf());
      if (expired != null) {
        throw new InvalidInputException("orders[" + i + "].instrument", expired);
      }
      check(band, f, i, market);
      hypo.fill(f.instrument(), f.quantity(), f.price(), bits);
    }
    return hypo;
  }
}
