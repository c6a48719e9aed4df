package org.pmargin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.engine.replay.CascadeStep;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.engine.replay.LiveCrashReplay;

/** The output of {@code pmargin cascade}: the table per window, the feedback's effect, the CSV series, the plots. */
final class CascadeReport {

  private CascadeReport() {
  }

  /** The window's table, then the feedback's and the add-on's effects when both sides ran. */
  static void print(List<CascadeRun> runs, ImpactFeedback impact, PrintWriter out) {
    Table t = new Table("<model", "<impact", "liquidated", "steps", "closed USD", "cost USD", "bankrupt",
        "fund draw USD", "ADL fills", "socialised USD", "bad debt USD", "end: healthy", "margin call", "liquidatable", "bankrupt", "BTC shift", "ETH shift", "s");
    for (CascadeRun r : runs) {
      LiveCrashReplay.LiquidationTotals l = r.summary().liquidation();
      Map<HealthState, Integer> e = r.summary().endStates();
      t.row(r.label(), r.feedback() ? "on" : "off", String.valueOf(l.accountsLiquidated()),
          String.valueOf(l.steps()), Table.num(l.notionalClosedUsd(), 0), Table.num(l.costUsd(), 0),
          String.valueOf(l.bankruptAccounts()),
          l.losses() == null ? "-" : Table.num(l.losses().drawnUsd(), 0),
          l.losses() == null ? "-" : String.valueOf(l.losses().adlFills()),
          l.losses() == null ? "-" : Table.num(l.losses().socialisedUsd(), 0), Table.num(l.badDebtUsd(), 0),
          String.valueOf(e.getOrDefault(HealthState.HEALTHY, 0)),
          String.valueOf(e.getOrDefault(HealthState.MARGIN_CALL, 0)),
          String.valueOf(e.getOrDefault(HealthState.LIQUIDATABLE, 0)),
          String.valueOf(e.getOrDefault(HealthState.BANKRUPT, 0)), percent(r.worstShift(Asset.BTC)),
          percent(r.worstShift(Asset.ETH)), String.format(Locale.ROOT, "%.1f", r.seconds()));
    }
    t.print(out);
    out.printf(Locale.ROOT, "   impact: transient k*sigma*sqrt(|flow|/V) with a %.1f-hour half-life + permanent "
        + "%.3f*sigma*flow/V (Almgren et al. 2005), flow x %s; shift = the deepest move of the marks it caused%n",
        impact.halfLife().toMinutes() / 60.0, impact.permanentGamma(), Table.sig(impact.flowScale(), 3));
    out.println("   losses: liquidation fees fill the insurance fund (empty at the start); a bankrupt account's deficit "
        + "is covered by the fund, then ADL of opposite positions, then socialised; bad debt = what none covered");
    Map<String, CascadeRun[]> pairs = new LinkedHashMap<>();
    for (CascadeRun r : runs) {
      pairs.computeIfAbsent(r.label(), k -> new CascadeRun[2])[r.feedback() ? 1 : 0] = r;
    }
    if (pairs.values().stream().allMatch(p -> p[0] != null && p[1] != null)) {
      out.println("   feedback's effect (impact on minus off):");
      Table f = new Table("<model", "extra liquidated", "extra steps", "extra closed USD", "extra bad debt USD");
      for (Map.Entry<String, CascadeRun[]> e : pairs.entrySet()) {
        LiveCrashReplay.LiquidationTotals off = e.getValue()[0].summary().liquidation();
        LiveCrashReplay.LiquidationTotals on = e.getValue()[1].summary().liquidation();
        f.row(e.getKey(), signed(on.accountsLiquidated() - off.accountsLiquidated()),
            signed(on.steps() - off.steps()), Table.num(on.notionalClosedUsd() - off.notionalClosedUsd(), 0),
            Table.num(on.badDebtUsd() - off.badDebtUsd(), 0));
      }
      f.print(out);
    }
  }

  private static String percent(double logShift) {
    return String.format(Locale.ROOT, "%.3f%%", 100 * Math.expm1(logShift));
  }

  private static String signed(int v) {
    return (v > 0 ? "+" : "") + v;
  }

  /** Where a window's plot goes: DIR/cascade-ID.svg for a directory, FILE-ID.svg with several windows. */
  static Path plotPath(Path plot, String window, boolean several) {
    String name = plot.getFileName().toString();
    if (Files.isDirectory(plot) || !name.toLowerCase(Locale.ROOT).endsWith(".svg")) {
      return plot.resolve("cascade-" + window + ".svg");
    }
    return several ? plot.resolveSibling(name.substring(0, name.length() - 4) + "-" + window + ".svg") : plot;
  }

  /**
   * Writes a window's plot: cumulative notional liquidated, bad debt, the insurance fund and accounts below MM over
   * time, one line per
   * model with the impact feedback on (off when it never was), dashed with the correlation-breakdown add-on.
   */
  static void plot(Path file, CrashWindow w, List<CascadeRun> runs) {
    boolean anyOn = runs.stream().anyMatch(CascadeRun::feedback);
    Map<String, double[]> notional = new LinkedHashMap<>();
    Map<String, double[]> badDebt = new LinkedHashMap<>();
    Map<String, double[]> below = new LinkedHashMap<>();
    Map<String, double[]> fund = new LinkedHashMap<>();
    Set<String> dashed = new HashSet<>();
    String first = "";
    String last = "";
    for (CascadeRun r : runs) {
      if (r.feedback() != anyOn) {
        continue;
      }
      List<CascadeStep> s = r.summary().series();
      double[] n = new double[s.size()];
      double[] b = new double[s.size()];
      double[] m = new double[s.size()];
      double[] f = new double[s.size()];
      double sum = 0;
      for (int i = 0; i < s.size(); i++) {
        sum += s.get(i).notionalUsd();
        n[i] = sum;
        b[i] = s.get(i).badDebtUsd();
        m[i] = s.get(i).states().get(HealthState.LIQUIDATABLE) + s.get(i).states().get(HealthState.BANKRUPT);
        f[i] = s.get(i).loss().insuranceFundUsd();
      }
      if (!s.isEmpty() && s.get(0).loss().modelled()) {
        fund.put(r.label(), f);
      }
      notional.put(r.label(), n);
      badDebt.put(r.label(), b);
      below.put(r.label(), m);
      if (r.breakdown()) {
        dashed.add(r.label());
      }
      if (!s.isEmpty()) {
        first = s.get(0).time().toString();
        last = s.get(s.size() - 1).time().toString();
      }
    }
    List<SvgSeriesChart.Panel> panels = new java.util.ArrayList<>(List.of(
        new SvgSeriesChart.Panel("notional liquidated, cumulative, USD", notional),
        new SvgSeriesChart.Panel("bad debt (not covered by fund, ADL or socialised loss), USD", badDebt)));
    if (!fund.isEmpty()) {
      panels.add(new SvgSeriesChart.Panel("insurance fund, USD", fund));
    }
    panels.add(new SvgSeriesChart.Panel("accounts below maintenance margin (liquidatable + bankrupt)", below));
    String svg = SvgSeriesChart.chart("pmargin cascade: " + w.id() + " (" + w.description() + "), impact feedback "
        + (anyOn ? "on" : "off"), first, last, panels, dashed);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, svg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + file, e);
    }
  }

  /** Writes every run's series, one row per snapshot. */
  static void writeSeries(Path file, List<CascadeRun> runs) {
    List<String> lines = new ArrayList<>();
    lines.add("window,model,correlation_breakdown,impact_feedback,time,steps,accounts_liquidated,notional_usd,"
        + "cost_usd,bankruptcies,bad_debt_usd,healthy,margin_call,liquidatable,bankrupt,flow_btc_usd,flow_eth_usd,"
        + "shift_btc,shift_eth,loss_modelled,insurance_fund_usd,adl_events,socialised_usd");
    for (CascadeRun r : runs) {
      for (CascadeStep s : r.summary().series()) {
        lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%.2f,%.2f,%d,%.2f,%d,%d,%d,%d,%.2f,%.2f,%.8f,"
            + "%.8f,%s,%.2f,%d,%.2f", r.window(), r.model(), r.breakdown() ? "on" : "off",
            r.feedback() ? "on" : "off", s.time(), s.steps(), s.accountsLiquidated(), s.notionalUsd(), s.costUsd(),
            s.bankruptcies(), s.badDebtUsd(), s.states().get(HealthState.HEALTHY),
            s.states().get(HealthState.MARGIN_CALL), s.states().get(HealthState.LIQUIDATABLE),
            s.states().get(HealthState.BANKRUPT), s.flowUsd().getOrDefault(Asset.BTC, 0.0),
            s.flowUsd().getOrDefault(Asset.ETH, 0.0), s.shift().getOrDefault(Asset.BTC, 0.0),
            s.shift().getOrDefault(Asset.ETH, 0.0), s.loss().modelled(), s.loss().insuranceFundUsd(),
            s.loss().adlEvents(), s.loss().socialisedUsd()));
      }
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the series " + file, e);
    }
  }
}
