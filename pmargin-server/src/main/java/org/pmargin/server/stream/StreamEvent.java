package org.pmargin.server.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.script.EventScript;
import org.pmargin.server.service.Canonical;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.MarginsColumn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One logged event as the streams send it: the event itself ({@code type: event}, with its request and answer),
 * then one message per account re-margined ({@code margin}), per health change ({@code health}), per liquidation
 * step, bankruptcy, loss entry and liquidation failure. Built from the log's row, so a replay from the store sends
 * exactly what the live stream sent. The firehose's messages are built once and shared by its subscribers; one
 * account's share keeps the events that concern it (its own requests, every market update, any answer entry
 * naming it as account or counterparty) with the answer's lists cut to its entries.
 *
 * <p>An event that re-margins the whole book keeps its margins apart from its answer, in the log's margins column
 * ({@link MarginsColumn}); they are sent as the same {@code margin} messages, decoded when a subscriber first
 * needs them, and an account's share holds its own.
 */
public final class StreamEvent {

  /** The answer's lists of per-account entries, and the message type each entry is also sent as. */
  private static final Map<String, String> LISTS = Map.of("margins", "margin", "transitions", "health",
      "liquidations", "liquidation", "bankruptcies", "bankruptcy", "losses", "loss",
      "liquidation_failures", "liquidation_failure", "funding", "funding", "settlements", "settlement",
      "price_flags", "price_flag");
  private static final List<String> ORDER = List.of("margins", "transitions", "liquidations", "bankruptcies",
      "losses", "liquidation_failures", "funding", "settlements", "price_flags");
  private static final Set<String> PUBLIC_TYPES = Set.of("market");

  private final LoggedEvent event;
  private ObjectNode payload;
  private ObjectNode answer;
  private List<String> firehose;
  private Map<String, Map<String, List<JsonNode>>> index;
  private List<JsonNode> apart;

  /**
   * Wraps a logged event (parsed on first use).
   *
   * @param event  the event
   */
  public StreamEvent(LoggedEvent event) {
    this.event = event;
  }

  /** The event's sequence number. */
  public long sequence() {
    return event.sequence();
  }

  /**
   * The messages for a subscriber.
   *
   * @param account  the subscriber's account, or null for the firehose
   * @return the JSON texts in order; empty when the event does not concern the account
   */
  public List<String> messages(String account) {
    if (account == null) {
      synchronized (this) {
        if (firehose == null) {
          firehose = build(null);
        }
        return firehose;
      }
    }
    return build(account);
  }

  private synchronized void parse() {
    if (payload == null) {
      payload = (ObjectNode) Json.parse(event.payload());
      answer = (ObjectNode) Json.parse(event.answer());
    }
  }

  private List<String> build(String account) {
    parse();
    ObjectNode shown = account == null ? answer : cut(account);
    if (shown == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("type", "event");
    e.put("seq", event.sequence());
    e.put("event_type", event.type());
    e.set("payload", payload);
    e.set("answer", shown);
    out.add(Json.MAPPER.writeValueAsString(e));
    for (String list : ORDER) {
      Iterable<JsonNode> entries = shown.get(list);
      if (entries == null && list.equals("margins") && event.margins() != null) {
        entries = account == null ? apart()
            : byAccount().getOrDefault(account, Map.of()).getOrDefault(list, List.of());
      }
      if (entries == null) {
        continue;
      }
      for (JsonNode entry : entries) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", LISTS.get(list));
        m.put("seq", event.sequence());
        m.setAll((ObjectNode) entry);
        out.add(Json.MAPPER.writeValueAsString(m));
      }
    }
    return out;
  }

  /**
   * The answer cut to one account's entries, or null when the event does not concern it: its fields in their
   * order, each list holding the account's entries (the others shared, not copied). A tick's answer lists every
   * account it re-margined, so the entries are indexed by account once per event ({@link #byAccount}) and each
   * subscriber's share costs its own entries, not a copy and a scan of the whole answer.
   */
  private ObjectNode cut(String account) {
    JsonNode own = payload.get("account");
    boolean concerns = PUBLIC_TYPES.contains(event.type()) || (own != null && account.equals(own.asString()));
    Map<String, List<JsonNode>> mine = byAccount().getOrDefault(account, Map.of());
    ObjectNode copy = Json.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : answer.properties()) {
      if (LISTS.containsKey(field.getKey()) && field.getValue().isArray()) {
        ArrayNode kept = copy.putArray(field.getKey());
        mine.getOrDefault(field.getKey(), List.of()).forEach(kept::add);
        concerns |= !kept.isEmpty();
      } else {
        copy.set(field.getKey(), field.getValue());
      }
    }
    concerns |= event.margins() != null && mine.containsKey("margins");
    return concerns ? copy : null;
  }

  /** The margins kept apart from the answer, as its entries would list them (decoded once). */
  private synchronized List<JsonNode> apart() {
    if (apart == null) {
      List<AccountMargin> margins;
      try {
        margins = MarginsColumn.decode(event.margins());
      } catch (IllegalArgumentException x) {
        throw new IllegalStateException("event " + event.sequence() + "'s margins are not readable: "
            + x.getMessage(), x);
      }
      List<JsonNode> out = new ArrayList<>(margins.size());
      for (AccountMargin m : margins) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        EventScript.margin(entry, m);
        out.add(Canonical.sorted(entry)); // as an entry of a logged (canonical) answer
      }
      apart = out;
    }
    return apart;
  }

  /** The answer's list entries by the account they name (as account or counterparty), then by list, in order. */
  private synchronized Map<String, Map<String, List<JsonNode>>> byAccount() {
    if (index == null) {
      Map<String, Map<String, List<JsonNode>>> out = new java.util.HashMap<>();
      for (String list : ORDER) {
        Iterable<JsonNode> entries = answer.get(list);
        if (entries == null && list.equals("margins") && event.margins() != null) {
          entries = apart();
        } else if (entries == null || !((JsonNode) entries).isArray()) {
          continue;
        }
        for (JsonNode entry : entries) {
          JsonNode a = entry.get("account");
          JsonNode c = entry.get("counterparty");
          String first = a != null && a.isString() ? a.asString() : null;
          String second = c != null && c.isString() ? c.asString() : null;
          if (first != null) {
            out.computeIfAbsent(first, k -> new java.util.HashMap<>()).computeIfAbsent(list, k -> new ArrayList<>())
                .add(entry);
          }
          if (second != null && !second.equals(first)) {
            out.computeIfAbsent(second, k -> new java.util.HashMap<>()).computeIfAbsent(list, k -> new ArrayList<>())
                .add(entry);
          }
        }
      }
      index = out;
    }
    return index;
  }
}
