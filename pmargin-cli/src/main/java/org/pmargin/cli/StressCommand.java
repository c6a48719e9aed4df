package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.stress.CrashReplay;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.stress.StressLibrary;
import org.pmargin.core.stress.StressResult;
import org.pmargin.core.stress.StressTest;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.StressJson;
import org.pmargin.data.history.StressEventsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin stress}: an account's P&L under the hypothetical stress library and, with a data directory, the
 * real crash windows replayed on today's positions (holding period and worst point).
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
    description = {"Stress an account: hypothetical shocks (gaps beyond the grid, vol spike, correlation breakdown,",
        "stablecoin depegs) and the crash windows of the data directory replayed on today's positions."})
final class StressCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--portfolio"}, required = true, paramLabel = "FILE", description = "Portfolio JSON file.")
  private Path portfolio;

  @Option(names = {"-m", "--market"}, required = true, paramLabel = "FILE", description = "Market snapshot JSON.")
  private Path market;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = DataDirOption.HELP)
  private Path dataDir;

  @Option(names = "--from", paramLabel = "DATE", description = "Crash windows replayed from this close on "
      + "(YYYY-MM-DD; default: the start of the data): a window before it is skipped, one straddling it cut.")
  private LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Crash windows replayed up to this close; not after the "
      + "cut-off, the UTC day before the snapshot's as_of (the default): a window after it is skipped, one "
      + "straddling it cut.")
  private LocalDate to;

  @Option(names = "--lookback-days", paramLabel = "N", description = "History of the N days ending at --to "
      + "(instead of --from).")
  private Integer lookbackDays;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}; JSON: docs/FORMATS.md, 'Stress output').")
  private GreeksCommand.Format format;

  @Override
  public Integer call() {
    Account account = GreeksCommand.withFile(portfolio, () -> PortfolioJson.read(portfolio));
    MarketSnapshot snapshot = GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    org.pmargin.core.expiry.SettledAccount settled = ExpiryReport.settle(account, snapshot, portfolio);
    account = settled.account();
    PrintWriter out = spec.commandLine().getOut();
    RiskParameters risk = RiskParameters.defaults();
    List<StressJson.Row> rows = new ArrayList<>();
    for (StressResult r : StressTest.run(account, snapshot, StressLibrary.hypothetical(), risk.collateral())) {
      rows.add(new StressJson.Row(r.scenario().name(), "hypothetical", null, r));
    }
    Optional<DataDirectory.Location> location = DataDirectory.locate(dataDir);
    Optional<Path> dir = location.map(DataDirectory.Location::path);
    Optional<HistorySource> loaded = dir.map(HistorySource::load);
    Optional<DataProvenance> provenance = location.map(l -> DataProvenance.of(l, loaded.get().report()));
    HistoryWindow window = HistoryWindow.of(snapshot.asOf(), from, to, lookbackDays);
    List<String> outside = new ArrayList<>();
    if (dir.isPresent()) {
      HistorySource history = loaded.get();
      Map<Asset, PriceSeries> prices = window.apply(history.prices());
      Map<Asset, PriceSeries> vols = window.apply(history.volIndices());
      for (CrashWindow all : StressEventsCsv.read(dir.get())) {
        Optional<CrashWindow> clipped = all.clippedTo(window.from(), window.to());
        if (clipped.isEmpty()) {
          outside.add(all.id());
          continue;
        }
        CrashWindow w = clipped.get();
        StressResult[] r = CrashReplay.replay(account, snapshot,
            CrashReplay.path(w, new ArrayList<>(prices.values()), vols), risk.collateral());
        String cut = w.equals(all) ? "" : ", cut to " + w.start() + ".." + w.end();
        rows.add(new StressJson.Row(w.id() + " (holding period" + cut + ")", "crash_holding_period", w.id(), r[0]));
        rows.add(new StressJson.Row(w.id() + " (worst point " + r[1].scenario().name().substring(w.id().length() + 1)
            + cut + ")", "crash_worst_point", w.id(), r[1]));
      }
    }
    if (format == GreeksCommand.Format.JSON) {
      tools.jackson.databind.node.ObjectNode doc = StressJson.write(account.id(), snapshot.asOf(), rows,
          dir.isPresent());
      if (dir.isPresent()) {
        doc.put("history_window", window.describe());
        var skipped = doc.putArray("crash_windows_outside");
        outside.forEach(skipped::add);
      }
      provenance.ifPresentOrElse(p -> doc.set("data", p.json()), () -> doc.putNull("data"));
      doc.set("settlements", org.pmargin.data.SettlementJson.write(settled.settlements()));
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      out.flush();
      return ExitCodes.OK;
    }
    out.println("Account " + account.id() + " stressed at " + snapshot.asOf() + " (USD, unified view)");
    ExpiryReport.print(settled.settlements(), out);
    Table table = new Table("<scenario", "P&L", "equity after", "<largest losses", "<what");
    for (StressJson.Row r : rows) {
      row(table, r.name(), r.result());
    }
    table.print(out);
    if (dir.isEmpty()) {
      out.println("(no data directory: crash windows skipped)");
    } else {
      out.println("history window " + window.describe() + (outside.isEmpty() ? ""
          : "; crash windows outside it, skipped: " + String.join(", ", outside)));
    }
    provenance.ifPresent(p -> p.print(out, "--format json lists every one"));
    out.flush();
    return ExitCodes.OK;
  }

  private static void row(Table t, String name, StressResult r) {
    List<String> losses = new ArrayList<>();
    for (Map.Entry<String, Double> e : r.largestLosses(2)) {
      losses.add(e.getKey() + " " + Table.num(e.getValue(), 0));
    }
    String what = r.scenario().description();
    t.row(name, Table.num(r.pnlUsd(), 0), Table.num(r.equityAfterUsd(), 0), String.join(", ", losses),
        what.length() > 70 ? what.substring(0, 67) + "..." : what);
  }
}
