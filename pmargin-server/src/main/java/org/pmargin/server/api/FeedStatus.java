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
 * underlyings, from the log's last market event when the server starts ({@link #seed}) and then from the commits;
 * the count of updates is the commits' since the start.
 */
final class FeedStatus implements CommitListener {

  private volatile long sequence;
  private volatile String at = "";
  private volatile Set<String> degraded = Set.of();
  private volatile long updates;

  @Override
  public void committed(List<LoggedEvent> events) {
    for (LoggedEvent e : events) {
      if (e.type().equals("market")) {
        take(e);
        updates++;
      }
    }
  }

  /**
   * Starts from the log's last market update (read after this listener was registered, so a commit meanwhile is
   * newer and wins).
   *
   * @param last  the log's last market event, if any
   */
  void seed(java.util.Optional<LoggedEvent> last) {
    last.ifPresent(this::take);
  }

  private synchronized void take(LoggedEvent e) {
    if (e.sequence() <= sequence) {
      return;
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
