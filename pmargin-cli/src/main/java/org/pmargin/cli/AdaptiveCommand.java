package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pmargin.core.adaptive.AdaptiveComparison;
import org.pmargin.core.adaptive.AdaptivePresets;
import org.pmargin.core.adaptive.LiquidityHorizon;
import org.pmargin.core.adaptive.RealisedVariance;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.history.DailyVolumes;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.data.history.StressEventsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin adaptive}: judges adaptive risk parameters (GARCH, GJR, HAR vol forecasts and a liquidity-aware
 * horizon) side by side with the static ones, on the real history and in the cascade simulator's crash windows,
 * offers an adaptive model as a preset only where it wins, and writes the table (docs/ADAPTIVE.md).
 */
@Command(name = "adaptive", mixinStandardHelpOptions = true,
    description = {"Judges adaptive risk parameters against the static ones: the filtered historical margin "
        + "(ES 97.5%%, long 1 USD, 1 day) with the RiskMetrics EWMA vol beside the same with GARCH(1,1), "
        + "GJR-GARCH(1,1) (maximum likelihood, refitted out of sample) and HAR-RV (hourly bars) vol forecasts, and a "
        + "liquidity-aware horizon from volume: exceptions against VaR 99%% (Kupiec, conditional coverage, zones), "
        + "average margin, largest 1-day and 5-day rises, peak-to-trough; and liquidations and losses in the crash "
        + "windows through the cascade simulator. Prints the markdown and writes it with --out."})
final class AdaptiveCommand implements Callable<Integer> {

  /** The underlyings judged by default: every crypto of daily/ but the stablecoins. */
  static final List<String> DEFAULT_ASSETS = List.of("BTC", "ETH", "ADA", "AVAX", "BNB", "DOGE", "DOT", "LINK", "LTC",
      "MATIC", "SOL", "XRP");

  @Spec
  private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = DataDirOption.HELP)
  private Path dataDir;

  @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the markdown to FILE.md.")
  private Path outFile;

  @Option(names = "--assets", split = ",", paramLabel = "ASSET", description = "Underlyings (default: "
      + "BTC,ETH,ADA,AVAX,BNB,DOGE,DOT,LINK,LTC,MATIC,SOL,XRP; those without enough history are skipped).")
  private List<String> assets;

  @Option(names = "--lookback", defaultValue = "500", paramLabel = "DAYS",
      description = "Historical scenarios per margin date (default: ${DEFAULT-VALUE}).")
  private int lookback;

  @Option(names = "--min-fit", defaultValue = "500", paramLabel = "DAYS",
      description = "Returns of the first GARCH fit (default: ${DEFAULT-VALUE}).")
  private int minFit;

  @Option(names = "--refit-every", defaultValue = "20", paramLabel = "DAYS",
      description = "Days between GARCH and HAR refits on the expanding window (default: ${DEFAULT-VALUE}).")
  private int refitEvery;

  @Option(names = "--position-usd", defaultValue = "250000000", paramLabel = "USD",
      description = "Position of the liquidity-aware horizon (default: ${DEFAULT-VALUE}).")
  private double positionUsd;

  @Option(names = "--participation", defaultValue = "0.1", paramLabel = "SHARE",
      description = "Share of daily volume a liquidation may trade (default: ${DEFAULT-VALUE}).")
  private double participation;

  @Option(names = "--max-horizon", defaultValue = "10", paramLabel = "DAYS",
      description = "Longest liquidity horizon (default: ${DEFAULT-VALUE}).")
  private int maxHorizon;

  @Option(names = "--window", split = ",", paramLabel = "ID",
      defaultValue = "covid_black_thursday,may_2021_crash,celsius_3ac,ftx_collapse",
      description = "Crash windows of stress_events.csv for the cascade (default: ${DEFAULT-VALUE}).")
  private List<String> windows;

  @Option(names = "--days", defaultValue = "4", paramLabel = "N",
      description = "Days replayed from each window's start (default: ${DEFAULT-VALUE}).")
  private int days;

  @Option(names = "--accounts", defaultValue = "200", paramLabel = "N",
      description = "Accounts in the cascade's population (default: ${DEFAULT-VALUE}).")
  private int accounts;

  @Option(names = "--seed", defaultValue = "14", paramLabel = "N",
      description = "The population's seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--no-cascade", description = "Skip the crash windows.")
  private boolean noCascade;

  @Override
  public Integer call() throws IOException {
    if (days < 1 || accounts < 1) {
      throw new InvalidInputException(days < 1 ? "days" : "accounts", "must be >= 1");
    }
    DataDirectory.Location location = DataDirectory.locate(dataDir).orElseThrow(() ->
        new InvalidInputException("data_dir", DataDirectory.notFoundMessage()));
    Path dir = location.path();
    List<CrashWindow> chosen = new ArrayList<>();
    if (!noCascade) {
      List<CrashWindow> all = StressEventsCsv.read(dir);
      for (String id : windows) {
        chosen.add(all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
            new InvalidInputException("window", "no stress event '" + id + "' in stress_events.csv")));
      }
    }
    HistoryStore store = HistoryStore.loadFrom(dir);
    HistorySource history = HistorySource.of(store);
    Map<Asset, PriceSeries> volumes = DailyVolumes.series(dir);
    AdaptiveComparison.Settings settings = new AdaptiveComparison.Settings(lookback, 0.975, 0.99, minFit, refitEvery,
        new LiquidityHorizon(positionUsd, participation, maxHorizon), 20);
    Map<Asset, AdaptiveComparison.Outcome> outcomes = new LinkedHashMap<>();
    Map<Asset, String> skipped = new LinkedHashMap<>();
    for (String code : assets == null ? DEFAULT_ASSETS : assets) {
      Asset a = Asset.of(code);
      PriceSeries p = history.prices().get(a);
      if (p == null) {
        skipped.put(a, "no daily closes");
        continue;
      }
      try {
        outcomes.put(a, AdaptiveComparison.run(p, realisedVariance(store.hourlyBars(a)), volumes.get(a), settings));
      } catch (InvalidInputException e) {
        skipped.put(a, e.getMessage());
      }
    }
    if (outcomes.isEmpty()) {
      throw new InvalidInputException("assets", "no underlying with enough history: " + skipped);
    }
    List<AdaptiveCascade.Run> runs = new ArrayList<>();
    if (!noCascade) {
      runs = AdaptiveCascade.run(chosen, days, accounts, seed, List.of("garch", "gjr"), outcomes, store, dir);
    }
    String md = AdaptiveDocument.render(commandLine(), location.origin() == DataDirectory.Origin.SHIPPED
        ? "Real market data from the copy shipped with pmargin in data/ (data/README.md; --data-dir or $"
            + DataDirectory.ENV + " for a larger one)"
        : DataProvenance.of(location, store.report()).line(), settings,
        outcomes, skipped, runs, noCascade ? null : this.days, accounts, seed);
    PrintWriter out = spec.commandLine().getOut();
    out.print(md);
    out.flush();
    if (outFile != null) {
      Files.writeString(outFile, md, StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("written to " + outFile);
    }
    return ExitCodes.OK;
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult() == null ? List.of()
        : spec.commandLine().getParseResult().originalArgs();
    StringBuilder sb = new StringBuilder("pmargin");
    for (String a : args) {
      sb.append(' ').append(a);
    }
    return sb.toString();
  }

  /** Daily realised variance of a coin's hourly bars (empty without bars). */
  static TreeMap<java.time.LocalDate, Double> realisedVariance(List<HourlyBar> bars) {
    Instant[] opens = new Instant[bars.size()];
    double[] o = new double[bars.size()];
    double[] c = new double[bars.size()];
    for (int i = 0; i < opens.length; i++) {
      opens[i] = bars.get(i).open();
      o[i] = bars.get(i).openPrice();
      c[i] = bars.get(i).close();
    }
    return RealisedVariance.daily(opens, o, c, RealisedVariance.DEFAULT_MIN_BARS);
  }

  /** The presets the rule offers: underlying → models offered, best (lowest average margin) first. */
  static Map<Asset, List<String>> presets(Map<Asset, AdaptiveComparison.Outcome> outcomes) {
    Map<Asset, List<String>> out = new LinkedHashMap<>();
    for (AdaptiveComparison.Outcome o : outcomes.values()) {
      List<AdaptiveComparison.Comparison> won = new ArrayList<>();
      for (AdaptiveComparison.Comparison c : o.comparisons()) {
        if (AdaptivePresets.judge(c).offered()) {
          won.add(c);
        }
      }
      won.sort(java.util.Comparator.comparingDouble(c -> c.adaptive().result().averageMargin()
          / c.statik().result().averageMargin()));
      out.put(o.asset(), won.stream().map(AdaptiveComparison.Comparison::model).toList());
    }
    return out;
  }
}
