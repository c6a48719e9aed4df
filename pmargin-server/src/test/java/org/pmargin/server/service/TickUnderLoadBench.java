package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.node.ObjectNode;

/**
 * A price tick under ingest load (not part of the suite: surefire runs *Test classes only; run with {@code ./mvnw
 * -q -B -pl pmargin-server -am verify -Dtest=TickUnderLoadBench -Dsurefire.failIfNoSpecifiedTests=false}).
 * 100,000 accounts on the embedded store (grid model), each with collateral and a BTC perpetual, a quarter with an
 * ETH perpetual too; then fills on random accounts at a steady rate from a load thread, and while they run, five
 * BTC market moves of ±1 %: each re-margins every account holding BTC. Prints, per tick, the engine's time for the
 * market event (apply and re-margin of all affected accounts, as the sequencer measures it) and its acknowledgement
 * latency (queue + engine + commit), with the fills' rate and the load average.
 */
class TickUnderLoadBench {

  static final int ACCOUNTS = Integer.getInteger("tick.accounts", 100_000);
  static final int FILLS_PER_SECOND = Integer.getInteger("tick.fills", 5_000);

  @TempDir
  Path tmp;

  @Test
  void run() throws Exception {
    MarginService.Options options = new MarginService.Options(1000, 100_000_000, 100_000); // no snapshot midway
    AtomicLong marketNanos = new AtomicLong();
    try (Stores.TestStore t = Stores.create(Stores.Kind.SQLITE, tmp);
        MarginService s = MarginService.open(t.location(), Workload.settings(), options)) {
      s.observe(new SequencerObserver() {
        @Override
        public void applied(Command command, long nanos, ObjectNode answer) {
          if (command.type().equals("market")) {
            marketNanos.set(nanos);
          }
        }
      });
      long t0 = System.nanoTime();
      populate(s);
      System.out.printf(Locale.ROOT, "%,d accounts opened in %.1f s (%,d events)%n", ACCOUNTS,
          (System.nanoTime() - t0) / 1e9, s.lastSequence());

      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicLong fills = new AtomicLong();
      Thread load = new Thread(() -> fills(s, loading, fills), "bench-fills");
      load.start();
      Thread.sleep(3000);
      double[] move = {0.01, -0.01, 0.01, -0.01, 0.01};
      double worstEngine = 0;
      double worstAck = 0;
      for (int k = 0; k < move.length; k++) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("type", "market");
        m.putObject("moves").put("BTC", move[k]);
        long f0 = fills.get();
        long start = System.nanoTime();
        Answer a = s.submit(Command.of("tick-" + k, m)).get(60, TimeUnit.SECONDS);
        double ack = (System.nanoTime() - start) / 1e6;
        double engine = marketNanos.get() / 1e6;
        worstEngine = Math.max(worstEngine, engine);
        worstAck = Math.max(worstAck, ack);
        int remargined = Json.parse(a.json()).get("remargined").asInt();
        Thread.sleep(2000);
        System.out.printf(Locale.ROOT, "tick %d (BTC %+.0f%%): %,d accounts re-margined, engine %.0f ms, acknowledged "
            + "after %.0f ms; fills meanwhile %,.0f/s; load average %s%n", k, move[k] * 100, remargined, engine, ack,
            (fills.get() - f0) / ((System.nanoTime() - start) / 1e9),
            Files.readString(Path.of("/proc/loadavg")).trim());
        assertThat(a.accepted()).isTrue();
        assertThat(remargined).isEqualTo(ACCOUNTS);
      }
      loading.set(false);
      load.join();
      System.out.printf(Locale.ROOT, "worst tick: engine %.0f ms, acknowledged after %.0f ms (target 500 ms)%n",
          worstEngine, worstAck);
    }
  }

  /** Creates, funds and fills the accounts in groups of 1,000 commands (one commit each). */
  private static void populate(MarginService s) throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    List<CompletableFuture<List<Answer>>> fs = new ArrayList<>();
    List<Command> group = new ArrayList<>();
    Semaphore window = new Semaphore(8);
    for (int a = 0; a < ACCOUNTS; a++) {
      String id = "a" + a;
      group.add(Command.of("c" + a, Json.MAPPER.createObjectNode().put("type", "create").put("account", id)));
      group.add(Command.of("d" + a, Json.MAPPER.createObjectNode().put("type", "deposit").put("account", id)
          .put("asset", "USDC").put("amount", 200_000 + r.nextInt(800_000))));
      group.add(Command.of("b" + a, Json.MAPPER.createObjectNode().put("type", "fill").put("account", id)
          .put("instrument", "BTC-PERPETUAL").put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(100)))
          .put("price", 65690.0)));
      if (a % 4 == 0) {
        group.add(Command.of("e" + a, Json.MAPPER.createObjectNode().put("type", "fill").put("account", id)
            .put("instrument", "ETH-PERPETUAL").put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(100)))
            .put("price", 3530.0)));
      }
      if (group.size() >= 1000 || a == ACCOUNTS - 1) {
        window.acquire();
        fs.add(s.submitAll(group).whenComplete((x, e) -> window.release()));
        group = new ArrayList<>();
      }
    }
    CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
  }

  /** Fills on random accounts at a steady rate, at most 256 in flight, until told to stop. */
  private static void fills(MarginService s, AtomicBoolean loading, AtomicLong done) {
    SplittableRandom r = new SplittableRandom(9);
    Semaphore inFlight = new Semaphore(256);
    long t0 = System.nanoTime();
    for (long i = 0; loading.get(); i++) {
      long due = t0 + i * 1_000_000_000L / FILLS_PER_SECOND;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      Command c = Command.of("f" + i, Json.MAPPER.createObjectNode().put("type", "fill")
          .put("account", "a" + r.nextInt(ACCOUNTS)).put("instrument", "BTC-PERPETUAL")
          .put("quantity", (r.nextBoolean() ? 10 : -10) * (1 + r.nextInt(10))).put("price", 65690.0));
      inFlight.acquireUninterruptibly();
      s.submit(c).whenComplete((a, x) -> {
        done.incrementAndGet();
        inFlight.release();
      });
    }
    inFlight.acquireUninterruptibly(256);
  }
}
