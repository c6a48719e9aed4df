package org.pmargin.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * The risk desk's feed status after a restart: the last market update (its sequence, time and degraded underlyings)
 * comes back from the log, and the count of updates since the start begins again at zero.
 */
class FeedStatusRestartTest {

  private static final String ADMIN = "feed-status-restart-admin-key-0123456789";

  @TempDir
  Path tmp;

  @Test
  void shouldShowTheLastMarketUpdateOfTheLogAfterARestart() throws Exception {
    StoreLocation store = StoreLocation.embedded(tmp);
    long seq;
    try (Server s = Server.start(store, Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      Http.call(s.port(), "POST", "/v1/accounts", "{\"client_id\":\"f1\",\"account\":\"alice\"}", ADMIN);
      var m = Http.call(s.port(), "POST", "/v1/market", "{\"client_id\":\"f2\",\"at\":\"2024-06-17T10:30:00Z\","
          + "\"moves\":{\"BTC\":-0.01},\"degraded\":[\"ETH\"]}", ADMIN);
      assertThat(m.status()).as(m.text()).isEqualTo(200);
      seq = m.body().get("sequence").asLong();
      Http.call(s.port(), "POST", "/v1/accounts", "{\"client_id\":\"f3\",\"account\":\"bob\"}", ADMIN);
      JsonNode feed = Http.call(s.port(), "GET", "/v1/risk", null, ADMIN).body().get("feed");
      assertThat(feed.get("market_updates_since_start").asLong()).isEqualTo(1);
    }
    try (Server s = Server.start(store, Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      JsonNode feed = Http.call(s.port(), "GET", "/v1/risk", null, ADMIN).body().get("feed");
      assertThat(feed.get("last_update_sequence").asLong()).isEqualTo(seq).isEqualTo(2);
      assertThat(feed.get("last_update_at").asString()).isEqualTo("2024-06-17T10:30:00Z");
      assertThat(feed.get("degraded")).hasSize(1);
      assertThat(feed.get("degraded").get(0).asString()).isEqualTo("ETH");
      assertThat(feed.get("market_updates_since_start").asLong()).isZero();
    }
  }
}
