package org.pmargin.engine.event;

import org.pmargin.core.validation.Checks;
import org.pmargin.engine.venue.Attestation;

/**
 * An attestation of another venue for one of the engine's accounts: accepted (its holdings replace that venue's
 * previous ones for the account, which is re-margined) only when {@link org.pmargin.engine.venue.AttestationGate}'s
 * checks pass on the engine's market time; otherwise rejected with the verdict's code first in the reason
 * ({@code "stale: …"}).
 *
 * @param attestation  the signed attestation
 */
public record AttestationReceived(Attestation attestation) implements EngineEvent {

  /** Validates the field. */
  public AttestationReceived {
    Checks.notNull(attestation, "attestation");
  }
}
