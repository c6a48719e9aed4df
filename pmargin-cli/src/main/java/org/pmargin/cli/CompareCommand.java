package org.pmargin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ModelNotApplicableException;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.CompareJson;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.RiskParametersJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin compare}: a capital-efficiency table, the initial margin of standard strategies under every model,
 * with the ratio to isolated margin and what drives the portfolio margin.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Initial margin of the standard strategies (examples/strategies) under every model, in USD, with "
        + "the ratio of portfolio to isolated margin and the component that drives the portfolio margin."})
final class CompareCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--strategies", paramLabel = "SET",
      description = "'standard' (the shipped standard strategies, the default) or a directory of portfolio files.")
  private String strategies;

  @Option(names = {"-m", "--market"}, paramLabel = "FILE",
      description = "Market snapshot (default: the shipped examples/" + Examples.MARKET + ").")
  private Path market;

  @Option(names = "--params", paramLabel = "FILE", description = "Risk-parameter file (default: built in).")
  private Path params;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown to FILE.")
  private Path markdown;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}; JSON: docs/FORMATS.md, 'Comparison output').")
  private GreeksCommand.Format format;

  @Override
  public Integer call() throws IOException {
    MarketSnapshot snapshot = market == null ? MarketSnapshotJson.read(Examples.json(Examples.MARKET))
        : GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    RiskParameters risk = params == null ? RiskParameters.defaults()
        : GreeksCommand.withFile(params, () -> RiskParametersJson.read(params));
    List<Account> accounts = accounts();
    List<String[]> rows = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    List<CompareJson.Row> results = new ArrayList<>();
    Table table = table(accounts, snapshot, risk, headers, rows, results);
    PrintWriter out = spec.commandLine().getOut();
    if (format == GreeksCommand.Format.JSON) {
      List<String> models = MarginModels.comparison(risk).stream().map(MarginModel::name).toList();
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(CompareJson.write(snapshot.asOf(),
          models, baseline(models), portfolioModel(risk), results)));
      out.flush();
      if (markdown != null) {
        Files.writeString(markdown, markdown(headers, rows, snapshot), StandardCharsets.UTF_8);
      }
      return ExitCodes.OK;
    }
    out.println("Initial margin in USD at " + snapshot.asOf() + " (collateral excluded from the comparison's "
        + "scenarios except where the strategy holds coin)");
    table.print(out);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, markdown(headers, rows, snapshot), StandardCharsets.UTF_8);
    }
    return ExitCodes.OK;
  }

  /**
   * The comparison table of some accounts under every model.
   *
   * @param accounts  the strategies
   * @param snapshot  the market
   * @param risk  the risk parameters
   * @param headers  receives the column headers
   * @param rows  receives the rows
   * @return the table for people
   */
  static Table table(List<Account> accounts, MarketSnapshot snapshot, RiskParameters risk, List<String> headers,
      List<String[]> rows) {
    return table(accounts, snapshot, risk, headers, rows, new ArrayList<>());
  }

  /** As {@link #table(List, MarketSnapshot, RiskParameters, List, List)}, also collecting each row's results. */
  static Table table(List<Account> accounts, MarketSnapshot snapshot, RiskParameters risk, List<String> headers,
      List<String[]> rows, List<CompareJson.Row> results) {
    List<MarginModel> models = MarginModels.comparison(risk);
    headers.add("<strategy");
    for (MarginModel m : models) {
      headers.add(m.name());
    }
    String baseline = baseline(models.stream().map(MarginModel::name).toList());
    String portfolio = portfolioModel(risk);
    headers.add(portfolio + " / " + baseline);
    headers.add("<what drives " + portfolio);
    Table table = new Table(headers.toArray(String[]::new));
    for (Account a : accounts) {
      Map<String, MarginResult> byModel = new LinkedHashMap<>();
      Map<String, InvalidInputException> errors = new LinkedHashMap<>();
      List<String> row = new ArrayList<>(List.of(a.id()));
      for (MarginModel m : models) {
        try {
          MarginResult r = m.margin(a, snapshot);
          byModel.put(m.name(), r);
          row.add(Table.num(r.initialMarginUsd(), 0));
        } catch (ModelNotApplicableException e) {
          errors.put(m.name(), e);
          row.add("n/a"); // the model does not take this book (e.g. Derive: no coin-settled instruments)
        } catch (InvalidInputException e) {
          errors.put(m.name(), e);
          row.add("failed");
        }
      }
      MarginResult baseResult = byModel.get(baseline);
      MarginResult pmResult = byModel.get(portfolio);
      double base = baseResult == null ? 0 : baseResult.initialMarginUsd();
      row.add(base > 0 && pmResult != null
          ? String.format(Locale.ROOT, "%.2f", pmResult.initialMarginUsd() / base) : "-");
      String drives = pmResult == null ? "-" : driver(pmResult);
      row.add(drives);
      results.add(new CompareJson.Row(a.id(), byModel, errors, drives));
      String[] cells = row.toArray(String[]::new);
      table.row(cells);
      rows.add(cells);
    }
    return table;
  }

  /** The model the ratio divides by: isolated margin when compared, else the first model. */
  private static String baseline(List<String> models) {
    return models.stream().filter(n -> n.equals("isolated")).findFirst().orElse(models.get(0));
  }

  /** The model the ratio is of: the parameter file's grid. */
  private static String portfolioModel(RiskParameters risk) {
    return "grid:" + risk.grid().name();
  }

  /** The shipped standard strategies. */
  static List<Account> standardStrategies() {
    List<Account> out = new ArrayList<>();
    for (String name : Examples.STRATEGIES) {
      out.add(PortfolioJson.read(Examples.json("strategies/" + name + ".json")));
    }
    return out;
  }

  private List<Account> accounts() throws IOException {
    List<Account> out = new ArrayList<>();
    if (strategies == null || strategies.equals("standard")) {
      return standardStrategies();
    }
    Path dir = Path.of(strategies);
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("strategies", "'" + strategies + "' is neither 'standard' nor a directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(GreeksCommand.withFile(f, () -> PortfolioJson.read(f)));
      }
    }
    return out;
  }

  /** The largest charge of the result's largest pool, named. */
  private static String driver(MarginResult r) {
    MarginComponent best = null;
    for (PoolMargin p : r.pools()) {
      for (MarginComponent c : p.components()) {
        if (best == null || c.initial() * p.usdRate() > best.initial()) {
          best = new MarginComponent(c.name(), c.initial() * p.usdRate(), c.maintenance(), c.explanation());
        }
      }
    }
    if (best == null || best.initial() <= 0) {
      return "nothing at risk";
    }
    String why = best.explanation();
    int cut = why.indexOf(": ");
    return best.name() + (cut > 0 ? " (" + why.substring(why.indexOf(' ') + 1, cut) + ")" : "");
  }

  private static String markdown(List<String> headers, List<String[]> rows, MarketSnapshot snapshot) {
    StringWriter sw = new StringWriter();
    PrintWriter w = new PrintWriter(sw);
    w.println("| " + String.join(" | ", headers.stream().map(h -> h.startsWith("<") ? h.substring(1) : h).toList())
        + " |");
    w.println("|" + "---|".repeat(headers.size()));
    for (String[] r : rows) {
      w.println("| " + String.join(" | ", r) + " |");
    }
    w.flush();
    return sw.toString();
  }
}
