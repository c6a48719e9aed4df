package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.data.GreeksJson;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.core.validation.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin greeks}: values an account's positions against a market snapshot and aggregates their Greeks per
 * underlying.
 */
@Command(name = "greeks", mixinStandardHelpOptions = true,
    description = {"Value a portfolio against a market snapshot and aggregate its Greeks per underlying.",
        "Table: vega per vol point, theta per day, dollar gamma per 1%% move. JSON: plain units "
            + "(vega per 1.00 vol, theta per year). Formats: docs/FORMATS.md."})
final class GreeksCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { TABLE, JSON }

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--portfolio"}, required = true, paramLabel = "FILE", description = "Portfolio JSON file.")
  private Path portfolio;

  @Option(names = {"-m", "--market"}, required = true, paramLabel = "FILE", description = "Market snapshot JSON.")
  private Path market;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Override
  public Integer call() {
    Account account = withFile(portfolio, () -> PortfolioJson.read(portfolio));
    MarketSnapshot snapshot = withFile(market, () -> MarketSnapshotJson.read(market));
    org.pmargin.core.expiry.SettledAccount settled = ExpiryReport.settle(account, snapshot, portfolio);
    account = settled.account();
    PortfolioGreeks greeks = PortfolioGreeks.of(account, snapshot);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          GreeksJson.write(greeks, snapshot.asOf()).set("settlements",
              org.pmargin.data.SettlementJson.write(settled.settlements()))));
    } else {
      out.println("Account " + account.id() + " at " + snapshot.asOf());
      out.println();
      ExpiryReport.print(settled.settlements(), out);
      GreeksReport.print(greeks, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Runs a reader, adding to any input error the file it came from (unless the error already names it). */
  static <T> T withFile(Path file, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (InvalidInputException e) {
      if (e.getMessage().contains("(in " + file + ")") || e.getMessage().contains("(in " + file + ", line ")) {
        throw e;
      }
      throw new InvalidInputException(e.field(), e.reason() + " (in " + file + ")", e);
    }
  }
}
