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
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.pmargin.data.Json;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * Durable-ingest throughput with group commit (not part of the suite: surefire runs *Test classes only; run with
 * {@code ./mvnw -q -B -pl pmargin-server -am verify -Dtest=IngestBench -Dsurefire.failIfNoSpecifiedTests=false}).
 * 1,000 accounts, then three rounds of 40,000 fills on random accounts from up to 256 requests in flight, straight
 * into the service (no HTTP), one from up to 64 and one from up to 128 in flight, 40,000 fills offered at the target rates
 * (20,000/s and 10,000/s: the latency at the target throughput rather than at saturation) and 5,000 fills paced at
 * 1,000/s (a light load); prints acknowledged fills per second and the p50/p99 acknowledgement latency, with the
 * load average, on SQLite and PostgreSQL.
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
        for (int round = 0; round < 3; round++) {
          report(kind, "round " + round + " (256 in flight)", drive(s, "f" + round + "-", 40_000, 256, 0, round));
        }
        report(kind, "round 3 (64 in flight)", drive(s, "g-", 40_000, 64, 0, 3));
        report(kind, "round 4 (128 in flight)", drive(s, "h-", 40_000, 128, 0, 6));
        report(kind, "offered 20,000 fills/s", drive(s, "o20-", 40_000, 256, 20_000, 4));
        report(kind, "offered 10,000 fills/s", drive(s, "o10-", 40_000, 256, 10_000, 5));
        // a light load: 1,000 fills/s paced, the latency a request sees when the service is not saturated
        report(kind, "paced 1,000 fills/s", drive(s, "p-", 5_000, 256, 1_000, 99));
      }
    }
  }

  /** The fills' latencies in nanoseconds (sorted) and the run's duration in seconds (the last element). */
  private static double[] drive(MarginService s, String prefix, int n, int window, int perSecond, long seed)
      throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    long[] latency = new long[n];
    Semaphore inFlight = new Semaphore(window);
    List<CompletableFuture<Answer>> fs = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Command c = Command.of(prefix + i, Json.MAPPER.createObjectNode().put("type", "fill")
          .put("account", "a" + r.nextInt(1000)).put("instrument", "BTC-PERPETUAL")
          .put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(10))).put("price", 65690.0));
      if (perSecond > 0) {
        long due = t0 + i * 1_000_000_000L / perSecond;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
      }
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
    double[] out = new double[n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = latency[i];
    }
    out[n] = secs;
    return out;
  }

  private static void report(Stores.Kind kind, String what, double[] run) throws Exception {
    int n = run.length - 1;
    double secs = run[n];
    System.out.printf(Locale.ROOT, "%s %s: %,d fills in %.2f s = %,.0f acknowledged fills/s, ack latency p50 %.1f ms, "
        + "p99 %.1f ms, max %.1f ms; load average %s%n", kind, what, n, secs, n / secs, run[n / 2] / 1e6,
        run[(int) (n * 0.99)] / 1e6, run[n - 1] / 1e6, Files.readString(Path.of("/proc/loadavg")).trim());
  }
}
