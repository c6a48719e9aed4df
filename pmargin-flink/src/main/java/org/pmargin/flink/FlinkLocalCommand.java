package org.pmargin.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pmargin flink-local}: the margin job on an embedded Flink MiniCluster (no cluster to install), over an
 * event script or a synthetic population, with the single-node engine run on the same events for comparison. Runs
 * from this module's job jar (the {@code pmargin} script hands the command over), so Flink stays out of the CLI's
 * jar.
 */
@Command(name = "flink-local", mixinStandardHelpOptions = true,
    description = "Runs the margin job on an embedded Flink MiniCluster and compares it with the single-node engine.")
public final class FlinkLocalCommand implements Callable<Integer> {

  @Option(names = "--events", paramLabel = "FILE", description = "An event script (JSON lines: deposit, withdraw, "
      + "fill, market, model; what_if and explain lines are skipped). Default: a synthetic population.")
  private Path events;

  @Option(names = "--market", paramLabel = "FILE",
      description = "The first market snapshot (default: the synthetic three-coin market).")
  private Path market;

  @Option(names = "--accounts", defaultValue = "2000", description = "Synthetic accounts (default: ${DEFAULT-VALUE}).")
  private int accounts;

  @Option(names = "--ticks", defaultValue = "20", description = "Synthetic BTC ticks (default: ${DEFAULT-VALUE}).")
  private int ticks;

  @Option(names = "--model", defaultValue = "grid",
      description = "grid, simulation, isolated, cross, sensitivity, derive (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--scenarios", defaultValue = "1000", description = "Simulation scenarios (default: ${DEFAULT-VALUE}).")
  private int scenarios;

  @Option(names = {"-p", "--parallelism"}, defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
  private int parallelism;

  @Option(names = "--buckets", defaultValue = "128", description = "Account buckets (default: ${DEFAULT-VALUE}).")
  private int buckets;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: a new temporary one).")
  private Path out;

  @Option(names = "--checkpoint-ms", defaultValue = "1000", description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
  private long checkpointMs;

  @Override
  public Integer call() throws Exception {
    JobSettings settings = new JobSettings(market == null ? null : market.toString(), model, scenarios, buckets, -1,
        "", 0);
    Path dir = out != null ? out : Files.createTempDirectory("pmargin-flink-");
    Files.createDirectories(dir);
    List<String> lines = events != null ? Files.readAllLines(events)
        : SyntheticEvents.script(settings.market(), settings.model(model), accounts, ticks, 0.05, 1);
    Path input = events != null ? events : SyntheticEvents.write(lines, dir.resolve("events.jsonl"));
    long t0 = System.nanoTime();
    ReferenceRun ref = ReferenceRun.of(lines, settings);
    double engineSeconds = (System.nanoTime() - t0) / 1e9;
    JobExecutionResult r = MarginJob.runLocal(input, dir.resolve("output"), settings, parallelism, checkpointMs);
    List<String> margins = read(dir.resolve("output/margins"));
    List<String> transitions = read(dir.resolve("output/transitions"));
    List<String> triggers = read(dir.resolve("output/liquidation-triggers"));
    List<String> expected = new ArrayList<>(ref.margins());
    List<String> expectedT = new ArrayList<>(ref.transitions());
    margins.sort(null);
    expected.sort(null);
    transitions.sort(null);
    expectedT.sort(null);
    boolean same = margins.equals(expected) && transitions.equals(expectedT);
    System.out.printf(Locale.ROOT, "pmargin flink-local: %s, model %s, parallelism %d, %d buckets%n",
        events != null ? events : accounts + " synthetic accounts, " + ticks + " BTC ticks", model, parallelism,
        buckets);
    System.out.printf(Locale.ROOT, "flink job: %,d events, %,d margin results, %,d health transitions, %,d "
        + "liquidation triggers in %.2f s (MiniCluster start included: %.2f s wall)%n", lines.size(), margins.size(),
        transitions.size(), triggers.size(), r.getNetRuntime() / 1e3, (System.nanoTime() - t0) / 1e9 - engineSeconds);
    System.out.printf(Locale.ROOT, "single-node engine on the same events: %,d margin results, %,d transitions in "
        + "%.2f s%n", expected.size(), expectedT.size(), engineSeconds);
    System.out.println(same ? "identical: every margin result and health transition, bit for bit"
        : "DIFFERENT from the single-node engine");
    System.out.println("outputs (JSON lines): " + dir.resolve("output"));
    return same ? 0 : 3;
  }

  private static List<String> read(Path root) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .toList()) {
        Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(out::add);
      }
    }
    return out;
  }

  /** Runs the command. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FlinkLocalCommand()).execute(args));
  }
}
