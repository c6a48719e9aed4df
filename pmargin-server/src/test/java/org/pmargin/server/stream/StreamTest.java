package org.pmargin.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Http.Reply;
import org.pmargin.server.support.Workload;
import org.pmargin.server.support.Ws;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/stream} on a real server over the JDK's WebSocket client: the key in the header or the first message,
 * refusals (bad, missing, in the query string; another trader's account refused as a missing one; the firehose for
 * risk and admin only), the numbers against the HTTP API, and a resume under concurrent writes with no gap and no
 * duplicate.
 */
class StreamTest {

  static final String ADMIN = "stream-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  static Path tmp;

  private static Server server;
  private static String trader;
  private static String risk;
  private static final AtomicInteger IDS = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN));
    for (String a : List.of("alice", "bob")) {
      ok(post("/v1/accounts", "{\"client_id\":\"setup-" + a + "\",\"account\":\"" + a + "\"}"));
      ok(post("/v1/accounts/" + a + "/deposits", "{\"client_id\":\"setup-d-" + a + "\",\"asset\":\"USDC\","
          + "\"amount\":40000}"));
      ok(post("/v1/accounts/" + a + "/fills", "{\"client_id\":\"setup-f-" + a + "\",\"instrument\":"
          + "\"BTC-PERPETUAL\",\"quantity\":20000,\"price\":65690}"));
    }
    trader = server.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();
    risk = server.keys().create(Role.RISK, Set.of(), "risk").secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Reply post(String path, String body) throws Exception {
    return Http.call(server.port(), "POST", path, body, ADMIN);
  }

  private static Reply ok(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r;
  }

  private static String id() {
    return "\"client_id\":\"s-" + IDS.incrementAndGet() + "\"";
  }

  private static long deposit(String account, double amount) throws Exception {
    return ok(post("/v1/accounts/" + account + "/deposits", "{" + id() + ",\"asset\":\"USDC\",\"amount\":" + amount
        + "}")).body().get("sequence").asLong();
  }

  private static boolean event(JsonNode n, long seq) {
    return n.get("type").asString().equals("event") && n.get("seq").asLong() == seq;
  }

  @Test
  void headerKeyStreamsOneAccountWithTheApisNumbers() throws Exception {
    Ws ws = Ws.open(server.port(), "account=alice", trader, true);
    long bobSeq = deposit("bob", 10);
    long seq = ok(post("/v1/accounts/alice/fills", "{" + id() + ",\"instrument\":\"BTC-PERPETUAL\","
        + "\"quantity\":-5000,\"price\":65690}")).body().get("sequence").asLong();
    List<JsonNode> got = ws.until(n -> n.get("type").asString().equals("margin") && n.get("seq").asLong() == seq,
        5000);
    assertThat(got).noneMatch(n -> n.get("seq").asLong() == bobSeq);
    JsonNode ev = got.stream().filter(n -> event(n, seq)).findFirst().orElseThrow();
    assertThat(ev.get("event_type").asString()).isEqualTo("fill");
    assertThat(ev.get("payload").get("quantity").asDouble()).isEqualTo(-5000);
    assertThat(ev.get("answer").get("accepted").asBoolean()).isTrue();
    JsonNode m = got.getLast();
    JsonNode api = Http.call(server.port(), "GET", "/v1/accounts/alice", null, trader).body().get("margin");
    for (String f : List.of("equity_usd", "initial_margin_usd", "maintenance_margin_usd", "margin_ratio",
        "available_usd")) {
      assertThat(m.get(f).asDouble()).as(f).isEqualTo(api.get(f).asDouble());
    }
    assertThat(m.get("state").asString()).isEqualTo(api.get("state").asString());
    assertThat(m.get("account").asString()).isEqualTo("alice");
    JsonNode full = Http.call(server.port(), "GET", "/v1/accounts/alice/margin", null, trader).body();
    assertThat(m.get("initial_margin_usd").asDouble()).isEqualTo(full.get("initial_margin_usd").asDouble())
        .isGreaterThan(1000);
    ws.close();
  }

  @Test
  void firstMessageKeyAndNothingSentBeforeIt() throws Exception {
    Ws ws = Ws.open(server.port(), "account=alice", null, true);
    deposit("alice", 1);
    assertThat(ws.next(400)).as("nothing before auth").isNull();
    ws.send("{\"type\":\"auth\",\"key\":\"" + trader + "\"}");
    Thread.sleep(200);
    long seq = deposit("alice", 2);
    List<JsonNode> got = ws.until(n -> event(n, seq), 5000);
    assertThat(got.getFirst().get("seq").asLong()).isEqualTo(seq);
    ws.close();
  }

  @Test
  void badKeysAreClosedWithPolicyViolation() throws Exception {
    Ws header = Ws.open(server.port(), "account=alice", "pmk_not-a-key-at-all-000000000000000000000", true);
    assertThat(header.closed(5)).isEqualTo(new Ws.Closed(1008, "unauthenticated: unknown or revoked API key"));
    Ws message = Ws.open(server.port(), "account=alice", null, true);
    message.send("{\"type\":\"auth\",\"key\":\"pmk_wrong\"}");
    assertThat(message.closed(5)).isEqualTo(new Ws.Closed(1008, "unauthenticated: unknown or revoked API key"));
    Ws junk = Ws.open(server.port(), "account=alice", null, true);
    junk.send("hello");
    assertThat(junk.closed(5).code()).isEqualTo(1008);
    assertThat(junk.next(100)).isNull();
    Ws query = Ws.open(server.port(), "account=alice&key=" + trader, null, true);
    Ws.Closed q = query.closed(5);
    assertThat(q.code()).isEqualTo(1008);
    assertThat(q.reason()).startsWith("invalid_input: key: unknown parameter").doesNotContain(trader);
    Ws after = Ws.open(server.port(), "account=alice&after=-3", trader, true);
    assertThat(after.closed(5).reason()).startsWith("invalid_input: after");
  }

  @Test
  void noKeyWithinFiveSecondsIsClosed() throws Exception {
    long t0 = System.nanoTime();
    Ws ws = Ws.open(server.port(), "", null, true);
    Ws.Closed c = ws.closed(10);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(c.code()).isEqualTo(1008);
    assertThat(c.reason()).startsWith("unauthenticated: no API key within 5 s");
    assertThat(ms).isBetween(4_500L, 9_000L);
  }

  @Test
  void anotherTradersAccountIsRefusedExactlyAsAMissingOne() throws Exception {
    String other = Ws.open(server.port(), "account=bob", trader, true).closed(5).reason();
    String missing = Ws.open(server.port(), "account=nobody", ADMIN, true).closed(5).reason();
    String missingForTrader = Ws.open(server.port(), "account=nobody", trader, true).closed(5).reason();
    assertThat(other).isEqualTo("not_found: account: no account 'bob'");
    assertThat(missing.replace("nobody", "bob")).isEqualTo(other);
    assertThat(missingForTrader).isEqualTo(missing);
    // the same for the first-message key
    Ws ws = Ws.open(server.port(), "account=bob", null, true);
    ws.send("{\"type\":\"auth\",\"key\":\"" + trader + "\"}");
    assertThat(ws.closed(5)).isEqualTo(new Ws.Closed(1008, other));
  }

  @Test
  void theFirehoseIsForRiskAndAdmin() throws Exception {
    Ws.Closed t = Ws.open(server.port(), "", trader, true).closed(5);
    assertThat(t).isEqualTo(new Ws.Closed(1008, "forbidden: the firehose (no account=) needs a risk or admin key"));
    Ws r = Ws.open(server.port(), "", risk, true);
    Ws a = Ws.open(server.port(), "", ADMIN, true);
    Thread.sleep(200);
    long move = ok(post("/v1/market", "{" + id() + ",\"moves\":{\"BTC\":-0.01}}")).body().get("sequence").asLong();
    for (Ws ws : List.of(r, a)) {
      List<JsonNode> got = ws.until(n -> n.get("type").asString().equals("margin") && n.get("seq").asLong() == move
          && n.get("account").asString().equals("bob"), 5000);
      JsonNode ev = got.stream().filter(n -> event(n, move)).findFirst().orElseThrow();
      assertThat(ev.get("event_type").asString()).isEqualTo("market");
      JsonNode api = Http.call(server.port(), "GET", "/v1/accounts/bob", null, risk).body().get("margin");
      assertThat(got.getLast().get("equity_usd").asDouble()).isEqualTo(api.get("equity_usd").asDouble());
      assertThat(got.getLast().get("maintenance_margin_usd").asDouble())
          .isEqualTo(api.get("maintenance_margin_usd").asDouble());
      ws.close();
    }
  }

  @Test
  void resumesAfterASequenceWithNoGapAndNoDuplicateUnderConcurrentWrites() throws Exception {
    long start = server.service().lastSequence();
    int writers = 4;
    int each = 60;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicInteger done = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String account = w % 2 == 0 ? "alice" : "bob";
      fs.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          deposit(account, 1 + i);
          done.incrementAndGet();
        }
        return null;
      }));
    }
    while (done.get() < writers * each / 3) {
      Thread.sleep(5);
    }
    Ws early = Ws.open(server.port(), "after=" + start, risk, true);
    while (done.get() < writers * each * 2 / 3) {
      Thread.sleep(5);
    }
    Ws late = Ws.open(server.port(), "after=" + (start + 10), ADMIN, true);
    Ws alice = Ws.open(server.port(), "account=alice&after=" + start, trader, true);
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    long last = server.service().lastSequence();
    assertThat(last).isEqualTo(start + writers * each);
    assertThat(seqs(early, last)).isEqualTo(range(start + 1, last));
    assertThat(seqs(late, last)).isEqualTo(range(start + 11, last));
    // alice's own stream: her deposits only, each once, in order
    List<Long> mine = new ArrayList<>();
    Http.call(server.port(), "GET", "/v1/events?after=" + start + "&limit=1000", null, ADMIN).body().get("events")
        .forEach(e -> {
          if (e.get("request").get("account").asString().equals("alice")) {
            mine.add(e.get("sequence").asLong());
          }
        });
    assertThat(mine).hasSize(writers / 2 * each);
    assertThat(seqs(alice, mine.getLast())).isEqualTo(mine);
    for (Ws ws : List.of(early, late, alice)) {
      ws.close();
    }
  }

  private static List<Long> seqs(Ws ws, long last) throws InterruptedException {
    List<Long> out = new ArrayList<>();
    for (JsonNode n : ws.until(n -> event(n, last), 10_000)) {
      if (n.get("type").asString().equals("event")) {
        out.add(n.get("seq").asLong());
      }
    }
    return out;
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      out.add(s);
    }
    return out;
  }
}
