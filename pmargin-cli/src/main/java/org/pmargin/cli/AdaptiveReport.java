package org.pmargin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.adaptive.AdaptiveComparison;
import org.pmargin.core.adaptive.AdaptivePresets;
import org.pmargin.core.adaptive.Procyclicality;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stats.RollingTrafficLight;

/**
 * The markdown of {@code pmargin adaptive} (docs/ADAPTIVE.md): the side-by-side table of every underlying's static
 * and adaptive models on the real history, the crash-window table from the cascade simulator, the presets the rule
 * offers, and per model where it wins and where it loses.
 */
final class AdaptiveReport {

  /** The history table's columns. */
  static final List<String> HISTORY_COLUMNS = List.of("underlying", "model", "days", "from", "to", "exceptions",
      "expected", "zone", "worst 250d", "Kupiec p", "CC p", "avg margin %", "largest 1d rise %",
      "largest 5d rise %", "peak/trough", "verdict");

  private AdaptiveReport() {
  }

  /** The history table: per underlying, the static row then each adaptive one, a static row again where the days differ. */
  static void historyTable(StringBuilder md, Map<Asset, AdaptiveComparison.Outcome> outcomes) {
    md.append("| ").append(String.join(" | ", HISTORY_COLUMNS)).append(" |\n");
    md.append("|").append("---|".repeat(HISTORY_COLUMNS.size())).append("\n");
    for (AdaptiveComparison.Outcome o : outcomes.values()) {
      AdaptiveComparison.Judged shown = null;
      for (AdaptiveComparison.Comparison c : o.comparisons()) {
        if (shown != c.statik()) {
          row(md, o.asset(), "static" + (c.basis().equals("all days") ? "" : " (" + c.model() + " basis)"),
              c.statik(), "");
          shown = c.statik();
        }
        AdaptivePresets.Verdict v = AdaptivePresets.judge(c);
        row(md, o.asset(), c.model(), c.adaptive(), v.offered() ? "**preset**" : "loses: " + (v.coverageNoWorse()
            ? "neither cheaper nor less procyclical" : "coverage"));
      }
    }
  }

  private static void row(StringBuilder md, Asset asset, String model, AdaptiveComparison.Judged j, String verdict) {
    BacktestResult r = j.result();
    Procyclicality p = j.procyclicality();
    String worst = r.rollingZone().map(z -> zone(z) + " " + z.worstExceptions()).orElse("n/a");
    md.append("| ").append(String.join(" | ", asset.code(), model, Integer.toString(r.observations()),
        r.dates().get(0).toString(), r.dates().get(r.observations() - 1).toString(), Integer.toString(r.exceptions()),
        f1(r.observations() * (1 - r.varConfidence())), r.zone().name().toLowerCase(Locale.ROOT), worst,
        f3(r.kupiec().pValue()), f3(r.conditionalCoverage().pValue()), f2(100 * r.averageMargin()),
        f1(100 * p.maxOneDayIncrease()), f1(100 * p.maxFiveDayIncrease()), f2(p.peakToTrough()), verdict))
        .append(" |\n");
  }

  /** The crash-window table. */
  static void cascadeTable(StringBuilder md, List<AdaptiveCascade.Run> runs) {
    md.append("| window | model | vol ratio BTC | vol ratio ETH | accounts liquidated | steps | notional closed USD "
        + "| bankrupt | fund draw USD | socialised USD | bad debt USD | losses beyond collateral USD |\n");
    md.append("|").append("---|".repeat(12)).append("\n");
    for (AdaptiveCascade.Run r : runs) {
      var l = r.summary().liquidation();
      md.append("| ").append(String.join(" | ", r.window(), r.model(),
          f3(r.ratios().getOrDefault(Asset.BTC, Double.NaN)), f3(r.ratios().getOrDefault(Asset.ETH, Double.NaN)),
          Integer.toString(l.accountsLiquidated()), Integer.toString(l.steps()), Table.num(l.notionalClosedUsd(), 0),
          Integer.toString(l.bankruptAccounts()), l.losses() == null ? "-" : Table.num(l.losses().drawnUsd(), 0),
          l.losses() == null ? "-" : Table.num(l.losses().socialisedUsd(), 0), Table.num(l.badDebtUsd(), 0),
          Table.num(r.lossesBeyondCollateralUsd(), 0))).append(" |\n");
    }
  }

  /** Per model: on how many underlyings it is offered, and which measures it wins and loses on how often. */
  static void wherePerModel(StringBuilder md, Map<Asset, AdaptiveComparison.Outcome> outcomes,
      List<AdaptiveCascade.Run> runs) {
    Map<String, List<String>> offered = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> wins = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> losses = new LinkedHashMap<>();
    Map<String, Integer> judged = new LinkedHashMap<>();
    for (AdaptiveComparison.Outcome o : outcomes.values()) {
      for (AdaptiveComparison.Comparison c : o.comparisons()) {
        AdaptivePresets.Verdict v = AdaptivePresets.judge(c);
        judged.merge(c.model(), 1, Integer::sum);
        offered.computeIfAbsent(c.model(), k -> new ArrayList<>());
        if (v.offered()) {
          offered.get(c.model()).add(o.asset().code());
        }
        v.wins().forEach(w -> wins.computeIfAbsent(c.model(), k -> new LinkedHashMap<>()).merge(w, 1, Integer::sum));
        v.losses().forEach(w -> losses.computeIfAbsent(c.model(), k -> new LinkedHashMap<>()).merge(w, 1,
            Integer::sum));
      }
    }
    for (String model : judged.keySet()) {
      int n = judged.get(model);
      List<String> yes = offered.get(model);
      md.append("- **").append(model).append("**: offered as a preset on ").append(yes.size()).append(" of ")
          .append(n).append(" underlyings").append(yes.isEmpty() ? "" : " (" + String.join(", ", yes) + ")")
          .append(". Wins: ").append(counts(wins.get(model), n)).append(". Loses: ")
          .append(counts(losses.get(model), n)).append(".");
      String cascade = cascadeLine(model, runs);
      if (!cascade.isEmpty()) {
        md.append(" Crash windows: ").append(cascade).append(".");
      }
      md.append("\n");
    }
  }

  private static String cascadeLine(String model, List<AdaptiveCascade.Run> runs) {
    List<String> parts = new ArrayList<>();
    for (AdaptiveCascade.Run r : runs) {
      if (!r.model().equals(model)) {
        continue;
      }
      AdaptiveCascade.Run s = runs.stream().filter(x -> x.window().equals(r.window()) && x.model().equals("static"))
          .findFirst().orElse(null);
      if (s == null) {
        continue;
      }
      int dl = r.summary().liquidation().accountsLiquidated() - s.summary().liquidation().accountsLiquidated();
      double db = r.lossesBeyondCollateralUsd() - s.lossesBeyondCollateralUsd();
      long rounded = Math.round(db);
      parts.add(r.window() + " " + signed(dl) + " liquidated, " + (rounded > 0 ? "+" : "")
          + Table.num(rounded, 0) + " USD losses beyond collateral");
    }
    return String.join("; ", parts);
  }

  private static String counts(Map<String, Integer> m, int n) {
    if (m == null || m.isEmpty()) {
      return "nothing";
    }
    List<String> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(k + " (" + v + "/" + n + ")"));
    return String.join(", ", out);
  }

  private static String signed(int x) {
    return (x >= 0 ? "+" : "") + x;
  }

  private static String zone(RollingTrafficLight z) {
    return z.worst().name().toLowerCase(Locale.ROOT);
  }

  static String f1(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  static String f2(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  static String f3(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
  }
}
