package org.pmargin.engine.book;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.engine.venue.AttestationGate.Verdict;
import org.pmargin.engine.venue.Venue;
import org.pmargin.engine.venue.VenueHoldings;
import org.pmargin.engine.venue.VenueRegistry;

/**
 * The registered venues as the risk desk reads them: each registration and, per account it attests, the accepted
 * sequence number, the attestation's age and haircut at the engine's market time; the verdict counts.
 *
 * @param asOf  the market time the ages are measured at
 * @param venues  the venues, by id
 * @param counts  how many attestations met each verdict
 */
public record VenueView(Instant asOf, List<Line> venues, Map<Verdict, Long> counts) {

  /**
   * One venue.
   *
   * @param venue  its registration
   * @param version  the registration's version
   * @param sequence  the engine event that set it
   * @param accounts  the accounts it attests, in the engine's order
   */
  public record Line(Venue venue, long version, long sequence, List<Attested> accounts) {

    /** The newest accepted attestation of the venue (by timestamp), or null when it attests none. */
    public Attested newest() {
      Attested best = null;
      for (Attested a : accounts) {
        if (best == null || a.timestamp().isAfter(best.timestamp())) {
          best = a;
        }
      }
      return best;
    }
  }

  /**
   * One account's accepted attestation of a venue.
   *
   * @param account  the account
   * @param sequence  the venue's sequence number accepted
   * @param timestamp  when the venue took the state
   * @param age  its age at {@link #asOf}
   * @param haircut  the haircut that age earns
   * @param expired  whether it credits nothing any more
   */
  public record Attested(String account, long sequence, Instant timestamp, Duration age, double haircut,
      boolean expired) {
  }

  static VenueView of(VenueRegistry registry, List<AccountState> accounts, Instant asOf) {
    List<Line> lines = new ArrayList<>();
    for (VenueRegistry.Entry e : registry.entries()) {
      List<Attested> attested = new ArrayList<>();
      for (AccountState s : accounts) {
        if (s.crossVenue == null) {
          continue;
        }
        for (VenueHoldings h : s.crossVenue.holdings()) {
          if (h.venue().id().equals(e.venue().id())) {
            attested.add(new Attested(s.id, h.attestation().sequence(), h.attestation().timestamp(), h.ageAt(asOf),
                h.haircutAt(asOf), h.expiredAt(asOf)));
          }
        }
      }
      lines.add(new Line(e.venue(), e.version(), e.sequence(), attested));
    }
    return new VenueView(asOf, lines, registry.counts());
  }
}
