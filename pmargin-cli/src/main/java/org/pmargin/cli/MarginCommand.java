package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import org.pmargin.data.simulation.SimulationScenarios;
import org.pmargin.data.simulation.SimulationProvenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.ModelNotApplicableException;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.data.DataDirectory;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.MarginJson;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.RiskParametersJson;
import tools.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin margin}: an account's initial and maintenance margin under one model or all of them, with the
 * breakdown that explains each number.
 */
@Command(name = "margin", mixinStandardHelpOptions = true,
    description = {"Compute an account's initial and maintenance margin, with a breakdown: which scenario drives it,",
        "each charge and credit, each position's share, and the account's health.",
        "Risk parameters: shipped defaults, or a file (docs/FORMATS.md, 'Risk parameters')."})
final class MarginCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--portfolio"}, required = true, paramLabel = "FILE",
      description = "Portfolio JSON file, or a derive-portfolio file (Derive's own inputs; then no --market).")
  private Path portfolio;

  @Option(names = {"-m", "--market"}, paramLabel = "FILE",
      description = "Market snapshot JSON (required except with a derive-portfolio file).")
  private Path market;

  @Option(names = "--model", defaultValue = "all", paramLabel = "MODEL",
      description = "isolated, cross, grid, sensitivity, derive, simulation or all (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--params", paramLabel = "FILE", description = "Risk-parameter JSON file (default: built in).")
  private Path params;

  @Option(names = "--scenarios", paramLabel = "KIND",
      description = "Simulation scenarios from the data directory: historical, filtered, filtered-garch, "
          + "filtered-gjr (the adaptive presets of docs/ADAPTIVE.md) or monte-carlo (default: the parameter file's, "
          + "else filtered).")
  private String scenarios;

  @Option(names = "--horizon-days", paramLabel = "DAYS",
      description = "Simulation margin period of risk in days (default: the parameter file's, else 1). A collateral "
          + "class with a longer margin period of risk (mpor_days: alts 2, illiquid 5 by default) is margined over "
          + "its own instead; the output says which (e.g. 'horizon 1 d; BTC 1 d, SOL 2 d by class').")
  private Integer horizonDays;

  @Option(names = "--horizon-all-classes", description = "Apply --horizon-days to every class: no longer class "
      + "margin period of risk.")
  private boolean horizonAllClasses;

  @Option(names = "--from", paramLabel = "DATE", description = "Simulation history from this close (YYYY-MM-DD; "
      + "default: the start of the data).")
  private LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Simulation history up to this close; not after the "
      + "cut-off, the UTC day before the snapshot's as_of (the default).")
  private LocalDate to;

  @Option(names = "--lookback-days", paramLabel = "N", description = "Simulation history of the N days of returns "
      + "ending at --to (instead of --from).")
  private Integer lookbackDays;

  @Option(names = "--no-add-ons", description = "Simulation margin as the ES alone, without the stress, "
      + "anti-procyclical floor and liquidity add-ons.")
  private boolean noAddOns;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "For the simulation model. " + DataDirOption.HELP)
  private Path dataDir;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  private GreeksCommand.Format format;

  @Override
  public Integer call() {
    if (DeriveInputMargin.applies(portfolio)) {
      return DeriveInputMargin.run(portfolio, market, model, params, format == GreeksCommand.Format.JSON,
          spec.commandLine().getOut());
    }
    if (market == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--market=FILE'");
    }
    Account account = GreeksCommand.withFile(portfolio, () -> PortfolioJson.read(portfolio));
    MarketSnapshot snapshot = GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    org.pmargin.core.expiry.SettledAccount settled = ExpiryReport.settle(account, snapshot, portfolio);
    account = settled.account();
    RiskParameters risk = params == null ? RiskParameters.defaults()
        : GreeksCommand.withFile(params, () -> RiskParametersJson.read(params));
    SimulationProvenance provenance = null;
    List<MarginModel> models = new ArrayList<>(
        model.equals("simulation") ? List.of() : MarginModels.of(model, risk));
    DataProvenance dataProvenance = null; // of the simulation model's data, said beside its result
    if (model.equals("simulation") || model.equals("all")) {
      Optional<DataDirectory.Location> location = DataDirectory.locate(dataDir);
      Optional<Path> dir = location.map(DataDirectory.Location::path);
      if (dir.isPresent()) {
        HistorySource history = HistorySource.load(dir.get());
        dataProvenance = DataProvenance.of(location.get(), history.report());
        SimulationConfig config = risk.simulation().with(scenarios != null ? scenarios : risk.simulation().scenarios(),
            horizonDays != null ? horizonDays : risk.simulation().horizonDays(),
            risk.simulation().addOns() && !noAddOns);
        if (horizonAllClasses) {
          config = config.withUniformHorizon();
        }
        HistoryWindow window = HistoryWindow.of(snapshot.asOf(), from, to, lookbackDays);
        SimulationScenarios.Built built = SimulationScenarios.build(account, history, config, window);
        provenance = built.provenance();
        models.add(new SimulationMarginModel(built.set(), config.margin(), config.addOns()
            ? SimulationScenarios.addOns(account, history, dir.get(), config, window, provenance) : null));
      } else if (model.equals("simulation")) {
        throw new InvalidInputException("data_dir", "the simulation model needs historical data: " + DataDirectory.notFoundMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format != GreeksCommand.Format.JSON) {
      ExpiryReport.print(settled.settlements(), out);
    }
    ArrayNode json = Json.MAPPER.createArrayNode();
    List<String> failures = new ArrayList<>();
    int margined = 0;
    for (MarginModel m : models) {
      MarginResult r;
      try {
        r = m.margin(account, snapshot);
      } catch (InvalidInputException e) {
        if (models.size() == 1) {
          throw e;
        }
        boolean notApplicable = e instanceof ModelNotApplicableException;
        if (!notApplicable) {
          failures.add(m.name() + ": " + e.getMessage());
        }
        if (format == GreeksCommand.Format.JSON) {
          json.add(notApplicable ? MarginJson.notApplicable(account.id(), m.name(), e)
              : MarginJson.failed(account.id(), m.name(), e));
        } else {
          out.println("Account " + account.id() + " - model " + m.name() + (notApplicable ? ": not applicable: "
              : ": failed: ") + e.getMessage());
          out.println();
        }
        continue;
      }
      margined++;
      boolean simulation = m instanceof SimulationMarginModel && provenance != null;
      if (format == GreeksCommand.Format.JSON) {
        tools.jackson.databind.node.ObjectNode node = MarginJson.write(account.id(), r);
        if (simulation) {
          node.set("history", provenance.toJson());
          node.set("data", dataProvenance.json());
        }
        json.add(node);
      } else {
        MarginReport.print(account.id(), r, out);
        if (simulation) {
          provenance.lines().forEach(l -> out.println("  " + l));
          dataProvenance.print(out, "--format json lists every one");
        }
        out.println();
      }
    }
    if (format == GreeksCommand.Format.JSON) {
      json.forEach(n -> ((tools.jackson.databind.node.ObjectNode) n).set("settlements",
          org.pmargin.data.SettlementJson.write(settled.settlements())));
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
    out.flush();
    return exitCode(account.id(), margined, failures);
  }

  /**
   * OK when at least one model margined the account; bad input when none could (every model failed, or none
   * applies), with one line on standard error naming each failure. A model that does not apply is not a failure.
   */
  private int exitCode(String account, int margined, List<String> failures) {
    if (margined > 0) {
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: no model could margin account " + account
        + (failures.isEmpty() ? " (none applies to it)" : ": " + String.join("; ", failures)));
    err.flush();
    return ExitCodes.BAD_INPUT;
  }
}
