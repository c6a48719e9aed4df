package org.pmargin.server.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.pmargin.data.Json;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * Durable-ingest throughput with group commit (not part of the suite: surefire runs *Test classes only; run with
 * {@code ./mvnw -q -B -pl pmargin-server -am verify -Dtest=IngestBench -Dsurefire.failIfNoSpecifiedTests=false}).
 * 1,000 accounts, then fills on random accounts from up to 256 requests in flight, straight into the service (no
 * HTTP); prints acknowledged fills per second and the p50/p99 acknowledgement latency, on SQLite and PostgreSQL.
 */
class IngestBench {

  @Test
  void run() throws Exception {
    for (Stores.Kind kind : Stores.Kind.values()) {
      Path tmp = Files.createTempDirectory("pmargin-bench");
      try (Stores.TestStore t = Stores.create(kind, tmp);
          MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
        List<CompletableFuture<Answer>> setup = new ArrayList<>();
        for (int a = 0; a < 1000; a++) {
          setup.add(s.submit(Command.of("c" + a, Json.MAPPER.createObjectNode().put("type", "create")
              .put("account", "a" + a))));
          setup.add(s.submit(Command.of("d" + a, Json.MAPPER.createObjectNode().put("type", "deposit")
              .put("account", "a" + a).put("asset", "USDC").put("amount", 1_000_000))));
        }
        CompletableFuture.allOf(setup.toArray(CompletableFuture[]::new)).get();
        for (int round = 0; round < 2; round++) {
          int n = 40_000;
          SplittableRandom r = new SplittableRandom(round);
          long[] latency = new long[n];
          Semaphore inFlight = new Semaphore(256);
          List<CompletableFuture<Answer>> fs = new ArrayList<>(n);
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            Command c = Command.of("f" + round + "-" + i, Json.MAPPER.createObjectNode().put("type", "fill")
                .put("account", "a" + r.nextInt(1000)).put("instrument", "BTC-PERPETUAL")
                .put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(10))).put("price", 65690.0));
            inFlight.acquire();
            long start = System.nanoTime();
            int k = i;
            fs.add(s.submit(c).whenComplete((a, x) -> {
              latency[k] = System.nanoTime() - start;
              inFlight.release();
            }));
          }
          CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get();
          double secs = (System.nanoTime() - t0) / 1e9;
          Arrays.sort(latency);
          System.out.printf(Locale.ROOT, "%s round %d: %,d fills in %.2f s = %,.0f acknowledged fills/s, ack latency "
              + "p50 %.1f ms, p99 %.1f ms%n", kind, round, n, secs, n / secs, latency[n / 2] / 1e6,
              latency[(int) (n * 0.99)] / 1e6);
        }
      }
    }
  }
}
