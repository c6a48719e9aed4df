package org.pmargin.engine.venue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of attestations and venue registrations (docs/VENUES.md): an engine-script line of type {@code
 * attestation} ({@code venue}, {@code account}, {@code sequence}, {@code timestamp}, {@code balances} of {@code
 * asset} and {@code amount}, {@code positions} of {@code instrument}, {@code quantity} and {@code entry_price},
 * {@code signature} in hex) or {@code venue} ({@code venue}, {@code public_key}: the raw 32-byte Ed25519 key in hex,
 * {@code haircut}, {@code fresh_seconds}, {@code expiry_seconds}, {@code skew_seconds}). Every field is required and
 * no other is accepted, so nothing outside the signed bytes can ride along.
 */
public final class AttestationJson {

  private static final Set<String> ATTESTATION = Set.of("type", "venue", "account", "sequence", "timestamp",
      "balances", "positions", "signature");
  private static final Set<String> VENUE = Set.of("type", "venue", "public_key", "haircut", "fresh_seconds",
      "expiry_seconds", "skew_seconds");
  private static final HexFormat HEX = HexFormat.of();

  private AttestationJson() {
  }

  /** Reads an {@code attestation} line (errors name the field). */
  public static Attestation read(Fields f) {
    f.onlyKnown(ATTESTATION);
    List<Attestation.Balance> balances = new ArrayList<>();
    for (Fields b : f.objects("balances")) {
      b.onlyKnown(Set.of("asset", "amount"));
      try {
        balances.add(new Attestation.Balance(b.text("asset"), b.number("amount")));
      } catch (InvalidInputException e) {
        throw b.locate(e);
      }
    }
    List<Attestation.Holding> positions = new ArrayList<>();
    for (Fields p : f.objects("positions")) {
      p.onlyKnown(Set.of("instrument", "quantity", "entry_price"));
      try {
        positions.add(new Attestation.Holding(p.text("instrument"), p.number("quantity"), p.number("entry_price")));
      } catch (InvalidInputException e) {
        throw p.locate(e);
      }
    }
    byte[] sig;
    try {
      sig = HEX.parseHex(f.text("signature"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(f.pathOf("signature"), "must be hex (128 digits for Ed25519)");
    }
    try {
      return new Attestation(f.text("venue"), f.text("account"), f.integer("sequence"), f.instant("timestamp"),
          balances, positions, sig);
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  /** Writes an attestation as an {@code attestation} line. */
  public static ObjectNode write(Attestation a) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("type", "attestation").put("venue", a.venue())
        .put("account", a.account()).put("sequence", a.sequence()).put("timestamp", a.timestamp().toString());
    ArrayNode b = n.putArray("balances");
    for (Attestation.Balance x : a.balances()) {
      b.addObject().put("asset", x.asset()).put("amount", x.amount());
    }
    ArrayNode p = n.putArray("positions");
    for (Attestation.Holding x : a.positions()) {
      p.addObject().put("instrument", x.instrument()).put("quantity", x.quantity()).put("entry_price", x.entryPrice());
    }
    n.put("signature", HEX.formatHex(a.signature()));
    return n;
  }

  /** Reads a {@code venue} line. */
  public static Venue readVenue(Fields f) {
    f.onlyKnown(VENUE);
    byte[] key;
    try {
      key = HEX.parseHex(f.text("public_key"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(f.pathOf("public_key"), "must be hex (64 digits: a raw Ed25519 key)");
    }
    try {
      return new Venue(f.text("venue"), Venue.ed25519(key), f.number("haircut"), seconds(f, "fresh_seconds"),
          seconds(f, "expiry_seconds"), seconds(f, "skew_seconds"));
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static Duration seconds(Fields f, String name) {
    long s = f.integer(name);
    if (s < 0) {
      throw new InvalidInputException(f.pathOf(name), "must be >= 0, got " + s);
    }
    return Duration.ofSeconds(s);
  }

  /** Writes a venue registration as a {@code venue} line. */
  public static ObjectNode writeVenue(Venue v) {
    return Json.MAPPER.createObjectNode().put("type", "venue").put("venue", v.id())
        .put("public_key", HEX.formatHex(Venue.raw(v.key()))).put("haircut", v.haircut())
        .put("fresh_seconds", v.fresh().toSeconds()).put("expiry_seconds", v.expiry().toSeconds())
        .put("skew_seconds", v.skew().toSeconds());
  }
}
