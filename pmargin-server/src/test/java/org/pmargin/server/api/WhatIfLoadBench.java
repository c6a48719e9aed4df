package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.server.Server;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Workload;

/**
 * What-if over HTTP under load (not part of the suite: surefire runs *Test classes only; run with {@code ./mvnw -q -B
 * -pl pmargin-server -am verify -Dtest=WhatIfLoadBench -Dsurefire.failIfNoSpecifiedTests=false}). An in-process
 * {@link Server} on the embedded store, on a loopback port; 1,000 accounts with a BTC and an ETH position each; then
 * {@code POST /v1/accounts/{id}/what-if} of one order on a random account from a pool of concurrent JDK HttpClient
 * requests (the tests' client), a warm-up and then a measured run bounded in count and time. Prints requests per
 * second and the p50/p99/max latency (HdrHistogram), with the load average.
 */
class WhatIfLoadBench {

  static final String ADMIN = "bench-admin-key-0123456789abcdef-0123456789";
  static final int ACCOUNTS = 1000;

  @TempDir
  Path tmp;

  @Test
  void run() throws Exception {
    int concurrency = Integer.getInteger("whatif.concurrency", 64);
    int count = Integer.getInteger("whatif.count", 100_000);
    try (Server server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN), new RateLimits(1e9, 1e9, 1e9))) {
      open(server.service());
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(2)).build();
      URI base = URI.create("http://127.0.0.1:" + server.port() + "/v1/accounts/");
      drive(client, base, concurrency, 20_000, 20, "warm-up");
      drive(client, base, concurrency, count, 30, "measured");
    }
  }

  /** 1,000 accounts, each with collateral and a BTC and an ETH perpetual (straight into the service). */
  static void open(MarginService s) throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    List<CompletableFuture<?>> fs = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      String id = "a" + a;
      fs.add(s.submit(Command.of("c" + a, Json.MAPPER.createObjectNode().put("type", "create").put("account", id))));
      fs.add(s.submit(Command.of("d" + a, Json.MAPPER.createObjectNode().put("type", "deposit").put("account", id)
          .put("asset", "USDC").put("amount", 1_000_000))));
      fs.add(s.submit(Command.of("b" + a, Json.MAPPER.createObjectNode().put("type", "fill").put("account", id)
          .put("instrument", "BTC-PERPETUAL").put("quantity", (1 + r.nextInt(50)) * 10).put("price", 65690.0))));
      fs.add(s.submit(Command.of("e" + a, Json.MAPPER.createObjectNode().put("type", "fill").put("account", id)
          .put("instrument", "ETH-PERPETUAL").put("quantity", -(1 + r.nextInt(50)) * 10).put("price", 3530.0))));
    }
    CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
  }

  private static void drive(HttpClient client, URI base, int concurrency, int count, int maxSeconds, String what)
      throws Exception {
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger failed = new AtomicInteger();
    SplittableRandom r = new SplittableRandom(11);
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(maxSeconds);
    int sent = 0;
    while (sent < count && System.nanoTime() < deadline) {
      String body = "{\"orders\":[{\"instrument\":\"BTC-PERPETUAL\",\"quantity\":" + ((r.nextInt(20) - 10) * 10 + 5)
          + ",\"price\":65690}]}";
      HttpRequest req = HttpRequest.newBuilder(base.resolve("a" + r.nextInt(ACCOUNTS) + "/what-if"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      inFlight.acquire();
      long start = System.nanoTime();
      client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, x) -> {
        long ns = System.nanoTime() - start;
        if (x != null || resp.statusCode() != 200 || !resp.body().contains("\"initial_margin_change_usd\"")) {
          failed.incrementAndGet();
        }
        synchronized (h) {
          h.recordValue(Math.min(ns, h.getHighestTrackableValue()));
        }
        inFlight.release();
      });
      sent++;
    }
    inFlight.acquire(concurrency);
    inFlight.release(concurrency);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "what-if %s: %,d requests (%d concurrent) in %.2f s = %,.0f requests/s, latency "
        + "p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d failed; load average %s%n", what, sent, concurrency, secs,
        sent / secs, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
        failed.get(), Files.readString(Path.of("/proc/loadavg")).trim());
    assertThat(failed.get()).isZero();
  }
}
