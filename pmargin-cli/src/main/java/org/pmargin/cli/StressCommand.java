package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    Optional<Path> dir = DataDirectory.find(dataDir);
    if (dir.isPresent()) {
      HistorySource history = HistorySource.load(dir.get());
      Map<Asset, PriceSeries> prices = history.prices();
      Map<Asset, PriceSeries> vols = history.volIndices();
      for (CrashWindow w : StressEventsCsv.read(dir.get())) {
        StressResult[] r = CrashReplay.replay(account, snapshot,
            CrashReplay.path(w, new ArrayList<>(prices.values()), vols), risk.collateral());
        rows.add(new StressJson.Row(w.id() + " (holding period)", "crash_holding_period", w.id(), r[0]));
        rows.add(new StressJson.Row(w.id() + " (worst point " + r[1].scenario().name().substring(w.id().length() + 1)
            + ")", "crash_worst_point", w.id(), r[1]));
      }
    }
    if (format == GreeksCommand.Format.JSON) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          StressJson.write(account.id(), snapshot.asOf(), rows, dir.isPresent()).set("settlements",
              org.pmargin.data.SettlementJson.write(settled.settlements()))));
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
    }
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
