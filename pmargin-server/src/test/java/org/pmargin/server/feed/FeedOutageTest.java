package org.pmargin.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.instrument.Asset;
import org.pmargin.engine.oracle.AggregatedPrice;
import org.pmargin.engine.oracle.OracleConfig;
import org.pmargin.engine.oracle.PriceFeed;
import org.pmargin.engine.oracle.PriceTick;
import org.pmargin.server.Server;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * A feed outage through the service's oracle loop: two sources quote BTC and ETH, then go silent; after the
 * oracle's staleness (30 s) both underlyings are degraded (GET /v1/market, the account's margin flag), the index is
 * held at the last good price, writes go on (a fill banded against the held price, a deposit); when the sources
 * quote again the flags clear and the index follows the feed. Every oracle update is a logged market event.
 */
class FeedOutageTest {

  private static final String ADMIN = "feed-test-admin-key-0123456789abcdef-0123";

  @TempDir
  Path tmp;

  /** Two sources per underlying, quoting a set price each second while on. */
  static final class SwitchFeed implements PriceFeed {
    volatile boolean on = true;
    volatile double btc = 65_000;
    volatile double eth = 3_500;
    private Instant last;

    SwitchFeed(Instant start) {
      this.last = start;
    }

    @Override
    public List<PriceTick> poll(Instant upTo) {
      List<PriceTick> out = new ArrayList<>();
      if (on) {
        for (String s : List.of("a", "b")) {
          out.add(PriceTick.index(s, Asset.BTC, btc, upTo));
          out.add(PriceTick.index(s, Asset.ETH, eth, upTo));
        }
      }
      last = upTo;
      return out;
    }
  }

  /** A clock moved by hand. */
  static final class HandClock extends Clock {
    volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldDegradeOnAnOutageKeepTakingWritesAndRecover() throws Exception {
    StoreLocation location = StoreLocation.embedded(tmp.resolve("store"));
    try (Server server = Server.start(location, Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      int port = server.port();
      Instant t0 = server.service().engine().snapshot().asOf();
      HandClock clock = new HandClock(t0.plusSeconds(1));
      SwitchFeed feed = new SwitchFeed(t0);
      OracleFeed oracle = OracleFeed.manual(server.service(), feed, OracleConfig.defaults(), clock);
      post(port, "/v1/accounts", "{\"client_id\":\"o1\",\"account\":\"alice\"}");
      post(port, "/v1/accounts/alice/deposits", "{\"client_id\":\"o2\",\"asset\":\"USDC\",\"amount\":50000}");
      post(port, "/v1/accounts/alice/fills", "{\"client_id\":\"o3\",\"instrument\":\"BTC-PERPETUAL\","
          + "\"quantity\":10000,\"price\":65666}");

      oracle.tick();
      assertThat(degraded(port)).isEmpty();
      assertThat(index(port, "BTC")).isEqualTo(65_000, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(account(port).get("margin").get("degraded").asBoolean()).isFalse();

      feed.on = false; // the outage: no source quotes; after 30 s the last ticks are stale
      clock.now = clock.now.plusSeconds(10);
      oracle.tick();
      assertThat(degraded(port)).as("ticks 10 s old are still fresh").isEmpty();
      clock.now = clock.now.plusSeconds(31);
      oracle.tick();
      assertThat(oracle.status().get(Asset.BTC).status()).isEqualTo(AggregatedPrice.Status.DEGRADED);
      assertThat(degraded(port)).containsExactly("BTC", "ETH");
      assertThat(index(port, "BTC")).as("held at the last good price").isEqualTo(65_000,
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(account(port).get("margin").get("degraded").asBoolean()).isTrue();
      // Writes go on: a fill within the band around the held price, and a deposit; a fill far off it is refused.
      assertThat(post(port, "/v1/accounts/alice/fills", "{\"client_id\":\"o4\",\"instrument\":\"BTC-PERPETUAL\","
          + "\"quantity\":-5000,\"price\":65100}").status()).isEqualTo(200);
      assertThat(post(port, "/v1/accounts/alice/deposits", "{\"client_id\":\"o5\",\"asset\":\"USDC\","
          + "\"amount\":1000}").status()).isEqualTo(200);
      JsonNode acc = account(port);
      assertThat(acc.get("margin").get("degraded").asBoolean()).isTrue();
      assertThat(acc.get("positions").get(0).get("quantity").asDouble()).isEqualTo(5000);

      feed.on = true; // the feed is back, 2% lower
      feed.btc = 63_700;
      clock.now = clock.now.plusSeconds(1);
      oracle.tick();
      assertThat(degraded(port)).isEmpty();
      assertThat(index(port, "BTC")).isEqualTo(63_700, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(account(port).get("margin").get("degraded").asBoolean()).isFalse();
    }
    long[] market = {0, 0};
    try (EventStore store = EventStore.open(location)) {
      store.read(0, e -> {
        if (e.type().equals("market")) {
          market[0]++;
          if (e.payload().contains("\"degraded\":[\"BTC\",\"ETH\"]")) {
            market[1]++;
          }
        }
      });
    }
    assertThat(market[0]).as("every oracle update is logged").isEqualTo(4);
    assertThat(market[1]).as("the outage update carries the degraded set").isEqualTo(1);
  }

  private static Http.Reply post(int port, String path, String body) throws Exception {
    Http.Reply r = Http.call(port, "POST", path, body, ADMIN);
    assertThat(r.status()).as(r.text()).isIn(200, 422);
    return r;
  }

  private static JsonNode account(int port) throws Exception {
    return Http.call(port, "GET", "/v1/accounts/alice", null, ADMIN).body();
  }

  private static List<String> degraded(int port) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode u : Http.call(port, "GET", "/v1/market", null, ADMIN).body().get("underlyings")) {
      if (u.get("degraded").asBoolean()) {
        out.add(u.get("underlying").asString());
      }
    }
    return out;
  }

  private static double index(int port, String underlying) throws Exception {
    for (JsonNode u : Http.call(port, "GET", "/v1/market", null, ADMIN).body().get("underlyings")) {
      if (u.get("underlying").asString().equals(underlying)) {
        return u.get("index").asDouble();
      }
    }
    throw new AssertionError(underlying);
  }
}
