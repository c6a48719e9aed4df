package org.pmargin.server.api;

import java.util.Set;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.server.service.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns HTTP request bodies into log commands, strictly: the body must be one JSON object (no duplicate keys, no
 * unknown field), every state-changing request carries a {@code client_id}, and each field is checked for its type
 * here (its range by the engine's event types); an error names the field.
 */
final class Requests {

  private Requests() {
  }

  /**
   * Parses a request's body that must be a JSON object. A body of a declared length within the API's limit is read
   * straight into an array of that length (Javalin's reader copied it through an 8 KB buffer: a twentieth of a
   * what-if request's time); any other goes through Javalin's limited reader (413 over the limit).
   */
  static Fields body(io.javalin.http.Context ctx) {
    int length = ctx.req().getContentLength();
    if (length < 0 || length > HttpApi.MAX_REQUEST_BYTES) {
      return body(ctx.body());
    }
    byte[] bytes;
    try {
      bytes = ctx.req().getInputStream().readNBytes(length);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (bytes.length < length) {
      throw new InvalidInputException("body", "truncated: " + bytes.length + " of the " + length + " bytes declared");
    }
    return body(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Parses a body that must be a JSON object. */
  static Fields body(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("body", "must be a JSON object, got an empty body");
    }
    JsonNode n = Json.parse(text, "the request body", 1);
    if (!n.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    return Fields.of(n, "");
  }

  static Command create(Fields f) {
    f.onlyKnown(Set.of("client_id", "account"));
    String account = account(f.text("account"));
    return Command.of(f.text("client_id"), node("create").put("account", account));
  }

  static Command transfer(String type, String account, Fields f) {
    f.onlyKnown(Set.of("client_id", "asset", "amount"));
    String asset = f.text("asset");
    double amount = f.number("amount");
    return Command.of(f.text("client_id"), node(type).put("account", account).put("asset", asset)
        .put("amount", amount));
  }

  static Command fill(String account, Fields f) {
    f.onlyKnown(Set.of("client_id", "instrument", "quantity", "price"));
    if (!f.has("instrument")) {
      throw new InvalidInputException("instrument", "is required");
    }
    ObjectNode n = node("fill").put("account", account);
    n.set("instrument", f.node().get("instrument"));
    n.put("quantity", f.number("quantity"));
    n.put("price", f.number("price"));
    return Command.of(f.text("client_id"), n);
  }

  static Command market(Fields f) {
    f.onlyKnown(Set.of("client_id", "moves", "vol_factors", "at", "degraded", "delivery_prices"));
    ObjectNode n = node("market");
    for (String k : new String[] {"moves", "vol_factors", "at", "degraded", "delivery_prices"}) {
      if (f.has(k)) {
        n.set(k, f.node().get(k));
      }
    }
    return Command.of(f.text("client_id"), n);
  }

  /** An account id: 1 to 100 characters of letters, digits, '-', '_' and '.'. */
  static String account(String id) {
    if (id == null || id.isEmpty() || id.length() > 100 || !id.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidInputException("account", "must be 1 to 100 characters of letters, digits, '.', '_' or "
          + "'-', got '" + id + "'");
    }
    return id;
  }

  private static ObjectNode node(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
