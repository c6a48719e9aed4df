package org.pmargin.server.api;

import java.util.List;
import java.util.Set;
import org.pmargin.data.Json;
import org.pmargin.server.service.CommitListener;
import org.pmargin.server.store.LoggedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The oracle feed as the risk desk sees it: the last committed market update's sequence, time and degraded
 * underlyings (kept from the commits since the server started; none before the first one).
 */
final class FeedStatus implements CommitListener {

  private volatile long sequence;
  private volatile String at = "";
  private volatile Set<String> degraded = Set.of();
  private volatile long updates;

  @Override
  public void committed(List<LoggedEvent> events) {
    for (LoggedEvent e : events) {
      if (!e.type().equals("market")) {
        continue;
      }
      JsonNode p = Json.parse(e.payload());
      java.util.Set<String> d = new java.util.TreeSet<>();
      JsonNode list = p.get("degraded");
      if (list != null) {
        list.forEach(x -> d.add(x.asString()));
      }
      JsonNode t = p.get("at");
      at = t == null ? "" : t.asString();
      degraded = Set.copyOf(d);
      sequence = e.sequence();
      updates++;
    }
  }

  Set<String> degraded() {
    return degraded;
  }

  void write(ObjectNode n) {
    n.put("market_updates_since_start", updates);
    n.put("last_update_sequence", sequence);
    n.put("last_update_at", at);
    var d = n.putArray("degraded");
    degraded.forEach(d::add);
  }
}
