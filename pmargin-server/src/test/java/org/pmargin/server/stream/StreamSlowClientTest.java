package org.pmargin.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import org.pmargin.server.support.Ws;
import tools.jackson.databind.JsonNode;

/**
 * A stream client that stops reading: its queue (50 events here) overflows, it is closed with 1013 and the
 * sequence to resume after, the writes go on at full speed meanwhile, and resuming from that sequence continues
 * with the next event.
 */
class StreamSlowClientTest {

  static final String ADMIN = "slow-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  static Path tmp;

  private static Server server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("pmargin.stream.queue", "50");
    try {
      server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN));
    } finally {
      System.clearProperty("pmargin.stream.queue");
    }
    for (int a = 0; a < 40; a++) {
      String id = "acct-" + a;
      post("/v1/accounts", "{\"client_id\":\"c" + a + "\",\"account\":\"" + id + "\"}");
      post("/v1/accounts/" + id + "/deposits", "{\"client_id\":\"d" + a + "\",\"asset\":\"USDC\",\"amount\":50000}");
      post("/v1/accounts/" + id + "/fills", "{\"client_id\":\"f" + a + "\",\"instrument\":\"BTC-PERPETUAL\","
          + "\"quantity\":" + (1000 + 10 * a) + ",\"price\":65690}");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long post(String path, String body) throws Exception {
    var r = Http.call(server.port(), "POST", path, body, ADMIN);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.body().get("sequence").asLong();
  }

  @Test
  void aClientThatStopsReadingIsClosedAndResumes() throws Exception {
    Ws stalled = Ws.open(server.port(), "", ADMIN, false);
    while (server.streamSubscribers() == 0) {
      Thread.sleep(10);
    }
    long firstMove = 0;
    long worstMs = 0;
    int i = 0;
    long t0 = System.nanoTime();
    while (server.streamSubscribers() > 0 && i < 3000) {
      long s = System.nanoTime();
      long seq = post("/v1/market", "{\"client_id\":\"m" + i + "\",\"moves\":{\"BTC\":" + (i % 2 == 0 ? 0.001
          : -0.001) + "}}");
      worstMs = Math.max(worstMs, (System.nanoTime() - s) / 1_000_000);
      firstMove = firstMove == 0 ? seq : firstMove;
      i++;
      if (i % 50 == 0) {
        Thread.sleep(20);
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(server.streamSubscribers()).as("closed before 3000 events").isZero();
    assertThat(stalled.isClosed()).as("a client that reads nothing does not see the close yet").isFalse();
    // the client read nothing: it sees its close only when it reads again
    stalled.readAll();
    Ws.Closed c = stalled.closed(15);
    assertThat(c.code()).as(c.reason()).isEqualTo(1013);
    Matcher m = Pattern.compile("^fell behind: more than 50 events queued; resume with after=(\\d+)$")
        .matcher(c.reason());
    assertThat(m.matches()).as(c.reason()).isTrue();
    long resume = Long.parseLong(m.group(1));
    System.out.printf("slow client closed after %d market events in %d ms (worst write %d ms), resume after %d%n",
        i, ms, worstMs, resume);
    assertThat(worstMs).as("the sequencer is not held up by the stalled client").isLessThan(2_000);
    // what it had received before the close ends at the resume point's event or earlier
    long lastSeen = 0;
    JsonNode n;
    while ((n = stalled.next(200)) != null) {
      lastSeen = Math.max(lastSeen, n.get("seq").asLong());
    }
    assertThat(lastSeen).as("an event partly sent before the close comes again in full").isLessThanOrEqualTo(resume + 1);
    // the writes go on after the close, and a resume continues with the next event
    long after = post("/v1/market", "{\"client_id\":\"after-close\",\"moves\":{\"BTC\":0.0}}");
    Ws again = Ws.open(server.port(), "after=" + resume, ADMIN, true);
    List<Long> seqs = new ArrayList<>();
    for (JsonNode x : again.until(x -> x.get("type").asString().equals("event") && x.get("seq").asLong() == after,
        20_000)) {
      if (x.get("type").asString().equals("event")) {
        seqs.add(x.get("seq").asLong());
      }
    }
    assertThat(seqs.getFirst()).isEqualTo(resume + 1);
    assertThat(seqs).hasSize((int) (after - resume));
    again.close();
  }
}
