package org.pmargin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.data.RiskParametersJson;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.funding.FundingSchedule;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.core.liquidation.LiquidationTarget;
import org.pmargin.engine.script.EventScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pmargin engine}: runs a JSON-lines script of deposits, withdrawals, fills, market moves, what-if questions
 * and explanations through the real-time engine, and prints what each line did.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = {"Run a JSON-lines event script through the real-time engine: deposits, withdrawals, fills and "
        + "market moves are applied in order (incremental re-margining, health transitions); what_if and explain "
        + "lines ask without changing anything; after each event the engine liquidates the accounts below "
        + "maintenance margin in steps. Format: docs/FORMATS.md, section \"Engine events\"."})
final class EngineCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-m", "--market"}, required = true, paramLabel = "FILE", description = "The initial market "
      + "snapshot JSON.")
  private Path market;

  @Option(names = {"-e", "--events"}, required = true, paramLabel = "FILE",
      description = "The event script (JSON lines); - reads standard input.")
  private String events;

  @Option(names = "--model", defaultValue = "grid", paramLabel = "MODEL",
      description = "isolated, cross, grid, sensitivity or derive (default: ${DEFAULT-VALUE}).")
  private String model;

  @Option(names = "--params", paramLabel = "FILE", description = "Risk-parameter JSON file (default: built in).")
  private Path params;

  @Option(names = "--funding-hours", defaultValue = "8", paramLabel = "H",
      description = "Hours between perpetual funding times, aligned to 00:00 UTC (8: 00:00/08:00/16:00; 1: hourly; "
          + "0: no funding) (default: ${DEFAULT-VALUE}).")
  private double fundingHours;

  @Option(names = "--price-band-mode", defaultValue = "refuse", paramLabel = "MODE",
      description = "What happens to a fill priced outside the band around the mark: refuse (rejected, nothing "
          + "changes), flag (booked and reported for review) or off (default: ${DEFAULT-VALUE}).")
  private String priceBandMode;

  @Option(names = "--price-band", defaultValue = "5", paramLabel = "PCT",
      description = "The band of spot, perpetual and future fills, in percent of the mark (default: ${DEFAULT-VALUE}).")
  private double priceBandPercent;

  @Option(names = "--option-band-vol-points", defaultValue = "20", paramLabel = "POINTS",
      description = "The band of option fills, in vol points around the surface's vol at the strike, priced by "
          + "Black-76; never narrower than 5 bp of the index in premium (default: ${DEFAULT-VALUE}).")
  private double optionBandVolPoints;

  @Option(names = "--liquidation", defaultValue = "on", paramLabel = "on|off",
      description = "Whether the engine liquidates accounts below maintenance margin after each event (default: "
          + "${DEFAULT-VALUE}).")
  private String liquidation;

  @Option(names = "--liquidation-buffer", defaultValue = "10", paramLabel = "PCT",
      description = "A liquidation stops once equity covers maintenance margin plus this percentage in every pool "
          + "(default: ${DEFAULT-VALUE}).")
  private double liquidationBuffer;

  @Option(names = "--liquidation-slice", defaultValue = "20", paramLabel = "PCT",
      description = "The part of a position (or group) one liquidation step closes at most, percent (default: "
          + "${DEFAULT-VALUE}).")
  private double liquidationSlice;

  @Option(names = "--liquidation-steps", defaultValue = "5", paramLabel = "N",
      description = "The liquidation steps one account may take after one event; more wait for the next event "
          + "(default: ${DEFAULT-VALUE}).")
  private int liquidationSteps;

  @Option(names = "--liquidation-stress-guard", defaultValue = "off", paramLabel = "on|off",
      description = "Whether a liquidation step must also create or deepen no loss in the hypothetical stresses, "
          + "besides lowering maintenance margin; it stops an inverse long after its first step, as the coin debt "
          + "booked counts as a new loss in the up-stresses (default: ${DEFAULT-VALUE}).")
  private String stressGuard;

  @Option(names = "--liquidation-mechanism", defaultValue = "market", paramLabel = "market|market+backstop",
      description = "Market slices only, or with a backstop liquidator that takes a whole account over at the mark "
          + "once its equity is below --backstop-fraction of maintenance margin (Hyperliquid's vault) "
          + "(default: ${DEFAULT-VALUE}).")
  private String mechanism;

  @Option(names = "--backstop-fraction", defaultValue = "0.6666666666666666", paramLabel = "F",
      description = "The fraction of maintenance margin below which the backstop takes over, in (0, 1] "
          + "(default: 2/3, Hyperliquid's).")
  private double backstopFraction;

  @Option(names = "--insurance-fund", defaultValue = "0", paramLabel = "USD",
      description = "The insurance fund's starting balance, USD; liquidation fees feed it (default: ${DEFAULT-VALUE}).")
  private double insuranceFund;

  @Option(names = "--loss-waterfall", defaultValue = "on", paramLabel = "on|off",
      description = "Whether a bankrupt account's deficit is covered by the insurance fund, then auto-deleveraging, "
          + "then socialised loss, and its rest taken over by the backstop (default: ${DEFAULT-VALUE}).")
  private String lossWaterfall;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (one JSON object per line) (default: ${DEFAULT-VALUE}).")
  private GreeksCommand.Format format;

  @Override
  public Integer call() {
    MarketSnapshot snapshot = GreeksCommand.withFile(market, () -> MarketSnapshotJson.read(market));
    RiskParameters risk = params == null ? RiskParameters.defaults()
        : GreeksCommand.withFile(params, () -> RiskParametersJson.read(params));
    if (!MarginModels.NAMES.contains(model)) {
      throw new InvalidInputException("model", "must be one of " + MarginModels.NAMES + ", got '" + model + "'");
    }
    List<MarginModel> models = MarginModels.of(model, risk);
    PrintWriter out = spec.commandLine().getOut();
    try (MarginEngine engine = new MarginEngine(models.get(0), snapshot,
        EngineConfig.defaults().withFunding(fundingSchedule()).withPriceBand(priceBand())
            .withLiquidation(liquidationConfig()));
        BufferedReader in = reader()) {
      if (format == GreeksCommand.Format.TABLE) {
        out.printf("engine: model %s, market %s (version %d)%n", models.get(0).name(), snapshot.asOf(),
            snapshot.version());
      }
      try {
        EventScript.run(engine, in, events.equals("-") ? "standard input" : events, answer -> print(answer, out));
      } catch (InvalidInputException e) {
        out.flush();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private FundingSchedule fundingSchedule() {
    double minutes = fundingHours * 60;
    if (!(minutes >= 0) || minutes != Math.rint(minutes) || minutes > 24 * 60) {
      throw new InvalidInputException("funding_hours", "must be 0 (off) or whole minutes up to 24 hours dividing 24 "
          + "hours, got " + fundingHours);
    }
    return new FundingSchedule(java.time.Duration.ofMinutes((long) minutes));
  }

  private PriceBand priceBand() {
    PriceBandMode mode = switch (priceBandMode.toLowerCase(Locale.ROOT)) {
      case "refuse" -> PriceBandMode.REFUSE;
      case "flag" -> PriceBandMode.FLAG;
      case "off" -> PriceBandMode.OFF;
      default -> throw new InvalidInputException("price_band_mode", "must be refuse, flag or off, got '"
          + priceBandMode + "'");
    };
    if (!(priceBandPercent > 0 && priceBandPercent <= 100)) {
      throw new InvalidInputException("price_band", "must be a percentage in (0, 100], got " + priceBandPercent);
    }
    if (!(optionBandVolPoints > 0 && optionBandVolPoints <= 500)) {
      throw new InvalidInputException("option_band_vol_points", "must be in (0, 500], got " + optionBandVolPoints);
    }
    return PriceBand.defaults().withMode(mode).withDeltaOneFraction(priceBandPercent / 100)
        .withOptionVolPoints(optionBandVolPoints / 100);
  }

  private LiquidationConfig liquidationConfig() {
    boolean on = onOff(liquidation, "liquidation");
    if (!(liquidationBuffer >= 0 && liquidationBuffer <= 1000)) {
      throw new InvalidInputException("liquidation_buffer", "must be a percentage in [0, 1000], got "
          + liquidationBuffer);
    }
    if (!(liquidationSlice > 0 && liquidationSlice <= 100)) {
      throw new InvalidInputException("liquidation_slice", "must be a percentage in (0, 100], got "
          + liquidationSlice);
    }
    if (liquidationSteps < 1) {
      throw new InvalidInputException("liquidation_steps", "must be >= 1, got " + liquidationSteps);
    }
    return LiquidationConfig.defaults().withEnabled(on)
        .withTarget(LiquidationTarget.maintenancePlus(liquidationBuffer / 100)).withSlice(liquidationSlice / 100)
        .withMaxStepsPerEvent(liquidationSteps).withStressGuard(onOff(stressGuard, "liquidation_stress_guard"))
        .withMechanism(org.pmargin.engine.liquidation.LiquidationMechanism.parse(mechanism.toLowerCase(Locale.ROOT)))
        .withBackstopFraction(backstopFraction).withInitialFundUsd(insuranceFund)
        .withLossWaterfall(onOff(lossWaterfall, "loss_waterfall"));
  }

  private static boolean onOff(String value, String field) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new InvalidInputException(field, "must be on or off, got '" + value + "'");
    };
  }

  private BufferedReader reader() throws IOException {
    if (events.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    Path file = Path.of(events);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("events", "no such file: " + events);
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  private void print(ObjectNode answer, PrintWriter out) {
    if (format == GreeksCommand.Format.JSON) {
      out.println(Json.MAPPER.writeValueAsString(answer));
      return;
    }
    String type = answer.get("type").stringValue();
    String head = String.format(Locale.ROOT, "line %-3d %-8s", answer.get("line").asInt(), type);
    switch (type) {
      case "what_if" -> out.printf(Locale.ROOT, "%s %s: IM %s -> %s USD (%+,.0f), %s -> %s, %s%n", head,
          answer.get("account").stringValue(), usd(answer.get("before"), "initial_margin_usd"),
          usd(answer.get("after"), "initial_margin_usd"), answer.get("initial_margin_change_usd").asDouble(),
          answer.get("before").get("state").stringValue(), answer.get("after").get("state").stringValue(),
          answer.get("acceptable").asBoolean() ? "acceptable" : "NOT acceptable");
      case "explain" -> {
        out.println(head);
        JsonNode m = answer.get("margin");
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m).indent(4).stripTrailing());
      }
      default -> {
        if (!answer.get("accepted").asBoolean()) {
          out.printf("%s REJECTED: %s%n", head, answer.get("rejection").stringValue());
          return;
        }
        JsonNode margins = answer.get("margins");
        if (margins.size() <= 3) {
          for (JsonNode m : margins) {
            out.printf(Locale.ROOT, "%s %s: equity %s, IM %s, MM %s USD, %s%s%n", head,
                m.get("account").stringValue(), usd(m, "equity_usd"), usd(m, "initial_margin_usd"),
                usd(m, "maintenance_margin_usd"), m.get("state").stringValue(),
                m.get("degraded").asBoolean() ? " (degraded price)" : "");
          }
        } else {
          out.printf("%s %d accounts re-margined%n", head, margins.size());
        }
        if (answer.has("funding")) {
          for (JsonNode f : answer.get("funding")) {
            out.printf(Locale.ROOT, "         funding %s %s %s: %s %.8g %s at %.4f%%/8h, mark %,.2f%n",
                f.get("time").stringValue(), f.get("account").stringValue(), f.get("instrument").stringValue(),
                f.get("amount").asDouble() < 0 ? "pays" : "receives", Math.abs(f.get("amount").asDouble()),
                f.get("currency").stringValue(), f.get("rate_8h").asDouble() * 100, f.get("mark").asDouble());
          }
        }
        if (answer.has("price_flags")) {
          for (JsonNode f : answer.get("price_flags")) {
            out.printf("         FLAGGED for review: %s%n", f.get("reason").stringValue());
          }
        }
        if (answer.has("settlements")) {
          for (JsonNode x : answer.get("settlements")) {
            out.printf("         %s: %s (%s)%n", x.get("account").stringValue(), ExpiryReport.line(
                x.get("instrument").stringValue(), x.get("quantity").asDouble(), x.get("price").asDouble(),
                x.get("amount").asDouble(), x.get("currency").stringValue(), x.get("amount_usd").asDouble()),
                x.get("price_source").stringValue());
          }
        }
        printLiquidation(answer, out);
        for (JsonNode t : answer.get("transitions")) {
          out.printf("         -> %s: %s -> %s%n", t.get("account").stringValue(), t.get("from").stringValue(),
              t.get("to").stringValue());
        }
      }
    }
  }

  /** The liquidation steps, bankruptcies and failures after an event. */
  private static void printLiquidation(JsonNode answer, PrintWriter out) {
    if (answer.has("liquidations")) {
      for (JsonNode s : answer.get("liquidations")) {
        JsonNode parts = s.get("parts");
        String at = parts.size() == 1 ? String.format(Locale.ROOT, " at %,.2f", parts.get(0).get("mark").asDouble())
            : " (" + parts.size() + " trades)";
        out.printf(Locale.ROOT, "         liquidated %s step %d: %s%s, cost %,.2f USD, MM %s -> %s USD, equity %s USD"
            + " (%s)%n", s.get("account").stringValue(), s.get("step").asInt(), s.get("description").stringValue(),
            at, s.get("cost_usd").asDouble(), usd(s, "maintenance_before_usd"), usd(s, "maintenance_after_usd"),
            usd(s, "equity_after_usd"), s.get("reason").stringValue());
      }
    }
    if (answer.has("bankruptcies")) {
      for (JsonNode b : answer.get("bankruptcies")) {
        out.printf(Locale.ROOT, "         BANKRUPT %s: deficit %,.2f USD (%s)%n", b.get("account").stringValue(),
            b.get("deficit_usd").asDouble(), b.get("reason").stringValue());
      }
      if (!answer.has("losses")) {
        out.printf(Locale.ROOT, "         bad debt %,.2f USD (not covered: the loss waterfall is off)%n",
            answer.get("bad_debt_usd").asDouble());
      }
    }
    if (answer.has("losses")) {
      double fees = 0;
      int feeCount = 0;
      for (JsonNode l : answer.get("losses")) {
        String kind = l.get("kind").stringValue();
        if (kind.equals("fee")) {
          fees += l.get("amount_usd").asDouble();
          feeCount++;
          continue;
        }
        String who = l.has("counterparty") ? " <- " + l.get("counterparty").stringValue() : "";
        String what = l.has("instrument") ? String.format(Locale.ROOT, " %s %,.4f at %,.2f",
            l.get("instrument").stringValue(), l.get("quantity").asDouble(), l.get("price").asDouble()) : "";
        out.printf(Locale.ROOT, "         %s %s%s%s: %,.6f USD (%s)%n", kind.toUpperCase(Locale.ROOT),
            l.get("account").stringValue(), who, what, l.get("amount_usd").asDouble(), l.get("reason").stringValue());
      }
      if (feeCount > 0) {
        out.printf(Locale.ROOT, "         fees %,.6f USD from %d steps into the insurance fund%n", fees, feeCount);
      }
      out.printf(Locale.ROOT, "         insurance fund %,.2f USD, ADL fills %d, backstop book %d (%d whole-account "
          + "takeovers) worth %,.2f USD, bad debt %,.2f USD%n", answer.get("insurance_fund_usd").asDouble(),
          answer.get("adl_fills").asLong(), answer.get("backstop_books").asLong(),
          answer.get("backstop_takeovers").asLong(), answer.get("backstop_value_usd").asDouble(),
          answer.get("bad_debt_usd").asDouble());
    }
    if (answer.has("liquidation_failures")) {
      for (JsonNode f : answer.get("liquidation_failures")) {
        out.printf("         %s: %s%n", f.get("account").stringValue(), f.get("reason").stringValue());
      }
    }
  }

  private static String usd(JsonNode n, String field) {
    return String.format(Locale.ROOT, "%,.0f", n.get(field).asDouble());
  }
}
