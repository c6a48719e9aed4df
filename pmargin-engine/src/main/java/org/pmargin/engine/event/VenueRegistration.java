package org.pmargin.engine.event;

import org.pmargin.core.validation.Checks;
import org.pmargin.engine.venue.Venue;

/**
 * Registers a venue whose attestations the engine accepts, or replaces its key and terms (the next version of its
 * registration): the accounts holding its attestations are re-margined under the new terms.
 *
 * @param venue  the venue's id, key and risk terms
 */
public record VenueRegistration(Venue venue) implements EngineEvent {

  /** Validates the field. */
  public VenueRegistration {
    Checks.notNull(venue, "venue");
  }
}
