package org.pmargin.engine.venue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.validation.InvalidInputException;

/**
 * One accepted attestation as the engine margins it: the venue's terms in force and the attested positions and
 * balances resolved to instruments (Deribit symbols, {@link DeribitSymbols}) and assets. Immutable.
 *
 * @param attestation  the accepted attestation (kept whole: signature and all, for the state export)
 * @param venue  the venue's registration in force
 * @param instruments  the attested positions' instruments, in the attestation's order
 * @param assets  the attested balances' assets, in the attestation's order
 */
public record VenueHoldings(Attestation attestation, Venue venue, List<Instrument> instruments, List<Asset> assets) {

  /** Copies. */
  public VenueHoldings {
    instruments = List.copyOf(instruments);
    assets = List.copyOf(assets);
  }

  /**
   * Resolves an attestation's symbols and asset codes.
   *
   * @throws InvalidInputException naming {@code positions[i].instrument} or {@code balances[i].asset}
   */
  public static VenueHoldings resolve(Attestation a, Venue v) {
    List<Instrument> inst = new ArrayList<>(a.positions().size());
    for (int i = 0; i < a.positions().size(); i++) {
      Attestation.Holding h = a.positions().get(i);
      try {
        inst.add(DeribitSymbols.parse(h.instrument()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("positions[" + i + "].instrument", e.reason(), e);
      }
      if (h.quantity() == 0 || h.entryPrice() < 0) {
        throw new InvalidInputException("positions[" + i + "]", "a position needs a non-zero quantity and an entry "
            + "price >= 0");
      }
    }
    List<Asset> assets = new ArrayList<>(a.balances().size());
    for (int i = 0; i < a.balances().size(); i++) {
      try {
        assets.add(Asset.of(a.balances().get(i).asset()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("balances[" + i + "].asset", e.reason(), e);
      }
    }
    return new VenueHoldings(a, v, inst, assets);
  }

  /** The same holdings under new terms of the venue (a re-registration). */
  public VenueHoldings under(Venue v) {
    return new VenueHoldings(attestation, v, instruments, assets);
  }

  /** The attestation's age at a market time, never negative (a timestamp within the skew counts as age 0). */
  public Duration ageAt(Instant asOf) {
    Duration age = Duration.between(attestation.timestamp(), asOf);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** The haircut on its credits at a market time ({@link Venue#haircutAt}). */
  public double haircutAt(Instant asOf) {
    return venue.haircutAt(ageAt(asOf));
  }

  /** Whether it has reached the venue's expiry at a market time: its credits then count for nothing. */
  public boolean expiredAt(Instant asOf) {
    return ageAt(asOf).compareTo(venue.expiry()) >= 0;
  }
}
