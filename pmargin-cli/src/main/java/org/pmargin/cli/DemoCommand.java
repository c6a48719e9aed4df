package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import org.pmargin.data.simulation.SimulationScenarios;
import org.pmargin.data.simulation.SimulationProvenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.PortfolioJson;
import org.pmargin.data.history.DeribitOptionChainCsv;
import org.pmargin.data.history.DeribitOptionQuote;
import org.pmargin.data.pricecase.PriceCaseEvaluator;
import org.pmargin.data.pricecase.PriceCaseJson;
import org.pmargin.data.pricecase.PriceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin demo}: what the engine computes, on the shipped example accounts and on the real data of the data
 * directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the engine on the shipped example accounts and market snapshot, then check the pricer "
        + "against Deribit's own marks and Greeks from the data directory."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = DataDirOption.HELP)
  private Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MarketSnapshot market = MarketSnapshotJson.read(Examples.json(Examples.MARKET));
    out.println("== pmargin demo ==");
    out.println();
    out.println("Market snapshot examples/" + Examples.MARKET + " at " + market.asOf());
    for (UnderlyingMarket u : market.underlyings().values()) {
      out.printf("  %-4s index %,.2f  perpetual mark %,.2f  funding %.4f%%/8h  forwards %s%n", u.underlying(),
          u.index(), u.perpetualMark(), u.fundingRate8h() * 100,
          u.forwards().points().stream().map(p -> String.format("%s %,.1f", p.expiry().toString().substring(0, 10),
              p.price())).toList());
    }
    RiskParameters risk = RiskParameters.defaults();
    for (String name : Examples.PORTFOLIOS) {
      Account account = PortfolioJson.read(Examples.json(name));
      out.println();
      out.println("-- Account " + account.id() + " (examples/" + name + "), collateral " + account.collateral());
      GreeksReport.print(PortfolioGreeks.of(account, market), out);
      out.println();
      Table margins = new Table("<model", "<view", "IM USD", "MM USD", "equity USD", "<state", "<driving scenario");
      for (MarginModel m : MarginModels.of("all", risk)) {
        MarginResult r;
        try {
          r = m.margin(account, market);
        } catch (InvalidInputException e) {
          margins.row(m.name(), "-", "n/a", "n/a", "n/a", "-", "not applicable: " + e.reason());
          continue;
        }
        margins.row(r.model(), r.view().name().toLowerCase(java.util.Locale.ROOT),
            Table.num(r.initialMarginUsd(), 0), Table.num(r.maintenanceMarginUsd(), 0),
            Table.num(r.health().equityUsd(), 0), r.health().state().name().toLowerCase(java.util.Locale.ROOT),
            String.join("; ", r.pools().stream().map(p -> p.drivingScenario()).filter(d -> !d.isEmpty()).toList()));
      }
      margins.print(out);
    }
    out.println();
    out.println("-- Capital efficiency: initial margin (USD) of the standard strategies (examples/strategies) under "
        + "every model");
    CompareCommand.table(CompareCommand.standardStrategies(), market, risk, new java.util.ArrayList<>(),
        new java.util.ArrayList<>()).print(out);
    out.println("(pmargin margin -p FILE -m FILE explains any of these numbers; docs/COMPARISON.md says why they "
        + "differ)");
    out.println();
    out.println("-- Option price cases (examples/" + Examples.PRICE_CASES + ")");
    Table cases = new Table("<id", "<model", "<ccy", "price", "implied vol", "delta", "coin delta", "vega/vol-pt",
        "theta/day");
    for (String line : Examples.text(Examples.PRICE_CASES).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      PriceResult r = PriceCaseEvaluator.evaluate(PriceCaseJson.parse(line));
      cases.row(r.input().id(), r.input().model().label(), r.input().coinSettled() ? "coin" : "USD",
          Table.sig(r.greeks().price(), 7), Table.num(r.impliedVol() * 100, 4) + "%", Table.sig(r.usd().delta(), 6),
          r.input().coinSettled() ? Table.sig(r.settlementDelta(), 6) : "", Table.sig(r.usd().vega() / 100, 6),
          Table.sig(r.usd().theta() / YearFraction.DAYS_PER_YEAR, 6));
    }
    cases.print(out);
    out.println("(delta, vega per vol point and theta per day in USD terms; coin delta = delta - coin price, "
        + "Deribit's convention)");
    out.println();
    Optional<DataDirectory.Location> location = DataDirectory.locate(dataDir);
    Optional<Path> dir = location.map(DataDirectory.Location::path);
    if (dir.isEmpty()) {
      out.println("-- " + DataDirectory.notFoundMessage() + ": skipped the real-data parts.");
    } else {
      HistorySource history = HistorySource.load(dir.get());
      DataProvenance provenance = DataProvenance.of(location.get(), history.report());
      out.println("== " + provenance.line());
      provenance.printCleaning(out, "every one: pmargin backtest --format json");
      out.println();
      deribitCheck(dir.get(), out);
      realDataRisk(dir.get(), history, market, risk, out);
      out.println();
      LiveReplayReport.run(dir.get(), LiveReplayReport.DEFAULT_WINDOW, 4, 1_000,
          new org.pmargin.core.margin.grid.ScenarioGridModel(
              org.pmargin.core.margin.grid.GridParameters.deribitUnified()), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Simulation margin and stresses of one example account on the data directory's real history. */
  private static void realDataRisk(Path dataDir, HistorySource history, MarketSnapshot market, RiskParameters risk,
      PrintWriter out) {
    Account account = PortfolioJson.read(Examples.json("portfolios/multi-asset-usdc.json"));
    out.println();
    out.println("-- Real data: simulation margin and stress of account " + account.id());
    var window = org.pmargin.core.history.HistoryWindow.atSnapshot(market.asOf());
    out.println("   history window " + window.describe());
    Table sims = new Table("<scenarios", "count", "ES 97.5% USD", "<worst scenario");
    SimulationProvenance provenance = null;
    for (String kind : java.util.List.of("historical", "filtered", "monte-carlo")) {
      var config = risk.simulation().with(kind, 1, false);
      var built = SimulationScenarios.build(account, history, config, window);
      var set = built.set();
      provenance = built.provenance();
      var r = new org.pmargin.core.margin.simulation.SimulationMarginModel(set, config.margin())
          .margin(account, market);
      sims.row(set.name(), Integer.toString(set.size()), Table.num(r.initialMarginUsd(), 0),
          r.pools().get(0).drivingScenario());
    }
    sims.print(out);
    out.println("   " + provenance.horizonText());
    out.println("   " + provenance.volText());
    java.util.List<org.pmargin.core.stress.StressResult> results = new java.util.ArrayList<>(
        org.pmargin.core.stress.StressTest.run(account, market, org.pmargin.core.stress.StressLibrary.hypothetical(),
            risk.collateral()));
    for (org.pmargin.core.stress.CrashWindow all : org.pmargin.data.history.StressEventsCsv.read(dataDir)) {
      var w = all.clippedTo(window.from(), window.to());
      if (w.isPresent()) {
        results.add(org.pmargin.core.stress.CrashReplay.replay(account, market, org.pmargin.core.stress.CrashReplay
            .path(w.get(), new java.util.ArrayList<>(window.apply(history.prices()).values()),
                window.apply(history.volIndices())), risk.collateral())[1]);
      }
    }
    results.sort(java.util.Comparator.comparingDouble(org.pmargin.core.stress.StressResult::pnlUsd));
    out.println("   worst stresses (pmargin stress shows them all):");
    for (int i = 0; i < Math.min(4, results.size()); i++) {
      out.printf("   %-45s %,12.0f USD%n", results.get(i).scenario().name(), results.get(i).pnlUsd());
    }
  }

  /** Prices Deribit's real BTC chain with our Black-76 and compares with Deribit's own marks and Greeks. */
  private static void deribitCheck(Path dataDir, PrintWriter out) {
    List<DeribitOptionQuote> quotes;
    try {
      quotes = DeribitOptionChainCsv.read(dataDir);
    } catch (InvalidInputException e) {
      out.println("-- Deribit check skipped: " + e.getMessage());
      return;
    }
    MarketSnapshot market = DeribitOptionChainCsv.snapshot(quotes, DeribitOptionChainCsv.ASSUMED_AS_OF);
    out.println("-- Real data: Deribit BTC option chain " + dataDir.resolve(DeribitOptionChainCsv.FILE));
    out.println("   " + quotes.size() + " options, " + market.underlying(org.pmargin.core.instrument.Asset.BTC)
        .vols().slices().size() + " expiries, valued at the assumed capture time " + DeribitOptionChainCsv.ASSUMED_AS_OF
        + " (the file does not record it)");
    double maxMark = 0;
    double maxDelta = 0;
    double maxVegaRel = 0;
    double maxThetaRel = 0;
    String worst = "";
    for (DeribitOptionQuote q : quotes) {
      PositionValuation v = PositionValuer.value(new Position(q.option(), 1, q.markPrice()), market);
      // Deribit's ticker Greeks are Black-76 on the forward: compare our USD view scaled back to the forward.
      double ratio = q.underlyingPrice() / market.underlying(q.option().underlying()).index();
      double markDiff = Math.abs(v.markPrice() - q.markPrice());
      if (markDiff > maxMark) {
        maxMark = markDiff;
        worst = q.option().symbol();
      }
      maxDelta = Math.max(maxDelta, Math.abs(v.delta() - q.delta()));
      maxVegaRel = Math.max(maxVegaRel, Math.abs(v.vega() * ratio / 100 - q.vega()) / Math.abs(q.vega()));
      maxThetaRel = Math.max(maxThetaRel,
          Math.abs(v.theta() * ratio / YearFraction.DAYS_PER_YEAR - q.theta()) / Math.abs(q.theta()));
    }
    out.printf("   max |mark - Deribit mark| = %.6f BTC (%s; Deribit's tick is 0.0001)%n", maxMark, worst);
    out.printf("   max |delta - Deribit delta| = %.5f%n", maxDelta);
    out.printf("   max relative vega difference = %.3f%%, theta = %.3f%% (theta is most sensitive to the unknown "
        + "capture time)%n", maxVegaRel * 100, maxThetaRel * 100);
  }
}
