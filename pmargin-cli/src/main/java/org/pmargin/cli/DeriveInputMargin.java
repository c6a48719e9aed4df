package org.pmargin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.derive.DeriveMargin;
import org.pmargin.core.margin.derive.DeriveModel;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.derive.DerivePortfolio;
import org.pmargin.core.margin.derive.DeriveScenario;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DeriveInput;
import org.pmargin.data.DeriveMarginJson;
import org.pmargin.data.DerivePortfolioJson;
import org.pmargin.data.Json;
import org.pmargin.data.MarginJson;
import org.pmargin.data.RiskParametersJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pmargin margin} path for a {@code derive-portfolio} file (docs/FORMATS.md): the file carries Derive's
 * own inputs (feeds, confidences, vols, collateral prices, optionally the parameters and scenario list), so no market
 * snapshot is read; the subaccount is margined by the {@code derive} model alone and printed with Derive's own
 * numbers (signed MM and IM surpluses, every scenario's P&amp;L, the per-expiry numbers) after the usual breakdown.
 *
 * <p>Kept apart from {@link MarginCommand}, which calls it from one place.
 */
final class DeriveInputMargin {

  private DeriveInputMargin() {
  }

  /** Whether the file is a derive-portfolio file; false for anything else, including unreadable files. */
  static boolean applies(Path file) {
    try {
      return DerivePortfolioJson.isDerivePortfolio(Json.read(file));
    } catch (InvalidInputException e) {
      return false;
    }
  }

  /**
   * Margins the file's subaccount and prints it.
   *
   * @param file  the derive-portfolio file
   * @param market  the {@code --market} option, which must be absent
   * @param model  the {@code --model} option: {@code derive} or {@code all}
   * @param params  the {@code --params} file, or null
   * @param json  true for JSON output
   * @param out  where to print
   * @return the exit code
   */
  static int run(Path file, Path market, String model, Path params, boolean json, PrintWriter out) {
    if (market != null) {
      throw new InvalidInputException("market", "a derive-portfolio file carries its own forwards, rates, vols and"
          + " prices: drop --market (" + file + ")");
    }
    if (!model.equals("derive") && !model.equals("all")) {
      throw new InvalidInputException("model", "a derive-portfolio file is margined by the derive model only, got '"
          + model + "' (" + file + ")");
    }
    DeriveInput input = GreeksCommand.withFile(file, () -> DerivePortfolioJson.read(file));
    DeriveParameters parameters;
    if (input.parameters().isPresent()) {
      if (params != null) {
        throw new InvalidInputException("parameters", "the file has its own parameters section, so --params " + params
            + " would be ignored: drop one of them (" + file + ")");
      }
      parameters = input.parameters().get();
    } else {
      parameters = params == null ? DeriveParameters.mainnet()
          : GreeksCommand.withFile(params, () -> RiskParametersJson.read(params)).derive();
    }
    DeriveModel derive = new DeriveModel(parameters);
    DerivePortfolio portfolio = input.portfolio();
    DeriveMargin m = GreeksCommand.withFile(file, () -> derive.evaluate(portfolio));
    MarginResult result = derive.result(List.of(portfolio));
    if (json) {
      ObjectNode o = MarginJson.write(input.subaccount(), result);
      o.set("derive", DeriveMarginJson.write(m, parameters));
      ArrayNode array = Json.MAPPER.createArrayNode();
      array.add(o);
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } else {
      MarginReport.print(input.subaccount(), result, out);
      printDerive(portfolio, m, parameters, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printDerive(DerivePortfolio p, DeriveMargin m, DeriveParameters params, PrintWriter out) {
    out.printf("  Derive's own numbers (%s manager, parameters %s, amounts in USDC at stable price %s):%n",
        p.underlying(), params.name(), Table.sig(p.stablePrice(), 8));
    out.printf("    MM surplus %s, IM surplus %s (Derive's signed margins: below 0 is liquidatable / may not add"
        + " risk)%n", Table.sig(m.maintenanceSurplus(), 10), Table.sig(m.initialSurplus(), 10));
    out.printf("    MtM %s (options %s, perp %s, collateral %s), cash %s%n", Table.sig(m.markToMarket(), 10),
        Table.sig(m.optionMtm(), 10), Table.sig(m.perpMtm(), 10), Table.sig(m.collateralMtm(), 10),
        Table.sig(m.cash(), 10));
    out.printf("    worst loss (minSPAN) %s from %s; basis contingency %s; MM factor %s, IM factor %s (peg add-on %s)%n",
        Table.sig(m.minSpan(), 10), m.worstDescription(params), Table.sig(m.basisContingency(), 10),
        Table.sig(m.mmFactor(), 6), Table.sig(m.imFactor(), 6), Table.sig(m.pegAddOn(), 6));
    out.printf("    MM contingencies: perp %s, naked shorts %s, collateral %s; IM extras: perp %s, naked shorts %s,"
        + " collateral %s, oracle %s%n", Table.sig(m.mmPerp(), 8), Table.sig(m.mmOption(), 8),
        Table.sig(m.mmCollateral(), 8), Table.sig(m.imPerp(), 8), Table.sig(m.imOption(), 8),
        Table.sig(m.imCollateral(), 8), Table.sig(m.oracle(), 8));
    Table scenarios = new Table("#", "<scenario", "P&L");
    List<DeriveScenario> list = params.scenarios();
    for (int j = 0; j < list.size(); j++) {
      scenarios.row(Integer.toString(j), list.get(j).describe() + (j == m.worstScenario() ? "  <- worst" : ""),
          Table.sig(m.scenarioPnls().get(j), 10));
    }
    indent(scenarios, out);
    if (!m.expiries().isEmpty()) {
      Table expiries = new Table("seconds", "MtM", "basis", "vol up", "vol down", "rho+", "rho-", "naked",
          "confidence", "oracle");
      for (DeriveMargin.ExpiryDetail d : m.expiries()) {
        expiries.row(Long.toString(d.secondsToExpiry()), Table.sig(d.mtm(), 10), Table.sig(d.basis(), 8),
            Table.sig(d.volUp(), 6), Table.sig(d.volDown(), 6), Table.sig(d.discountPositive(), 6),
            Table.sig(d.discountNegative(), 6), Table.sig(d.nakedShorts(), 6), Table.sig(d.confidence(), 4),
            Table.sig(d.oracle(), 8));
      }
      indent(expiries, out);
    }
  }

  private static void indent(Table t, PrintWriter out) {
    StringWriter sw = new StringWriter();
    t.print(new PrintWriter(sw, true));
    for (String line : sw.toString().split("\n")) {
      out.println("    " + line);
    }
  }
}
