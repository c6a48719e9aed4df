package org.pmargin.server.service;

import java.util.Set;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * A state-changing request as the log keeps it: the client's idempotency id and the request in canonical JSON, one
 * line of the engine event format (docs/FORMATS.md, "Engine events": {@code deposit}, {@code withdraw}, {@code fill},
 * {@code market}, {@code parameters}, {@code liquidation}, {@code venue}, {@code attestation}) or {@code {"type":"create","account":...}}.
 *
 * @param clientId  the idempotency id, 1 to 200 characters
 * @param type  the payload's {@code type}
 * @param payload  the canonical JSON text
 */
public record Command(String clientId, String type, String payload) {

  /** The event types the log holds. */
  public static final Set<String> TYPES = Set.of("create", "deposit", "withdraw", "fill", "market", "parameters",
      "liquidation", "venue", "attestation");

  /** Validates the fields. */
  public Command {
    Checks.notBlank(clientId, "client_id");
    Checks.require(clientId.length() <= 200, "client_id", "must be at most 200 characters, got "
        + clientId.length());
    Checks.require(TYPES.contains(type), "type", "must be one of " + TYPES + ", got '" + type + "'");
    Checks.notBlank(payload, "payload");
  }

  /**
   * A command from a request tree (its {@code type} field names the event).
   *
   * @param clientId  the idempotency id
   * @param request  the request, in the engine event-line format
   * @return the command with the canonical payload
   */
  public static Command of(String clientId, JsonNode request) {
    Checks.notNull(request, "request");
    JsonNode t = request.get("type");
    if (t == null || !t.isString()) {
      throw new InvalidInputException("type", "must be one of " + TYPES);
    }
    return new Command(clientId, t.stringValue(), Canonical.write(request));
  }
}
