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
 * [-Dpmargin.accounts=10000] [-Dpmargin.buildOnly=DIR]}, or its {@link #main}). Builds an embedded store of N events as the service would
 * have logged them (each applied to an engine for its answer, appended in batches of 10,000): a create and a USDC
 * deposit per account, then 70% fills in the BTC and ETH perpetuals, 25% deposits, 5% withdrawals (some refused),
 * and a market move every 50,000 events, with a snapshot 100,000 events before the end (the service's default
 * interval: the longest tail it replays). Then measures: reading the log alone, and {@link MarginService#open}
 * (migration check, snapshot restore and digest check, replay of the tail) back to serving from that snapshot, from
 * one at the end, and with none (the whole log). The JIT is warm from the build (a real restart's is not: the
 * README's figure of a fresh process is in docs/BENCHMARKS.md).
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
    String only = System.getProperty("pmargin.buildOnly"); // a directory: build the store there and stop
    Path dir = only != null ? Files.createDirectories(Path.of(only)) : Files.createTempDirectory("pmargin-recovery-bench");
    StoreLocation location = StoreLocation.embedded(dir);
    ServiceSettings settings = Workload.settings();
    long t0 = System.nanoTime();
    build(location, settings, events, accounts);
    System.out.printf(Locale.ROOT, "built %,d events over %,d accounts in %.1f s (%s, %,d MB)%n", events, accounts,
        (System.nanoTime() - t0) / 1e9, dir, Files.size(dir.resolve("pmargin-events.db")) / 1_000_000);
    if (only != null) {
      return; // for a restart of a fresh process: pmargin serve --store-dir DIR
    }
    try (EventStore store = EventStore.open(location)) {
      long r0 = System.nanoTime();
      long n = store.read(0, e -> { });
      System.out.printf(Locale.ROOT, "read alone: %,d events in %.2f s%n", n, (System.nanoTime() - r0) / 1e9);
    }
    String[] cases = {"a snapshot " + TAIL + " events before the end, the tail replayed", "a snapshot at the end "
        + "(written by the previous close)", "no snapshot: the whole log replayed"};
    for (int round = 0; round < cases.length; round++) {
      if (round == 2) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.jdbcUrl());
            java.sql.Statement st = c.createStatement()) {
          st.executeUpdate("DELETE FROM snapshots");
        }
      }
      long o0 = System.nanoTime();
      try (MarginService s = MarginService.open(location, settings, MarginService.Options.defaults())) {
        System.out.printf(Locale.ROOT, "restart %d, %s: back to serving in %.2f s (recovery %,d ms, from the snapshot "
            + "after event %,d; %,d events in the log)%n", round, cases[round], (System.nanoTime() - o0) / 1e9,
            s.recovery()[1], s.recoveredSnapshot(), s.recovery()[0]);
      } // closing writes a snapshot at the end
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** The tail after the build's snapshot: the most a service with the default snapshot interval replays. */
  static final long TAIL = 100_000;

  /** A snapshot as the service writes it (MarginService's periodic one), after event seq. */
  private static void snapshot(EventStore store, MarginEngine engine, ServiceSettings settings, long seq) {
    org.pmargin.engine.book.EngineState state = engine.exportState();
    store.writeSnapshot(new org.pmargin.server.store.SnapshotRow(seq, Instant.now().toString(),
        org.pmargin.engine.book.EngineStateCodec.FORMAT, state.accounts().size(), StateDigest.digest(engine),
        org.pmargin.server.service.ServiceParameters.initial(settings).toJson(),
        org.pmargin.engine.book.EngineStateCodec.write(state)), 3);
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
          if (seq == events - TAIL) {
            snapshot(store, engine, settings, seq);
          }
        }
      }
      store.append(batch);
    }
  }
}
