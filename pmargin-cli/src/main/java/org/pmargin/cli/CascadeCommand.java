package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.history.ProxiedVolIndex;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.StressEventsCsv;
import org.pmargin.engine.liquidation.EngineLiquidity;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.engine.replay.LiveCrashReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin cascade}: the same synthetic population, on the same capital, replayed through a real crash window
 * under several margin models side by side, with the engine liquidating: how many accounts each model liquidates,
 * how much it closes and what it costs, and how many end bankrupt with how much bad debt.
 */
@Command(name = "cascade", mixinStandardHelpOptions = true,
    description = {"Replays crash windows of the data directory (hourly bars through the oracle, a snapshot every 15 "
        + "minutes) for one seeded synthetic population under each margin model, on the same capital (collateral "
        + "a fixed percentage of each account's gross notional, --collateral), with the engine's step-wise liquidation, and compares the models: "
        + "accounts liquidated, steps, notional closed, liquidation cost, accounts bankrupt, bad debt, states at the "
        + "end. Not yet modelled: the liquidations' price impact on the marks, the insurance fund and ADL."})
final class CascadeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--window", split = ",", paramLabel = "ID",
      defaultValue = "covid_black_thursday,may_2021_crash,celsius_3ac,ftx_collapse",
      description = "Crash windows of stress_events.csv (default: ${DEFAULT-VALUE}).")
  private List<String> windows;

  @Option(names = "--days", defaultValue = "4", paramLabel = "N",
      description = "Days replayed from each window's start (default: ${DEFAULT-VALUE}).")
  private int days;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N",
      description = "Accounts in the population (default: ${DEFAULT-VALUE}).")
  private int accounts;

  @Option(names = "--models", split = ",", paramLabel = "MODEL", defaultValue = "isolated,cross,grid,sensitivity",
      description = "Margin models compared (default: ${DEFAULT-VALUE}).")
  private List<String> models;

  @Option(names = "--seed", defaultValue = "14", paramLabel = "N", description = "The population's seed "
      + "(default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--collateral", defaultValue = "8", paramLabel = "PCT",
      description = "Each account's collateral, in percent of its gross notional, the same under every model "
          + "(default: ${DEFAULT-VALUE}).")
  private double collateralPercent;

  @Option(names = "--data-dir", paramLabel = "DIR", description = DataDirOption.HELP)
  private Path dataDir;

  @Override
  public Integer call() {
    if (!(collateralPercent > 0 && collateralPercent <= 1000)) {
      throw new InvalidInputException("collateral", "must be a percentage in (0, 1000], got " + collateralPercent);
    }
    if (days < 1 || accounts < 1) {
      throw new InvalidInputException(days < 1 ? "days" : "accounts", "must be >= 1");
    }
    DataDirectory.Location location = DataDirectory.locate(dataDir).orElseThrow(() ->
        new InvalidInputException("data_dir", DataDirectory.notFoundMessage()));
    PrintWriter out = spec.commandLine().getOut();
    HistoryStore store = HistoryStore.loadFrom(location.path());
    out.println(DataProvenance.of(location, store.report()).line());
    Map<Asset, List<HourlyBar>> bars = new LinkedHashMap<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset coin : List.of(Asset.BTC, Asset.ETH)) {
      List<HourlyBar> b = store.hourlyBars(coin);
      PriceSeries daily = store.find(HistoryStore.Source.DAILY, coin).orElse(null);
      PriceSeries dvol = store.find(HistoryStore.Source.VOL_INDEX, Asset.of(coin.code() + "DVOL")).orElse(null);
      if (!b.isEmpty() && daily != null && dvol != null) {
        bars.put(coin, b);
        vols.put(coin, ProxiedVolIndex.extend(daily, dvol, ProxiedVolIndex.DEFAULT_RV_DAYS).levels());
      }
    }
    if (bars.isEmpty()) {
      throw new InvalidInputException("data_dir", "no hourly bars with daily closes and a vol index in "
          + location.path());
    }
    List<MarginModel> list = new ArrayList<>();
    for (String name : models) {
      if (!MarginModels.NAMES.contains(name)) {
        throw new InvalidInputException("models", "must be among " + MarginModels.NAMES + ", got '" + name + "'");
      }
      list.add(MarginModels.of(name, RiskParameters.defaults()).get(0));
    }
    List<CrashWindow> all = StressEventsCsv.read(location.path());
    for (String id : windows) {
      CrashWindow w = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
          new InvalidInputException("window", "no stress event '" + id + "' in stress_events.csv"));
      replay(w, store, bars, vols, list, location.path(), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void replay(CrashWindow w, HistoryStore store, Map<Asset, List<HourlyBar>> bars,
      Map<Asset, PriceSeries> vols, List<MarginModel> list, Path dir, PrintWriter out) {
    Instant start = w.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    java.time.LocalDate last = w.start().plusDays(days - 1L);
    if (last.isAfter(w.end())) {
      last = w.end();
    }
    Instant end = last.atTime(23, 45).toInstant(ZoneOffset.UTC);
    EngineLiquidity liquidity = ReplayLiquidity.calibrated(dir, store, bars.keySet(), w.start());
    LiquidationConfig liquidation = LiquidationConfig.defaults().withLiquidity(liquidity);
    out.println();
    out.printf(Locale.ROOT, "-- %s (%s to %s): %d accounts, seed %d, collateral %s%% of gross notional; %s%n",
        w.id(), w.start(), last, accounts, seed, Table.sig(collateralPercent, 3), w.description());
    Table t = new Table("<model", "liquidated", "steps", "closed USD", "cost USD", "bankrupt", "bad debt USD",
        "end: healthy", "margin call", "liquidatable", "bankrupt");
    for (MarginModel m : list) {
      LiveCrashReplay.Summary s = LiveCrashReplay.run(bars, vols, m, new LiveCrashReplay.Settings(start, end,
          Duration.ofMinutes(15), accounts, 6, seed, Runtime.getRuntime().availableProcessors(), liquidation,
          collateralPercent / 100), (snapshot, outcome) -> { });
      LiveCrashReplay.LiquidationTotals l = s.liquidation();
      Map<HealthState, Integer> e = s.endStates();
      t.row(m.name(), String.valueOf(l.accountsLiquidated()), String.valueOf(l.steps()),
          Table.num(l.notionalClosedUsd(), 0), Table.num(l.costUsd(), 0), String.valueOf(l.bankruptAccounts()),
          Table.num(l.badDebtUsd(), 0), String.valueOf(e.getOrDefault(HealthState.HEALTHY, 0)),
          String.valueOf(e.getOrDefault(HealthState.MARGIN_CALL, 0)),
          String.valueOf(e.getOrDefault(HealthState.LIQUIDATABLE, 0)),
          String.valueOf(e.getOrDefault(HealthState.BANKRUPT, 0)));
    }
    t.print(out);
  }
}
