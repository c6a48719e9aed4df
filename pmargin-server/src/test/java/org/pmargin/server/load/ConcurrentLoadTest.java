package org.pmargin.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.Server;
import org.pmargin.server.recovery.StateDigest;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * Load through the HTTP API, bounded in count and time (the suite's load test; the throughput and latency targets
 * are measured by the benchmarks of docs/BENCHMARKS.md, not asserted here): eight clients at once send single fills,
 * batches of 50 fills, deposits and what-ifs on 40 accounts, against the embedded store and PostgreSQL. Every request
 * is answered 200; the log holds exactly the acknowledged events, gap-free, each client id once; the service's state
 * equals an independent replay of the log; what-ifs change nothing. Prints the rates and latencies.
 */
class ConcurrentLoadTest {

  private static final String ADMIN = "concurrent-load-admin-key-0123456789abcdef";
  private static final int ACCOUNTS = 40;
  private static final int CLIENTS = 8;
  private static final int ROUNDS = 60;

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldAcknowledgeEveryRequestDurablyUnderConcurrentLoad(Stores.Kind kind) throws Exception {
    try (Stores.TestStore t = Stores.create(kind, tmp);
        Server server = Server.start(t.location(), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      int port = server.port();
      for (int a = 0; a < ACCOUNTS; a++) {
        ok(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c" + a + "\",\"account\":\"a" + a + "\"}",
            ADMIN));
        ok(Http.call(port, "POST", "/v1/accounts/a" + a + "/deposits", "{\"client_id\":\"d" + a
            + "\",\"asset\":\"USDC\",\"amount\":1000000}", ADMIN));
      }
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long t0 = System.nanoTime();
      List<Future<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> drive(port, client, acknowledged, latency)));
      }
      int requests = 0;
      for (Future<Integer> f : clients) {
        requests += f.get(120, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      System.out.printf(Locale.ROOT, "ConcurrentLoadTest %s: %,d requests (%,d events) from %d clients in %.2f s = "
          + "%,.0f requests/s, %,.0f events/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", kind, requests,
          acknowledged.size(), CLIENTS, seconds, requests / seconds, acknowledged.size() / seconds,
          latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);

      List<String> payloads = new ArrayList<>();
      Set<String> logged = new HashSet<>();
      long[] previous = {0};
      try (EventStore store = EventStore.open(t.location())) {
        store.read(0, e -> {
          assertThat(e.sequence()).isEqualTo(previous[0] + 1);
          previous[0] = e.sequence();
          assertThat(logged.add(e.clientId())).as("client id %s once", e.clientId()).isTrue();
          payloads.add(e.payload());
        });
      }
      Set<String> expected = new HashSet<>(acknowledged);
      for (int a = 0; a < ACCOUNTS; a++) {
        expected.add("c" + a);
        expected.add("d" + a);
      }
      assertThat(logged).isEqualTo(expected); // every acknowledged event, nothing else (what-ifs log nothing)
      assertThat(server.service().lastSequence()).isEqualTo(payloads.size());
      try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
        assertThat(StateDigest.digest(server.service().engine())).isEqualTo(StateDigest.digest(reference));
        assertThat(server.service().engine().margins()).isEqualTo(reference.margins());
      }
    }
  }

  /** One client's requests: per round a fill, a deposit, a what-if, and every tenth round a batch of 50 fills. */
  private static int drive(int port, int client, ConcurrentLinkedQueue<String> acknowledged, Histogram latency)
      throws Exception {
    SplittableRandom r = new SplittableRandom(1000 + client);
    int n = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String account = "a" + r.nextInt(ACCOUNTS);
      String id = "k" + client + "-" + round;
      n += timed(latency, () -> ok(Http.call(port, "POST", "/v1/accounts/" + account + "/fills", "{\"client_id\":\""
          + id + "f\",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":" + (r.nextBoolean() ? 10 : -10) * (1
          + r.nextInt(20)) + ",\"price\":65690}", ADMIN)));
      acknowledged.add(id + "f");
      n += timed(latency, () -> ok(Http.call(port, "POST", "/v1/accounts/" + account + "/deposits", "{\"client_id\":\""
          + id + "d\",\"asset\":\"USDC\",\"amount\":" + (1 + r.nextInt(100)) + "}", ADMIN)));
      acknowledged.add(id + "d");
      n += timed(latency, () -> ok(Http.call(port, "POST", "/v1/accounts/" + account + "/what-if",
          "{\"orders\":[{\"instrument\":\"ETH-PERPETUAL\",\"quantity\":-20,\"price\":3530}]}", ADMIN)));
      if (round % 10 == 0) {
        StringBuilder b = new StringBuilder("{\"fills\":[");
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
          String fid = id + "b" + k;
          ids.add(fid);
          b.append(k == 0 ? "" : ",").append("{\"client_id\":\"").append(fid).append("\",\"instrument\":\"")
              .append(k % 2 == 0 ? "BTC-PERPETUAL" : "ETH-PERPETUAL").append("\",\"quantity\":")
              .append((r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(5))).append(",\"price\":")
              .append(k % 2 == 0 ? "65690" : "3530").append('}');
        }
        String body = b.append("]}").toString();
        String batchAccount = "a" + r.nextInt(ACCOUNTS);
        n += timed(latency, () -> ok(Http.call(port, "POST", "/v1/accounts/" + batchAccount + "/fill-batches", body,
            ADMIN)));
        acknowledged.addAll(ids);
      }
    }
    return n;
  }

  private interface Call {
    void run() throws Exception;
  }

  private static int timed(Histogram h, Call c) throws Exception {
    long t0 = System.nanoTime();
    c.run();
    long ns = System.nanoTime() - t0;
    synchronized (h) {
      h.recordValue(Math.min(ns, h.getHighestTrackableValue()));
    }
    return 1;
  }

  private static void ok(Http.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }
}
