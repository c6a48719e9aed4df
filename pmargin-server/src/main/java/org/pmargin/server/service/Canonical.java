package org.pmargin.server.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers as Jackson writes them (shortest round-trip form).
 * The same request always gives the same text, so the log can compare a repeated request with the first.
 */
public final class Canonical {

  private Canonical() {
  }

  /** Writes object properties in key order as it goes (no sorted copy of the tree: a market event's answer holds a
   * margin per account, and copying it cost more than writing it). */
  private static final ObjectWriter SORTED = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

  /** The canonical text of a tree (the same text as writing {@link #sorted} of it). */
  public static String write(JsonNode node) {
    return SORTED.writeValueAsString(node);
  }

  /** A copy of the tree with every object's keys sorted. */
  public static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> keys = new ArrayList<>(o.propertyNames());
      Collections.sort(keys);
      ObjectNode out = Json.MAPPER.createObjectNode();
      for (String k : keys) {
        out.set(k, sorted(o.get(k)));
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (JsonNode x : a) {
        out.add(sorted(x));
      }
      return out;
    }
    return node;
  }
}
