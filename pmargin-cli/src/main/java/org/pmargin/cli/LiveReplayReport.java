package org.pmargin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.data.history.StressEventsCsv;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.LiquidationStepBooked;
import org.pmargin.engine.liquidation.EngineLiquidity;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.LiveCrashReplay;

/**
 * Prints a live replay of a real crash window: the health transitions and liquidations of a population of accounts
 * as each oracle snapshot arrives, then what the engine did.
 */
final class LiveReplayReport {

  /** The window replayed by default: the FTX collapse. */
  static final String DEFAULT_WINDOW = "ftx_collapse";

  /** At most this many hours are printed line by line; the rest are counted. */
  private static final int MAX_LINES = 60;

  private LiveReplayReport() {
  }

  /**
   * Replays a crash window of the data directory's stress events through the live engine.
   *
   * @param dataDir  the data directory
   * @param windowId  the stress event's id
   * @param days  how many days of the window to replay, from its start
   * @param accounts  the population's size
   * @param model  the margin model
   * @param out  where to print
   */
  static void run(Path dataDir, String windowId, int days, int accounts, MarginModel model, PrintWriter out) {
    CrashWindow window = StressEventsCsv.read(dataDir).stream().filter(w -> w.id().equals(windowId)).findFirst()
        .orElseThrow(() -> new org.pmargin.core.validation.InvalidInputException("window",
            "no stress event '" + windowId + "' in " + dataDir.resolve("stress_events.csv")));
    HistoryStore store = HistoryStore.loadFrom(dataDir);
    Map<Asset, List<HourlyBar>> bars = new LinkedHashMap<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset coin : List.of(Asset.BTC, Asset.ETH)) {
      List<HourlyBar> b = store.hourlyBars(coin);
      if (!b.isEmpty()) {
        bars.put(coin, b);
        store.find(HistoryStore.Source.VOL_INDEX, Asset.of(coin.code() + "DVOL")).ifPresent(s -> vols.put(coin, s));
      }
    }
    if (bars.isEmpty()) {
      out.println("-- Live replay skipped: no hourly bars in " + dataDir.resolve("hourly"));
      return;
    }
    Instant start = window.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate last = window.start().plusDays(days - 1L);
    if (last.isAfter(window.end())) {
      last = window.end();
    }
    Instant end = last.atTime(23, 45).toInstant(ZoneOffset.UTC);
    out.printf("-- Live engine: %s (%s to %s), %d accounts on %s, an oracle snapshot every 15 minutes from "
        + "hourly bars%n", window.id(), window.start(), last, accounts, model.name());
    EngineLiquidity liquidity = org.pmargin.engine.liquidation.ReplayLiquidity.calibrated(dataDir, store, bars.keySet(), window.start());
    LiquidationConfig liquidation = LiquidationConfig.defaults().withLiquidity(liquidity);
    out.println("   each line: one hour's health transitions (accounts, first three ids) and recoveries, at the "
        + "hour's last prices (change since the start), then its liquidations");
    out.printf(Locale.ROOT, "   liquidation: after each snapshot, accounts below MM are closed in %.0f%% steps "
        + "until %s (at most %d steps per account per snapshot);%n   costs: fee %.1f%% + square-root impact, with "
        + "the 30-day volume and EWMA daily vol to %s: %s%n", liquidation.slice() * 100, liquidation.target(),
        liquidation.maxStepsPerEvent(), liquidity.feeRate() * 100, window.start().minusDays(1),
        bars.keySet().stream().map(c -> String.format(Locale.ROOT, "%s %,.1f bn USD/day, %.1f%%", c,
            liquidity.volumeUsd(c) / 1e9, liquidity.vol(c) * 100)).toList());
    out.println("   " + window.description());
    Map<Asset, Double> first = new LinkedHashMap<>();
    List<HealthTransition> hour = new ArrayList<>();
    List<LiquidationStepBooked> hourSteps = new ArrayList<>();
    List<String> hourBankrupt = new ArrayList<>();
    List<org.pmargin.engine.event.LossEntry> hourLosses = new ArrayList<>();
    MarketSnapshot[] lastOfHour = {null};
    int[] printed = {0};
    int[] skipped = {0};
    Runnable flush = () -> {
      if (hour.isEmpty() && hourSteps.isEmpty() && hourBankrupt.isEmpty()) {
        return;
      }
      if (printed[0]++ < MAX_LINES) {
        out.println("   " + line(lastOfHour[0], hour, first) + liquidations(hourSteps, hourBankrupt)
            + losses(hourLosses));
      } else {
        skipped[0]++;
      }
      hour.clear();
      hourSteps.clear();
      hourBankrupt.clear();
      hourLosses.clear();
    };
    LiveCrashReplay.Summary s = LiveCrashReplay.run(bars, vols, model,
        new LiveCrashReplay.Settings(start, end, Duration.ofMinutes(15), accounts, 6, 2022_11L,
            Runtime.getRuntime().availableProcessors(), liquidation),
        (snapshot, outcome) -> {
          if (first.isEmpty()) {
            bars.keySet().forEach(c -> first.put(c, snapshot.underlying(c).index()));
          }
          hour.addAll(outcome.transitions());
          hourSteps.addAll(outcome.liquidations());
          outcome.bankruptcies().forEach(b -> hourBankrupt.add(b.accountId()));
          outcome.losses().stream().filter(l -> !l.kind().equals("fee")).forEach(hourLosses::add);
          lastOfHour[0] = snapshot;
          if (snapshot.asOf().atOffset(ZoneOffset.UTC).getMinute() == 0) {
            flush.run(); // one line per hour: the transitions of its four snapshots, at the hour's last prices
          }
        });
    flush.run();
    if (skipped[0] > 0) {
      out.printf("   ... and %d more hours with transitions%n", skipped[0]);
    }
    MarketSnapshot m = s.market();
    out.printf("   start: %s%n", m.underlyings().values().stream().map(u -> String.format(Locale.ROOT,
        "%s %,.0f (vol %.0f%%)", u.underlying(), u.index(), u.vols().vol(u.index(), u.index(), 0.1) * 100))
        .toList());
    Table t = new Table("<accounts", "healthy", "margin call", "liquidatable", "bankrupt");
    t.row(counts("at the start", s.startStates()));
    t.row(counts("worst reached", s.worstStates()));
    t.row(counts("at the end", s.endStates()));
    t.print(out);
    double perStepMs = s.engineNanos() / 1e6 / Math.max(1, s.steps());
    out.printf(Locale.ROOT, "   %d snapshots, %,d account margins, %d health transitions, %d degraded snapshots; "
        + "engine %.1f ms per snapshot (%,.0f margins/s)%n", s.steps(), s.remargins(), s.transitions(),
        s.degradedSteps(), perStepMs, s.remargins() / (s.engineNanos() / 1e9));
    out.printf(Locale.ROOT, "   funding (%.4f%% per 8 h, settled at 00:00/08:00/16:00 UTC): %,d payments, %,.2f USD "
        + "paid, %,.2f USD received, net %+,.2f USD%n", LiveCrashReplay.FUNDING_RATE_8H * 100, s.fundingPayments(),
        s.fundingPaidUsd(), s.fundingReceivedUsd(), s.fundingReceivedUsd() - s.fundingPaidUsd());
    LiveCrashReplay.LiquidationTotals l = s.liquidation();
    out.printf(Locale.ROOT, "   liquidations: %d accounts liquidated in %,d steps, %,.0f USD notional closed, cost "
        + "%,.2f USD; %d bankrupt (or left with no risk-reducing step)%s%n", l.accountsLiquidated(), l.steps(),
        l.notionalClosedUsd(), l.costUsd(), l.bankruptAccounts(),
        l.failures() == 0 ? "" : "; " + l.failures() + " failed to plan");
    if (l.losses() != null) {
      var f = l.losses();
      out.printf(Locale.ROOT, "   losses: insurance fund %,.2f USD (fees in %,.2f, drawn %,.2f), %d ADL fills, "
          + "socialised %,.2f USD, backstop book worth %,.2f USD, bad debt %,.2f USD%n", f.fundUsd(), f.feesUsd(),
          f.drawnUsd(), f.adlFills(), f.socialisedUsd(), f.backstopValueUsd(), l.badDebtUsd());
    } else {
      out.printf(Locale.ROOT, "   bad debt %,.2f USD%n", l.badDebtUsd());
    }
  }

  /** One hour's liquidations, for its line: accounts, steps, notional and cost, and the bankruptcies. */
  private static String liquidations(List<LiquidationStepBooked> steps, List<String> bankrupt) {
    StringBuilder sb = new StringBuilder();
    if (!steps.isEmpty()) {
      List<String> ids = steps.stream().map(LiquidationStepBooked::accountId).distinct().toList();
      double notional = steps.stream().mapToDouble(LiquidationStepBooked::notionalUsd).sum();
      double cost = steps.stream().mapToDouble(LiquidationStepBooked::costUsd).sum();
      sb.append(String.format(Locale.ROOT, "  LIQUIDATED %d %s: %d steps, %,.0f USD closed, cost %,.0f USD",
          ids.size(), firstIds(ids), steps.size(), notional, cost));
    }
    if (!bankrupt.isEmpty()) {
      sb.append("  BANKRUPT ").append(bankrupt.size()).append(' ').append(firstIds(bankrupt));
    }
    return sb.toString();
  }

  /** One hour's loss accounting beyond the fees: fund draws, ADL fills, socialised loss, backstop takeovers. */
  private static String losses(List<org.pmargin.engine.event.LossEntry> entries) {
    if (entries.isEmpty()) {
      return "";
    }
    double drawn = 0;
    double socialised = 0;
    int adl = 0;
    int taken = 0;
    for (org.pmargin.engine.event.LossEntry l : entries) {
      switch (l.kind()) {
        case "fund_draw" -> drawn += l.amountUsd();
        case "socialised" -> socialised += l.amountUsd();
        case "adl" -> adl++;
        case "takeover", "backstop" -> taken++;
        default -> { }
      }
    }
    return String.format(Locale.ROOT, "  FUND -%,.0f USD, ADL %d, SOCIALISED %,.0f USD, TAKEN OVER %d", drawn, adl,
        socialised, taken);
  }

  private static String firstIds(List<String> ids) {
    return "[" + String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", ...]" : "]");
  }

  private static String[] counts(String label, Map<HealthState, Integer> m) {
    return new String[] {label, Integer.toString(m.get(HealthState.HEALTHY)), Integer.toString(m.get(
        HealthState.MARGIN_CALL)), Integer.toString(m.get(HealthState.LIQUIDATABLE)),
        Integer.toString(m.get(HealthState.BANKRUPT))};
  }

  private static String line(MarketSnapshot s, List<HealthTransition> transitions, Map<Asset, Double> first) {
    StringBuilder sb = new StringBuilder(s.asOf().toString().substring(0, 16).replace('T', ' '));
    for (Map.Entry<Asset, Double> e : first.entrySet()) {
      double now = s.underlying(e.getKey()).index();
      sb.append(String.format(Locale.ROOT, "  %s %,.0f (%+.1f%%)", e.getKey(), now, (now / e.getValue() - 1) * 100));
    }
    Map<String, List<String>> byKind = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    int recovered = 0;
    for (HealthTransition t : transitions) {
      if (t.to().ordinal() < t.from().ordinal()) {
        recovered++;
        continue;
      }
      byKind.computeIfAbsent(name(t.from()) + "->" + name(t.to()), k -> new ArrayList<>()).add(t.accountId());
    }
    for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
      List<String> ids = e.getValue();
      sb.append("  ").append(e.getKey()).append(' ').append(ids.size()).append(" [")
          .append(String.join(", ", ids.subList(0, Math.min(3, ids.size()))))
          .append(ids.size() > 3 ? ", ...]" : "]");
    }
    if (recovered > 0) {
      sb.append("  recovered ").append(recovered);
    }
    return sb.toString();
  }

  private static String name(HealthState h) {
    return switch (h) {
      case HEALTHY -> "healthy";
      case MARGIN_CALL -> "margin_call";
      case LIQUIDATABLE -> "liquidatable";
      case BANKRUPT -> "bankrupt";
    };
  }
}
