package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.liquidation.ClosedPart;
import org.pmargin.core.liquidation.LiquidationBaselines;
import org.pmargin.core.liquidation.LiquidationPlan;
import org.pmargin.core.liquidation.LiquidationPlanner;
import org.pmargin.core.liquidation.LiquidationStep;
import org.pmargin.core.liquidation.LiquidationTarget;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.liquidation.WorstLoss;
import org.pmargin.core.liquidation.auction.AuctionLiquidation;
import org.pmargin.core.liquidation.auction.AuctionOutcome;
import org.pmargin.core.liquidation.auction.DutchAuctionParameters;
import org.pmargin.core.liquidation.auction.SecurityModule;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.RiskParametersJson;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.engine.liquidation.EngineLiquidity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pmargin liquidate}: how an account below its target would be liquidated, by the planner and by the two
 * baselines side by side (cost, steps, margin and stress loss left), with the planner's steps.
 */
@Command(name = "liquidate", mixinStandardHelpOptions = true,
    description = {"Plans the liquidation of an account back to its target (MM + buffer, or IM): risk-reducing steps "
        + "chosen for the most maintenance margin removed per USD of cost, beside closing everything at once and "
        + "closing the largest position first, and Derive's Dutch auction (mainnet parameters) with a bidder who "
        + "bids as soon as the discount pays for unwinding what it takes. Costs: fee, option spread and square-root impact on the data "
        + "directory's 30-day average volume and EWMA daily vol before the snapshot (the engine's defaults where it "
        + "has none). "
        + "Rules: docs/METHODOLOGY.md, 'Liquidation planning'."})
final class LiquidateCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--portfolio"}, required = true, paramLabel = "FILE", description = "Portfolio JSON file.")
  private Path portfolio;

  @Option(names = {"-m", "--market"}, required = true, paramLabel = "FILE", description = "Market snapshot JSON.")
  private Path market;

  @Option(names = "--model", defaultValue = "grid", paramLabel = "MODEL",
      description = "isolated, cross, grid, sensitivity or derive (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--params", paramLabel = "FILE", description = "Risk-parameter JSON file (default: built in).")
  private Path params;

  @Option(names = "--data-dir", paramLabel = "DIR", description = DataDirOption.HELP)
  private Path dataDir;

  @Option(names = "--target-buffer", defaultValue = "10", paramLabel = "PCT",
      description = "Stop at MM × (1 + PCT%%) in every pool (default: ${DEFAULT-VALUE}).")
  private double bufferPercent;

  @Option(names = "--target-im", description = "Stop at initial margin instead.")
  private boolean targetIm;

  @Option(names = "--slice", defaultValue = "20", paramLabel = "PCT",
      description = "The largest part of a position one step closes, in percent (default: ${DEFAULT-VALUE}).")
  private double slicePercent;

  @Option(names = "--delta-hedge", description = "Let the planner open the underlying's perpetual against its net "
      + "delta (BTC-PERPETUAL, ETH-PERPETUAL; others X_USDC-PERPETUAL), as Deribit may for PM accounts.")
  private boolean deltaHedge;

  @Option(names = "--security-module", defaultValue = "1000000", paramLabel = "USD",
      description = "Cash of the security module paying an insolvent Dutch auction's bidder (default: "
          + "${DEFAULT-VALUE}).")
  private double securityModuleCash;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  private GreeksCommand.Format format;

  @Override
  public Integer call() {
    Account account = GreeksCommand.withFile(portfolio, () -> PortfolioJson.read(portfolio));
    MarketSnapshot snapshot = GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    account = ExpiryReport.settle(account, snapshot, portfolio).account();
    RiskParameters risk = params == null ? RiskParameters.defaults()
        : GreeksCommand.withFile(params, () -> RiskParametersJson.read(params));
    if (!MarginModels.NAMES.contains(model)) {
      throw new InvalidInputException("model", "must be one of " + MarginModels.NAMES + ", got '" + model + "'");
    }
    if (!(bufferPercent >= 0 && bufferPercent <= 1000)) {
      throw new InvalidInputException("target_buffer", "must be a percentage in [0, 1000], got " + bufferPercent);
    }
    if (!(slicePercent > 0 && slicePercent <= 100)) {
      throw new InvalidInputException("slice", "must be a percentage in (0, 100], got " + slicePercent);
    }
    MarginModel m = MarginModels.of(model, risk).get(0);
    LiquidationTarget target = targetIm ? LiquidationTarget.initial()
        : LiquidationTarget.maintenancePlus(bufferPercent / 100);
    LiquidityModel liquidity = liquidity(account, snapshot);
    Map<Asset, Instrument> hedges = new LinkedHashMap<>();
    if (deltaHedge) {
      for (Asset u : account.portfolio().underlyings()) {
        hedges.put(u, DeribitSymbols.parse(u.equals(Asset.BTC) || u.equals(Asset.ETH) ? u + "-PERPETUAL"
            : u + "_USDC-PERPETUAL"));
      }
    }
    WorstLoss stresses = WorstLoss.hypothetical();
    LiquidationPlanner planner = new LiquidationPlanner(m, liquidity, target, slicePercent / 100, hedges, stresses,
        500);
    MarginResult before = m.margin(account, snapshot);
    List<LiquidationPlan> plans = List.of(planner.plan(account, snapshot),
        LiquidationBaselines.closeAll(account, snapshot, m, liquidity, target, stresses),
        LiquidationBaselines.largestFirst(account, snapshot, m, liquidity, target, stresses));
    Checks.nonNegative(securityModuleCash, "security_module");
    AuctionOutcome auction = before.health().equityUsd() < before.maintenanceMarginUsd()
        ? new AuctionLiquidation(m, liquidity, DutchAuctionParameters.deriveMainnet(), 0).run(account, snapshot,
            new SecurityModule(securityModuleCash))
        : null;
    PrintWriter out = spec.commandLine().getOut();
    if (format == GreeksCommand.Format.JSON) {
      ObjectNode root = json(account, m, target, before, stresses.of(account, snapshot), plans);
      if (auction != null) {
        auctionJson(root.putObject("dutch_auction"), auction, target, stresses.of(auction.after(), snapshot));
      }
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      print(account, m, target, before, stresses.of(account, snapshot), plans, auction,
          auction == null ? 0 : stresses.of(auction.after(), snapshot), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The replay's liquidity ({@link ReplayLiquidity}): the data directory's 30-day volume and EWMA vol as known the day
   * before the snapshot, the engine's defaults for the rest.
   */
  private LiquidityModel liquidity(Account account, MarketSnapshot snapshot) {
    var location = DataDirectory.locate(dataDir);
    var underlyings = account.portfolio().underlyings();
    EngineLiquidity liquidity = location.isEmpty() ? EngineLiquidity.defaults()
        : org.pmargin.engine.liquidation.ReplayLiquidity.calibrated(location.get().path(), HistoryStore.loadFrom(location.get().path()),
            underlyings, snapshot.asOf().atZone(ZoneOffset.UTC).toLocalDate());
    return liquidity.model(underlyings);
  }

  private static void print(Account account, MarginModel m, LiquidationTarget target, MarginResult before,
      double lossBefore, List<LiquidationPlan> plans, AuctionOutcome auction, double auctionLoss, PrintWriter out) {
    out.printf(Locale.ROOT, "account %s on %s: equity %,.2f USD, MM %,.2f, IM %,.2f, %s; worst stress loss %,.2f;"
        + " target %s%n", account.id(), m.name(), before.health().equityUsd(), before.maintenanceMarginUsd(),
        before.initialMarginUsd(), before.health().state().name().toLowerCase(Locale.ROOT), lossBefore, target);
    Table t = new Table("<method", "steps", "cost USD", "equity after", "MM after", "worst loss after",
        "positions left", "<target reached");
    for (LiquidationPlan p : plans) {
      t.row(p.method(), String.valueOf(p.steps().size()), Table.num(p.costUsd(), 2),
          Table.num(p.margin().health().equityUsd(), 2), Table.num(p.margin().maintenanceMarginUsd(), 2),
          Table.num(p.worstLossUsd(), 2), String.valueOf(p.account().portfolio().positions().size()),
          p.reachedTarget() ? "yes" : "NO");
    }
    if (auction != null) {
      t.row("dutch auction (derive-mainnet)", auction.filled() ? "1 bid" : "unfilled",
          Table.num(auction.accountLossUsd(), 2), Table.num(auction.marginAfter().health().equityUsd(), 2),
          Table.num(auction.marginAfter().maintenanceMarginUsd(), 2), Table.num(auctionLoss, 2),
          String.valueOf(auction.after().portfolio().positions().size()),
          target.reached(auction.marginAfter()) ? "yes" : "NO");
    }
    t.print(out);
    if (auction != null) {
      out.println();
      out.println(auctionLine(auction));
    }
    List<LiquidationStep> steps = plans.get(0).steps();
    if (!steps.isEmpty()) {
      out.println();
      out.println("planner steps:");
    }
    for (int i = 0; i < steps.size(); i++) {
      LiquidationStep s = steps.get(i);
      out.printf(Locale.ROOT, "  %2d. %s: cost %,.2f USD, MM %,.2f -> %,.2f, worst loss %,.2f -> %,.2f%n", i + 1,
          s.description(), s.costUsd(), s.maintenanceBeforeUsd(), s.maintenanceAfterUsd(), s.worstLossBeforeUsd(),
          s.worstLossAfterUsd());
      for (ClosedPart c : s.parts()) {
        out.printf(Locale.ROOT, "        %s %s at %s%n", Table.sig(c.quantityTraded(), 8), c.instrument().symbol(),
            Table.sig(c.mark(), 8));
      }
    }
  }

  /** One line on how the auction went: when, at what price, who paid what. */
  private static String auctionLine(AuctionOutcome a) {
    if (!a.filled()) {
      return String.format(Locale.ROOT, "dutch auction: no bidder found it profitable; start fee %,.2f USD", 
          a.startFeeUsd());
    }
    if (a.insolvent()) {
      return String.format(Locale.ROOT, "dutch auction: insolvent; a bidder took the whole portfolio after %,d s of "
          + "the insolvent phase for %,.2f USD (security module %,.2f, socialised %,.2f); bidder's expected profit "
          + "%,.2f after %,.2f unwind cost", a.bidSecond(), a.cashToBidderUsd(), a.paidBySecurityModuleUsd(),
          a.socialisedUsd(), a.bidderProfitUsd(), a.bidderUnwindCostUsd());
    }
    return String.format(Locale.ROOT, "dutch auction: start fee %,.2f USD to the security module; bid after %,d s at "
        + "%.2f%% of MtM for %.2f%% of the portfolio (%,.2f USD paid in); bidder's expected profit %,.2f after "
        + "%,.2f unwind cost", a.startFeeUsd(), a.bidSecond(), 100 * a.priceFraction(), 100 * a.fractionSold(),
        a.cashFromBidderUsd(), a.bidderProfitUsd(), a.bidderUnwindCostUsd());
  }

  private static void auctionJson(ObjectNode n, AuctionOutcome a, LiquidationTarget target, double worstLoss) {
    n.put("parameters", DutchAuctionParameters.deriveMainnet().name());
    n.put("filled", a.filled());
    n.put("insolvent", a.insolvent());
    n.put("bid_second", a.bidSecond());
    n.put("price_fraction", a.priceFraction());
    n.put("fraction_sold", a.fractionSold());
    n.put("start_fee_usd", a.startFeeUsd());
    n.put("cash_from_bidder_usd", a.cashFromBidderUsd());
    n.put("cash_to_bidder_usd", a.cashToBidderUsd());
    n.put("paid_by_security_module_usd", a.paidBySecurityModuleUsd());
    n.put("socialised_usd", a.socialisedUsd());
    n.put("account_loss_usd", a.accountLossUsd());
    n.put("bidder_unwind_cost_usd", a.bidderUnwindCostUsd());
    n.put("bidder_profit_usd", a.bidderProfitUsd());
    n.put("reached_target", target.reached(a.marginAfter()));
    n.put("equity_after_usd", a.marginAfter().health().equityUsd());
    n.put("maintenance_margin_after_usd", a.marginAfter().maintenanceMarginUsd());
    n.put("worst_stress_loss_after_usd", worstLoss);
  }

  private static ObjectNode json(Account account, MarginModel m, LiquidationTarget target, MarginResult before,
      double lossBefore, List<LiquidationPlan> plans) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    root.put("account", account.id());
    root.put("model", m.name());
    root.put("target", target.toString());
    root.put("equity_usd", before.health().equityUsd());
    root.put("maintenance_margin_usd", before.maintenanceMarginUsd());
    root.put("initial_margin_usd", before.initialMarginUsd());
    root.put("worst_stress_loss_usd", lossBefore);
    ArrayNode list = root.putArray("plans");
    for (LiquidationPlan p : plans) {
      ObjectNode n = list.addObject();
      n.put("method", p.method());
      n.put("reached_target", p.reachedTarget());
      n.put("cost_usd", p.costUsd());
      n.put("equity_after_usd", p.margin().health().equityUsd());
      n.put("maintenance_margin_after_usd", p.margin().maintenanceMarginUsd());
      n.put("worst_stress_loss_after_usd", p.worstLossUsd());
      ArrayNode steps = n.putArray("steps");
      for (LiquidationStep s : p.steps()) {
        ObjectNode o = steps.addObject();
        o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        o.put("description", s.description());
        o.put("cost_usd", s.costUsd());
        o.put("maintenance_before_usd", s.maintenanceBeforeUsd());
        o.put("maintenance_after_usd", s.maintenanceAfterUsd());
        o.put("worst_loss_before_usd", s.worstLossBeforeUsd());
        o.put("worst_loss_after_usd", s.worstLossAfterUsd());
        ArrayNode parts = o.putArray("trades");
        for (ClosedPart c : s.parts()) {
          ObjectNode x = parts.addObject();
          x.put("instrument", c.instrument().symbol());
          x.put("quantity", c.quantityTraded());
          x.put("mark", c.mark());
          x.put("cost_usd", c.costUsd());
        }
      }
    }
    return root;
  }
}
