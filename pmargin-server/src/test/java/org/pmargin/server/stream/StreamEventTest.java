package org.pmargin.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.data.Json;
import org.pmargin.server.store.LoggedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One account's share of a logged event, over seeded random answers (margins, transitions, liquidations with
 * counterparties, funding, a scalar field between the lists): the event message carries the answer with its fields
 * in order and every list cut to the entries naming the account, then one message per such entry; nothing for an
 * account an account event does not name. The expected share is built here by the plain rule (copy the answer, keep
 * the entries whose account or counterparty is the subscriber), independently of the index the stream uses.
 */
class StreamEventTest {

  private static final String[] LISTS = {"margins", "transitions", "liquidations", "funding"};
  private static final String[] TYPES = {"margin", "health", "liquidation", "funding"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void shouldGiveEachAccountExactlyItsEntriesInOrder(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int accounts = 2 + r.nextInt(30);
    boolean market = r.nextBoolean();
    ObjectNode payload = Json.MAPPER.createObjectNode().put("type", market ? "market" : "fill");
    if (!market) {
      payload.put("account", "a0");
    }
    ObjectNode answer = Json.MAPPER.createObjectNode().put("type", payload.get("type").asString())
        .put("sequence", 7).put("accepted", true);
    for (int l = 0; l < LISTS.length; l++) {
      ArrayNode list = answer.putArray(LISTS[l]);
      int n = r.nextInt(3 * accounts);
      for (int k = 0; k < n; k++) {
        ObjectNode e = list.addObject().put("account", "a" + r.nextInt(accounts)).put("k", k);
        if (l == 2 && r.nextBoolean()) {
          e.put("counterparty", "a" + r.nextInt(accounts));
        }
      }
      if (l == 1) {
        answer.put("between", "lists"); // a scalar field after a list keeps its place
      }
    }
    LoggedEvent logged = new LoggedEvent(7, "c7", payload.get("type").asString(), payload.toString(),
        answer.toString());
    StreamEvent event = new StreamEvent(logged);
    for (int a = 0; a < accounts + 1; a++) { // one more: an account no entry names
      String id = "a" + a;
      assertThat(event.messages(id)).as("account %s, seed %d", id, seed).isEqualTo(expected(payload, answer, id));
    }
  }

  private static List<String> expected(ObjectNode payload, ObjectNode answer, String account) {
    boolean concerns = payload.get("type").asString().equals("market")
        || (payload.has("account") && payload.get("account").asString().equals(account));
    ObjectNode shown = answer.deepCopy();
    List<String> entries = new ArrayList<>();
    for (int l = 0; l < LISTS.length; l++) {
      ArrayNode kept = Json.MAPPER.createArrayNode();
      for (JsonNode e : answer.get(LISTS[l])) {
        if (account.equals(e.get("account").asString())
            || (e.has("counterparty") && account.equals(e.get("counterparty").asString()))) {
          kept.add(e);
          ObjectNode m = Json.MAPPER.createObjectNode().put("type", TYPES[l]).put("seq", 7L);
          m.setAll((ObjectNode) e);
          entries.add(m.toString());
        }
      }
      concerns |= !kept.isEmpty();
      shown.set(LISTS[l], kept);
    }
    if (!concerns) {
      return List.of();
    }
    ObjectNode e = Json.MAPPER.createObjectNode().put("type", "event").put("seq", 7L)
        .put("event_type", payload.get("type").asString());
    e.set("payload", payload);
    e.set("answer", shown);
    List<String> out = new ArrayList<>();
    out.add(e.toString());
    out.addAll(entries);
    return out;
  }
}
