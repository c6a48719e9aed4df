package org.pmargin.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.script.MarketMove;

/**
 * Throughput of BTC ticks (accounts re-margined per second), the Flink job at parallelism 1 and 2 against the
 * single-node engine in the same run, for the grid and the simulation model. The job's tick rate is measured as the
 * difference of two runs on the same population, one with the ticks and one without (so the MiniCluster start and
 * the opening events cancel out). Not a test: {@code java -cp pmargin-flink/target/pmargin-flink-*-job.jar
 * org.pmargin.flink.FlinkThroughput [gridAccounts] [simulationAccounts] [ticks]}.
 */
public final class FlinkThroughput {

  /** Accounts the engine re-margined per tick (those exposed to BTC whose opening was accepted). */
  private static long remargined;

  private FlinkThroughput() {
  }

  /** Runs the comparison. */
  public static void main(String[] args) throws Exception {
    int gridAccounts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int simAccounts = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int ticks = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    System.out.printf("FlinkThroughput: %d processors, JDK %s, max heap %,d MB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    run(JobSettings.defaults(), gridAccounts, ticks);
    run(new JobSettings(null, "simulation", 1_000, 128, -1, "", 0), simAccounts, ticks);
  }

  private static void run(JobSettings settings, int accounts, int ticks) throws Exception {
    MarketSnapshot market = settings.market();
    MarginModel model = settings.model(settings.model());
    List<String> opening = SyntheticEvents.opening(new org.pmargin.engine.population.SyntheticAccounts(market)
        .generate(accounts, 10, 3, model, 1));
    List<String> withTicks = new java.util.ArrayList<>(opening);
    for (int i = 0; i < ticks; i++) {
      withTicks.add(SyntheticEvents.tick(i % 2 == 0 ? 0.001 : 1 / 1.001 - 1, null));
    }
    double engine = engineRate(settings, opening, ticks, accounts);
    System.out.printf(Locale.ROOT, "%s, %,d accounts x 10 positions (%,d re-margined per tick), %d BTC "
        + "ticks:%n  single-node engine (2 threads): %,.0f accounts/s%n", settings.model(), accounts, remargined, ticks,
        engine);
    Path dir = Files.createTempDirectory("pmargin-flink-bench-");
    Path a = SyntheticEvents.write(opening, dir.resolve("opening.jsonl"));
    Path b = SyntheticEvents.write(withTicks, dir.resolve("ticks.jsonl"));
    for (int p = 1; p <= 2; p++) {
      MarginJob.runLocal(a, dir.resolve("warm" + p), settings, p, 10_000); // warm-up: JIT, classes
      long base = MarginJob.runLocal(a, dir.resolve("a" + p), settings, p, 10_000).getNetRuntime();
      long full = MarginJob.runLocal(b, dir.resolve("b" + p), settings, p, 10_000).getNetRuntime();
      double seconds = Math.max(1, full - base) / 1e3;
      System.out.printf(Locale.ROOT, "  flink parallelism %d: opening %.2f s, with ticks %.2f s: %,.0f accounts/s "
          + "(%.1f ms per tick)%n", p, base / 1e3, full / 1e3, (double) remargined * ticks / seconds,
          seconds * 1e3 / ticks);
    }
  }

  /** The engine's tick rate on the same population (opened through the same events). */
  private static double engineRate(JobSettings settings, List<String> opening, int ticks, int accounts) {
    try (MarginEngine engine = new MarginEngine(settings.model(settings.model()), settings.market(),
        settings.engineConfig().withThreads(2))) {
      long seq = 0;
      for (String line : opening) {
        engine.apply(EventLines.toEngine(EventLines.parse(line, ++seq), engine.snapshot(), settings));
      }
      for (int w = 0; w < 3; w++) {
        tick(engine, w);
      }
      long t0 = System.nanoTime();
      long margined = 0;
      for (int i = 0; i < ticks; i++) {
        margined += tick(engine, i).margins().size();
      }
      remargined = margined / ticks;
      return margined / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static EventOutcome tick(MarginEngine engine, int i) {
    MarketSnapshot s = new MarketMove(java.util.Map.of(org.pmargin.core.instrument.Asset.BTC,
        i % 2 == 0 ? 0.001 : 1 / 1.001 - 1), java.util.Map.of(), null).apply(engine.snapshot());
    return engine.apply(MarketUpdate.of(s));
  }
}
