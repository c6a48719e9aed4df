package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.backtest.ExposureBacktest;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.stats.BacktestStatistics;
import org.pmargin.core.stats.RollingTrafficLight;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.UnderlyingGreeks;
import org.pmargin.data.BacktestJson;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin backtest}: walks the real history day by day, margin from data up to each day against the P&L
 * realised after it, for the delta exposures (USD per coin) of a portfolio or of the standard strategies.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Backtest simulation margin (ES 97.5%%) on the real history of the data",
        "directory: exceptions against VaR 99%% with Kupiec's, Christoffersen's and the",
        "conditional coverage tests, the zone of the whole period and the Basel zone over",
        "rolling 250-day windows (worst and last), and the average margin. Books are",
        "backtested through their delta exposure per coin at the market snapshot, held",
        "constant in USD."})
final class BacktestCommand implements Callable<Integer> {

  /** The margin's ES confidence. */
  private static final double ES_CONFIDENCE = 0.975;
  /** The VaR confidence exceptions are counted against. */
  private static final double VAR_CONFIDENCE = 0.99;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--portfolio"}, paramLabel = "FILE", description = "A portfolio (default: the standard "
      + "strategies).")
  private Path portfolio;

  @Option(names = {"-m", "--market"}, paramLabel = "FILE",
      description = "Market snapshot for the exposures (default: the shipped examples/" + Examples.MARKET + ").")
  private Path market;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = DataDirOption.HELP)
  private Path dataDir;

  @Option(names = "--lookback", defaultValue = "500", paramLabel = "DAYS",
      description = "Historical scenarios per margin date (default: ${DEFAULT-VALUE}).")
  private int lookback;

  @Option(names = "--horizon-days", defaultValue = "1", paramLabel = "DAYS",
      description = "Margin period of risk (default: ${DEFAULT-VALUE}).")
  private int horizon;

  @Option(names = "--scenarios", defaultValue = "filtered", paramLabel = "KIND",
      description = "historical or filtered (default: ${DEFAULT-VALUE}).")
  private String scenarios;

  @Option(names = "--revalue", description = "Full revaluation (options included) of the book replayed at constant "
      + "tenor and moneyness, with historical scenarios of prices and DVOL; slower.")
  private boolean revalue;

  @Option(names = "--plot", paramLabel = "FILE.svg", description = "Write margin against realised loss as SVG "
      + "(with --portfolio).")
  private Path plot;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}; JSON: docs/FORMATS.md, 'Backtest output').")
  private GreeksCommand.Format format;

  @Override
  public Integer call() throws IOException {
    boolean filtered = switch (scenarios.toLowerCase(Locale.ROOT)) {
      case "filtered" -> true;
      case "historical" -> false;
      default -> throw new InvalidInputException("scenarios", "must be historical or filtered, got " + scenarios);
    };
    DataDirectory.Location location = DataDirectory.locate(dataDir).orElseThrow(() -> new InvalidInputException(
        "data_dir", "backtest needs historical data: " + DataDirectory.notFoundMessage()));
    Path dir = location.path();
    MarketSnapshot snapshot = market == null ? MarketSnapshotJson.read(Examples.json(Examples.MARKET))
        : GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    List<Account> accounts = portfolio == null ? CompareCommand.standardStrategies()
        : List.of(GreeksCommand.withFile(portfolio, () -> PortfolioJson.read(portfolio)));
    HistorySource history = HistorySource.load(dir);
    DataProvenance provenance = DataProvenance.of(location, history.report());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Table table = new Table("<book", "days", "<from", "<to", "exceptions", "expected", "<zone", "<250d worst",
        "<250d last", "Kupiec p", "Christoffersen p", "CC p", "ES breaches", "avg margin % exposure");
    List<BacktestJson.Book> books = new ArrayList<>();
    for (Account a : accounts) {
      Map<Asset, Double> exposures = exposures(a, snapshot);
      if (exposures.isEmpty()) {
        table.row(a.id(), "0", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "no delta exposure");
        books.add(new BacktestJson.Book(a.id(), null));
        continue;
      }
      List<PriceSeries> series = new ArrayList<>();
      for (Asset asset : exposures.keySet()) {
        PriceSeries s = history.prices().get(asset);
        if (s == null) {
          throw new InvalidInputException("history", "no price history for " + asset + " (book " + a.id() + ")");
        }
        series.add(s);
      }
      BacktestResult r;
      if (revalue) {
        List<PriceSeries> factors = new ArrayList<>();
        java.util.Set<Asset> seen = new java.util.LinkedHashSet<>();
        a.portfolio().positions().forEach(p -> seen.add(p.instrument().underlying()));
        a.collateral().keySet().stream().filter(x -> !x.equals(Asset.USD)).forEach(seen::add);
        for (Asset asset : seen) {
          PriceSeries s = history.prices().get(asset);
          if (s == null) {
            throw new InvalidInputException("history", "no price history for " + asset + " (book " + a.id() + ")");
          }
          factors.add(s);
        }
        int total = Math.max(1, AlignedHistory.of(factors).size() - lookback - horizon);
        r = org.pmargin.core.backtest.RevaluationBacktest.run(a, snapshot, factors, history.volIndices(), lookback,
            horizon, ES_CONFIDENCE, VAR_CONFIDENCE, done -> progress(err, a.id(), done, total));
      } else {
        AlignedHistory aligned = AlignedHistory.of(series);
        int total = Math.max(1, aligned.size() - lookback - horizon);
        r = ExposureBacktest.run(aligned, exposures, lookback, horizon, ES_CONFIDENCE, VAR_CONFIDENCE, filtered,
            done -> progress(err, a.id(), done, total));
      }
      err.print("\r" + " ".repeat(70) + "\r");
      err.flush();
      books.add(new BacktestJson.Book(a.id(), r));
      Optional<RollingTrafficLight> rolling = r.rollingZone();
      table.row(a.id(), Integer.toString(r.observations()), r.dates().get(0).toString(),
          r.dates().get(r.observations() - 1).toString(), Integer.toString(r.exceptions()),
          String.format(Locale.ROOT, "%.1f", r.observations() * (1 - r.varConfidence())),
          r.zone().name().toLowerCase(Locale.ROOT),
          rolling.map(z -> zone(z.worst()) + " " + z.worstExceptions() + " (to " + r.dates().get(z.worstEnd())
              + ")")
              .orElse("n/a (< 250 days)"),
          rolling.map(z -> zone(z.last()) + " " + z.lastExceptions()).orElse("n/a"),
          String.format(Locale.ROOT, "%.3f", r.kupiec().pValue()),
          String.format(Locale.ROOT, "%.3f", r.christoffersen().pValue()),
          String.format(Locale.ROOT, "%.3f", r.conditionalCoverage().pValue()), Integer.toString(r.marginBreaches()),
          String.format(Locale.ROOT, "%.2f%%", 100 * r.averageMargin() / r.averageExposure()));
      if (plot != null && portfolio != null) {
        double[] loss = new double[r.observations()];
        for (int i = 0; i < loss.length; i++) {
          loss[i] = -r.realisedPnl()[i];
        }
        Files.writeString(plot, SvgPlot.marginVersusLoss("pmargin backtest: " + a.id() + " (" + scenarios + ", "
            + horizon + "d, ES 97.5%)", r.dates().get(0).toString(), r.dates().get(r.observations() - 1).toString(),
            r.margin(), loss), StandardCharsets.UTF_8);
      }
    }
    if (format == GreeksCommand.Format.JSON) {
      BacktestJson.Settings settings = new BacktestJson.Settings(revalue ? "revaluation"
          : scenarios.toLowerCase(Locale.ROOT), lookback, horizon, ES_CONFIDENCE, VAR_CONFIDENCE);
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          BacktestJson.write(settings, provenance.json(), books)));
      out.flush();
      return ExitCodes.OK;
    }
    out.println("Backtest of simulation margin (" + (revalue ? "historical scenarios of prices and DVOL, full "
        + "revaluation" : scenarios + " scenarios") + ", lookback " + lookback + " days, " + horizon
        + "-day horizon): exceptions against VaR 99%, breaches against the ES 97.5% margin");
    table.print(out);
    out.println("zone: the traffic light of the whole period's count. 250d: the Basel traffic light (BCBS 1996) of the "
        + "trailing 250 days,");
    out.println("  green 0-4, yellow 5-9, red 10+; worst: the most exceptions in any window (to the window's last "
        + "day); last: the latest 250 days.");
    out.println("  p-values: Kupiec (coverage), Christoffersen (independence), CC (conditional coverage: both, "
        + "chi-squared 2 df).");
    provenance.print(out, "--format json lists every one");
    out.flush();
    return ExitCodes.OK;
  }

  private static String zone(BacktestStatistics.Zone z) {
    return z.name().toLowerCase(Locale.ROOT);
  }

  /** The book's delta per coin in USD (positions and coin balances), the exposures the backtest holds constant. */
  static Map<Asset, Double> exposures(Account a, MarketSnapshot snapshot) {
    Map<Asset, Double> out = new LinkedHashMap<>();
    for (UnderlyingGreeks g : PortfolioGreeks.of(a, snapshot).byUnderlying()) {
      if (Math.abs(g.cashDelta()) > 1e-6) {
        out.put(g.underlying(), g.cashDelta());
      }
    }
    return out;
  }

  private static void progress(PrintWriter err, String name, int done, int total) {
    if (done % 50 != 0 && done != total) {
      return;
    }
    int filled = (int) (30L * done / total);
    err.print(String.format(Locale.ROOT, "\r%-25s [%s%s] %3d%%", name.length() > 25 ? name.substring(0, 25) : name,
        "#".repeat(filled), ".".repeat(30 - filled), 100L * done / total));
    err.flush();
  }
}
