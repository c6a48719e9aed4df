package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import java.util.HexFormat;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.engine.book.VenueView;
import org.pmargin.engine.venue.AttestationGate.Verdict;
import org.pmargin.engine.venue.AttestationJson;
import org.pmargin.engine.venue.Venue;
import org.pmargin.server.metrics.ServiceMetrics;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cross-venue collateral and positions (docs/VENUES.md, docs/API.md "Venues"): {@code PUT /v1/venues/{id}} (admin)
 * registers a venue or replaces its key and terms, {@code POST /v1/attestations} (admin) submits a signed
 * attestation, each a logged event the sequencer applies (so a recovery replays them); {@code GET /v1/venues} (risk,
 * admin) lists the registered venues with the accepted sequence and age of what each attests, the verdict counts and
 * the accounts short on their cross-venue profile. A refused attestation is answered 422 with its {@code verdict},
 * the {@code field} it is about and the {@code rejection}; a body that is not an attestation at all 400 (counted
 * {@code malformed}).
 */
final class VenueRoutes {

  private VenueRoutes() {
  }

  static void install(RoutesConfig r, MarginService service, ServiceMetrics metrics) {
    r.get("/v1/venues", ctx -> HttpApi.json(ctx, 200, view(service.engine().venues(),
        service.engine().crossVenueShortfalls())));
    r.put("/v1/venues/{id}", ctx -> {
      Fields f = Requests.body(ctx);
      ObjectNode line = ((ObjectNode) f.node().deepCopy());
      String clientId = f.text("client_id");
      line.remove("client_id");
      line.put("type", "venue").put("venue", ctx.pathParam("id"));
      AttestationJson.readVenue(Fields.of(line, "")); // every field checked before anything is logged
      HttpApi.write(ctx, service, Command.of(clientId, line));
    });
    r.post("/v1/attestations", ctx -> {
      ObjectNode line;
      String clientId;
      try {
        Fields f = Requests.body(ctx);
        line = ((ObjectNode) f.node().deepCopy());
        clientId = f.text("client_id");
        line.remove("client_id");
        if (line.has("type") && !"attestation".equals(line.get("type").asString())) {
          throw new InvalidInputException("type", "must be attestation when given");
        }
        line.put("type", "attestation");
        AttestationJson.read(Fields.of(line, ""));
      } catch (InvalidInputException e) {
        metrics.attestation("-", "malformed");
        throw e;
      }
      HttpApi.write(ctx, service, Command.of(clientId, line));
    });
  }

  private static ObjectNode view(VenueView v, java.util.List<String> shortfalls) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("as_of", v.asOf().toString());
    ArrayNode list = n.putArray("venues");
    for (VenueView.Line line : v.venues()) {
      Venue venue = line.venue();
      ObjectNode o = list.addObject().put("venue", venue.id())
          .put("public_key", HexFormat.of().formatHex(Venue.raw(venue.key()))).put("haircut", venue.haircut())
          .put("fresh_seconds", venue.fresh().toSeconds()).put("expiry_seconds", venue.expiry().toSeconds())
          .put("skew_seconds", venue.skew().toSeconds()).put("version", line.version())
          .put("sequence", line.sequence()).put("accounts_attested", line.accounts().size());
      VenueView.Attested newest = line.newest();
      if (newest == null) {
        o.putNull("last_sequence");
        o.putNull("age_seconds");
      } else {
        o.put("last_sequence", newest.sequence()).put("age_seconds", newest.age().toMillis() / 1e3);
      }
      ArrayNode accounts = o.putArray("accounts");
      for (VenueView.Attested a : line.accounts()) {
        accounts.addObject().put("account", a.account()).put("sequence", a.sequence())
            .put("timestamp", a.timestamp().toString()).put("age_seconds", a.age().toMillis() / 1e3)
            .put("haircut", a.haircut()).put("expired", a.expired());
      }
    }
    ObjectNode counts = n.putObject("verdicts");
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict.code(), v.counts().getOrDefault(verdict, 0L));
    }
    ArrayNode s = n.putArray("cross_venue_shortfalls");
    shortfalls.forEach(s::add);
    return n;
  }
}
