package org.pmargin.server.recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.service.Canonical;
import org.pmargin.server.service.CommandApplier;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restart time of a realistic log (not part of the suite: run with {@code ./mvnw -q -B -pl pmargin-server -am verify
 * -Dtest=RecoveryBench -Dsurefire.failIfNoSpecifiedTests=false [-Dpmargin.events=1000000]
 * [-Dpmargin.accounts=10000]}, or its {@link #main}). Builds an embedded store of N events as the service would
 * have logged them (each applied to an engine for its answer, appended in batches of 10,000): a create and a USDC
 * deposit per account, then 70% fills in the BTC and ETH perpetuals, 25% deposits, 5% withdrawals (some refused),
 * and a market move every 50,000 events. Then measures: reading the log alone, and {@link MarginService#open}
 * (migration check, replay, snapshot check) back to serving, without and with a snapshot in the store.
 */
class RecoveryBench {

  @Test
  void run() throws Exception {
    main(new String[0]);
  }

  /**
   * Runs the benchmark.
   *
   * @param args  none (sizes from the system properties above)
   */
  public static void main(String[] args) throws Exception {
    long events = Long.getLong("pmargin.events", 1_000_000);
    int accounts = Integer.getInteger("pmargin.accounts", 10_000);
    Path dir = Files.createTempDirectory("pmargin-recovery-bench");
    StoreLocation location = StoreLocation.embedded(dir);
    ServiceSettings settings = Workload.settings();
    long t0 = System.nanoTime();
    build(location, settings, events, accounts);
    System.out.printf(Locale.ROOT, "built %,d events over %,d accounts in %.1f s (%s, %,d MB)%n", events, accounts,
        (System.nanoTime() - t0) / 1e9, dir, Files.size(dir.resolve("pmargin-events.db")) / 1_000_000);
    try (EventStore store = EventStore.open(location)) {
      long r0 = System.nanoTime();
      long n = store.read(0, e -> { });
      System.out.printf(Locale.ROOT, "read alone: %,d events in %.2f s%n", n, (System.nanoTime() - r0) / 1e9);
    }
    for (int round = 0; round < 2; round++) {
      long o0 = System.nanoTime();
      try (MarginService s = MarginService.open(location, settings, MarginService.Options.defaults())) {
        System.out.printf(Locale.ROOT, "restart %d: back to serving in %.2f s (replay %,d ms of %,d events; "
            + "snapshot present: %s)%n", round, (System.nanoTime() - o0) / 1e9, s.recovery()[1], s.recovery()[0],
            round > 0);
      } // closing writes a snapshot, so the second round recovers with one
    }
  }

  private static void build(StoreLocation location, ServiceSettings settings, long events, int accounts) {
    try (EventStore store = EventStore.open(location); MarginEngine engine = settings.newEngine()) {
      store.putMeta("settings", settings.toJson());
      SplittableRandom r = new SplittableRandom(42);
      List<LoggedEvent> batch = new ArrayList<>();
      Instant at = engine.snapshot().asOf();
      for (long seq = 1; seq <= events; seq++) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (seq <= accounts) {
          n.put("type", "create").put("account", "a" + (seq - 1));
        } else if (seq <= 2L * accounts) {
          n.put("type", "deposit").put("account", "a" + (seq - accounts - 1)).put("asset", "USDC")
              .put("amount", 1_000_000);
        } else if (seq % 50_000 == 0) {
          at = at.plusSeconds(1);
          n.put("type", "market").put("at", at.toString()).putObject("moves").put("BTC", (r.nextDouble() - 0.5)
              * 0.01);
        } else {
          String account = "a" + r.nextInt(accounts);
          double u = r.nextDouble();
          if (u < 0.7) {
            boolean btc = r.nextBoolean();
            n.put("type", "fill").put("account", account).put("instrument", btc ? "BTC-PERPETUAL"
                : "ETH-PERPETUAL").put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(10)))
                .put("price", btc ? 65_690.0 : 3_520.0);
          } else if (u < 0.95) {
            n.put("type", "deposit").put("account", account).put("asset", "USDC").put("amount", 1 + r.nextInt(1000));
          } else {
            n.put("type", "withdraw").put("account", account).put("asset", "USDC").put("amount",
                1 + r.nextInt(200_000));
          }
        }
        String payload = Canonical.write(n);
        ObjectNode answer = CommandApplier.apply(engine, payload);
        batch.add(new LoggedEvent(seq, "b" + seq, n.get("type").asString(), payload, Canonical.write(answer)));
        if (batch.size() == 10_000) {
          store.append(batch);
          batch.clear();
        }
      }
      store.append(batch);
    }
  }
}
