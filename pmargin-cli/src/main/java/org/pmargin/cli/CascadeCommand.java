package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.data.history.StressEventsCsv;
import org.pmargin.engine.liquidation.EngineLiquidity;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.engine.replay.LiveCrashReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin cascade}: the same synthetic population replayed through real crash windows under several margin
 * models side by side, with the engine liquidating, the liquidations' price impact fed back into the marks, and the
 * correlation-breakdown add-on on and off: accounts liquidated, notional closed, cost, bankruptcies, bad debt and
 * states, in total and over time ({@code --series}, {@code --plot}).
 */
@Command(name = "cascade", mixinStandardHelpOptions = true,
    description = {"Replays crash windows of the data directory (hourly bars through the oracle, a snapshot every 15 "
        + "minutes) for one seeded synthetic population under each margin model, with the engine's step-wise "
        + "liquidation and loss waterfall, and compares the models: accounts liquidated, steps, notional closed, "
        + "liquidation cost, bankruptcies, insurance-fund draws, ADL fills, socialised loss, bad debt, states at the "
        + "end. The liquidations' market impact moves the marks of the "
        + "next snapshots (--impact-feedback); the correlation-breakdown add-on charges back each model's offsets "
        + "between underlyings (--correlation-breakdown). Capital: the same for every model (--capital flat, "
        + "the default) or each model's own initial margin (own-im). Windows: named crash windows of stress_events.csv or "
        + "any FROM..TO range of days."})
final class CascadeCommand implements Callable<Integer> {

  /** On, off or both runs side by side. */
  enum Switch { on, off, both }

  /** How the accounts' collateral is set. */
  enum Capital { flat, own_im }

  @Spec
  private CommandSpec spec;

  @Option(names = "--window", split = ",", paramLabel = "ID|FROM..TO",
      defaultValue = "covid_black_thursday,may_2021_crash,celsius_3ac,ftx_collapse",
      description = "Crash windows of stress_events.csv, or date ranges FROM..TO (UTC days, e.g. "
          + "2021-01-10..2021-01-14) (default: ${DEFAULT-VALUE}).")
  private List<String> windows;

  @Option(names = "--days", paramLabel = "N",
      description = "Days replayed from each window's start (default: 4 for a named window, the whole range for "
          + "FROM..TO).")
  private Integer days;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N",
      description = "Accounts in the population (default: ${DEFAULT-VALUE}).")
  private int accounts;

  @Option(names = "--models", split = ",", paramLabel = "MODEL", defaultValue = "isolated,cross,grid,sensitivity",
      description = "Margin models compared, among isolated, cross, grid, sensitivity, simulation "
          + "(default: ${DEFAULT-VALUE}).")
  private List<String> models;

  @Option(names = "--seed", defaultValue = "14", paramLabel = "N", description = "The population's seed "
      + "(default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--capital", defaultValue = "flat", paramLabel = "flat|own-im",
      converter = CapitalConverter.class,
      description = "flat: each account's collateral is --collateral percent of its gross notional, the same under "
          + "every model; own-im: --im-factor times the model's own initial margin of the book at the start "
          + "(default: flat).")
  private Capital capital;

  @Option(names = "--collateral", defaultValue = "8", paramLabel = "PCT",
      description = "With --capital flat: collateral in percent of gross notional (default: ${DEFAULT-VALUE}).")
  private double collateralPercent;

  @Option(names = "--im-factor", defaultValue = "1.5", paramLabel = "X",
      description = "With --capital own-im: collateral = X times the model's IM (default: ${DEFAULT-VALUE}).")
  private double imFactor;

  @Option(names = "--impact-feedback", defaultValue = "on", paramLabel = "on|off|both",
      description = "Feed the liquidations' market impact back into the marks (default: ${DEFAULT-VALUE}).")
  private Switch feedback;

  @Option(names = "--impact-half-life", defaultValue = "2", paramLabel = "HOURS",
      description = "Half-life of the impact's transient part, hours (default: ${DEFAULT-VALUE}).")
  private double halfLifeHours;

  @Option(names = "--impact-scale", defaultValue = "1", paramLabel = "X",
      description = "The population's liquidation flow moves the market as X times itself: a few thousand "
          + "synthetic accounts standing for a venue X times their size (default: ${DEFAULT-VALUE}).")
  private double impactScale;

  @Option(names = "--correlation-breakdown", defaultValue = "off", paramLabel = "on|off|both",
      description = "The add-on charging back offsets between underlyings (default: ${DEFAULT-VALUE}).")
  private Switch breakdown;

  @Option(names = "--simulation-scenarios", defaultValue = "0", paramLabel = "N",
      description = "The simulation model's most recent N daily scenarios before each window, 0 for all the "
          + "history (default: ${DEFAULT-VALUE}).")
  private int simulationScenarios;

  @Option(names = "--plot", paramLabel = "FILE.svg|DIR", description = "Writes a plot per window: notional "
      + "liquidated, bad debt and accounts below MM over time, one line per model (FILE-<window>.svg with several "
      + "windows, or DIR/cascade-<window>.svg).")
  private Path plot;

  @Option(names = "--series", paramLabel = "FILE.csv", description = "Writes the per-snapshot series of every run "
      + "as CSV.")
  private Path series;

  @Option(names = "--no-progress", description = "No progress on stderr.")
  private boolean noProgress;

  @Option(names = "--data-dir", paramLabel = "DIR", description = DataDirOption.HELP)
  private Path dataDir;

  @Override
  public Integer call() {
    validate();
    DataDirectory.Location location = DataDirectory.locate(dataDir).orElseThrow(() ->
        new InvalidInputException("data_dir", DataDirectory.notFoundMessage()));
    PrintWriter out = spec.commandLine().getOut();
    HistoryStore store = HistoryStore.loadFrom(location.path());
    out.println(DataProvenance.of(location, store.report()).line());
    CascadeInputs inputs = CascadeInputs.load(store, List.of(Asset.BTC, Asset.ETH));
    Map<Asset, List<HourlyBar>> bars = inputs.bars();
    Map<Asset, PriceSeries> vols = inputs.vols();
    if (bars.isEmpty()) {
      throw new InvalidInputException("data_dir", "no hourly bars with daily closes and a vol index in "
          + location.path());
    }
    HistorySource history = models.contains("simulation") ? HistorySource.of(store) : null;
    List<CrashWindow> all = StressEventsCsv.read(location.path());
    List<CrashWindow> chosen = new ArrayList<>();
    for (String id : windows) {
      chosen.add(id.contains("..") ? CascadeWindows.range(id, bars)
          : all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
              new InvalidInputException("window", "no stress event '" + id + "' in stress_events.csv (or a date "
                  + "range FROM..TO)")));
    }
    List<Boolean> breakdowns = values(breakdown);
    List<Boolean> feedbacks = values(feedback);
    int runs = chosen.size() * models.size() * breakdowns.size() * feedbacks.size();
    long snapshots = 0;
    for (CrashWindow w : chosen) {
      snapshots += (long) models.size() * breakdowns.size() * feedbacks.size() * daysOf(w) * 96;
    }
    List<CascadeRun> done = new ArrayList<>();
    try (CascadeProgress progress = CascadeProgress.start(!noProgress, spec.commandLine().getErr(), runs,
        snapshots)) {
      for (CrashWindow w : chosen) {
        List<CascadeRun> mine = replay(w, store, bars, vols, history, breakdowns, feedbacks, location.path(), out,
            progress);
        done.addAll(mine);
        if (plot != null) {
          CascadeReport.plot(CascadeReport.plotPath(plot, w.id(), chosen.size() > 1), w, mine);
        }
      }
    }
    if (series != null) {
      CascadeReport.writeSeries(series, done);
      out.println();
      out.println("Series of every snapshot written to " + series);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void validate() {
    if (!(collateralPercent > 0 && collateralPercent <= 1000)) {
      throw new InvalidInputException("collateral", "must be a percentage in (0, 1000], got " + collateralPercent);
    }
    if (!(imFactor > 0 && imFactor <= 100)) {
      throw new InvalidInputException("im_factor", "must be in (0, 100], got " + imFactor);
    }
    if (!(halfLifeHours > 0 && halfLifeHours <= 24 * 365)) {
      throw new InvalidInputException("impact_half_life", "must be in (0, 8760] hours, got " + halfLifeHours);
    }
    if (!(impactScale > 0 && impactScale <= 1e6)) {
      throw new InvalidInputException("impact_scale", "must be in (0, 1e6], got " + impactScale);
    }
    if (days != null && days < 1 || accounts < 1) {
      throw new InvalidInputException(accounts < 1 ? "accounts" : "days", "must be >= 1");
    }
    if (simulationScenarios < 0) {
      throw new InvalidInputException("simulation_scenarios", "must be >= 0, got " + simulationScenarios);
    }
    CascadeModels.check(models);
  }

  /** The days replayed of a window: --days, else 4 for a named window and the whole of a date range. */
  private int daysOf(CrashWindow w) {
    if (days != null) {
      return days;
    }
    return CascadeWindows.isRange(w) ? (int) (w.end().toEpochDay() - w.start().toEpochDay() + 1) : 4;
  }

  private static List<Boolean> values(Switch s) {
    return switch (s) {
      case on -> List.of(true);
      case off -> List.of(false);
      case both -> List.of(false, true);
    };
  }

  private List<CascadeRun> replay(CrashWindow w, HistoryStore store, Map<Asset, List<HourlyBar>> bars,
      Map<Asset, PriceSeries> vols, HistorySource history, List<Boolean> breakdowns, List<Boolean> feedbacks,
      Path dir, PrintWriter out, CascadeProgress progress) {
    Instant start = w.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate last = w.start().plusDays(daysOf(w) - 1L);
    if (last.isAfter(w.end())) {
      last = w.end();
    }
    Instant end = last.atTime(23, 45).toInstant(ZoneOffset.UTC);
    EngineLiquidity liquidity = org.pmargin.engine.liquidation.ReplayLiquidity.calibrated(dir, store, bars.keySet(), w.start());
    LiquidationConfig liquidation = LiquidationConfig.defaults().withLiquidity(liquidity);
    List<MarginModel> list = CascadeModels.forWindow(models, history, start, simulationScenarios);
    out.println();
    out.printf(Locale.ROOT, "-- %s (%s to %s): %d accounts, seed %d, %s; %s%n", w.id(), w.start(), last,
        accounts, seed, capital == Capital.flat
            ? "collateral " + Table.sig(collateralPercent, 3) + "% of gross notional"
            : "collateral " + Table.sig(imFactor, 3) + " x each model's own IM", w.description());
    ImpactFeedback impact = ImpactFeedback.defaults().withHalfLife(Duration.ofMillis(
        Math.round(halfLifeHours * 3_600_000))).withFlowScale(impactScale);
    List<CascadeRun> runs = new ArrayList<>();
    for (MarginModel base : list) {
      String about = CascadeModels.describe(base);
      if (!about.isEmpty()) {
        out.println("   " + base.name() + ": " + about + " (ES 97.5% without the add-ons of pmargin margin)");
      }
      for (boolean b : breakdowns) {
        MarginModel m = CascadeModels.withBreakdown(base, b);
        for (boolean f : feedbacks) {
          long t0 = System.nanoTime();
          LiveCrashReplay.Summary s = LiveCrashReplay.run(bars, vols, m, new LiveCrashReplay.Settings(start, end,
              Duration.ofMinutes(15), accounts, 6, seed, Runtime.getRuntime().availableProcessors(), liquidation,
              capital == Capital.flat ? collateralPercent / 100 : 0, capital == Capital.flat ? 0 : imFactor,
              f ? impact : ImpactFeedback.off()), (snapshot, outcome) -> progress.step());
          CascadeRun r = new CascadeRun(w.id(), base.name(), b, f, s, (System.nanoTime() - t0) / 1e9);
          runs.add(r);
          progress.runDone(w.id() + " " + r.label() + (f ? " impact on" : " impact off"));
        }
      }
    }
    CascadeReport.print(runs, impact, out);
    return runs;
  }

  /** Reads {@code flat} and {@code own-im}. */
  static final class CapitalConverter implements picocli.CommandLine.ITypeConverter<Capital> {
    @Override
    public Capital convert(String value) {
      return switch (value) {
        case "flat" -> Capital.flat;
        case "own-im", "own_im" -> Capital.own_im;
        default -> throw new InvalidInputException("capital", "must be flat or own-im, got '" + value + "'");
      };
    }
  }
}
