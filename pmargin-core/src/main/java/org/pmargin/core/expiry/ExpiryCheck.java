package org.pmargin.core.expiry;

import java.time.Instant;
import java.util.List;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The rule that an expired instrument is never valued or margined as live: an option or dated future whose expiry is
 * at or before the market time has been settled by the venue at its delivery price and removed, so it has no price
 * path left. {@link org.pmargin.core.valuation.PositionValuer} refuses one (every valuer and margin model values
 * through it) and {@link org.pmargin.core.margin.PoolBook#split(org.pmargin.core.portfolio.Account,
 * org.pmargin.core.margin.MarginView, org.pmargin.core.market.MarketSnapshot)} names its place in the account first;
 * {@link ExpirySettlement} settles it. Allocates nothing unless it refuses.
 */
public final class ExpiryCheck {

  private ExpiryCheck() {
  }

  /**
   * Whether an instrument has expired at a market time (its expiry at or before it); spot and perpetuals never do.
   *
   * @param instrument  the instrument
   * @param asOf  the market time
   * @return whether it has expired
   */
  public static boolean expired(Instrument instrument, Instant asOf) {
    return switch (instrument) {
      case EuropeanOption o -> !o.expiryInstant().isAfter(asOf);
      case DatedFuture f -> !f.expiryInstant().isAfter(asOf);
      default -> false;
    };
  }

  /**
   * Refuses an expired instrument.
   *
   * @param instrument  the instrument
   * @param asOf  the market time
   * @throws InvalidInputException naming {@code instrument} when it has expired
   */
  public static void requireLive(Instrument instrument, Instant asOf) {
    if (expired(instrument, asOf)) {
      throw new InvalidInputException("instrument", reason(instrument, asOf));
    }
  }

  /**
   * Refuses positions of which one has expired.
   *
   * @param positions  the positions, in the account's order
   * @param asOf  the market time
   * @throws InvalidInputException naming {@code positions[i].instrument} of the first expired position
   */
  public static void requireLive(List<Position> positions, Instant asOf) {
    for (int i = 0; i < positions.size(); i++) {
      Instrument inst = positions.get(i).instrument();
      if (expired(inst, asOf)) {
        throw new InvalidInputException("positions[" + i + "].instrument", reason(inst, asOf));
      }
    }
  }

  private static String reason(Instrument instrument, Instant asOf) {
    return instrument.symbol() + " expired at " + instrument.expiry().orElseThrow() + ", at or before the market"
        + " time " + asOf + ": an expired position has no price path and is not margined; settle it first at its"
        + " expiry's delivery price (ExpirySettlement; 'delivery_prices' in the market file)";
  }
}
