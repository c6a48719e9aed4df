package org.pmargin.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;

/**
 * Prints a margin result as a breakdown for people: per pool, what drives the margin, each charge and credit, and
 * each position's share; then the account's totals and health.
 */
final class MarginReport {

  private MarginReport() {
  }

  static void print(String account, MarginResult r, PrintWriter out) {
    out.println("Account " + account + " - model " + r.model() + " ("
        + r.view().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    for (PoolMargin p : r.pools()) {
      if (p.components().isEmpty() && p.initialMargin() == 0) {
        out.printf("  pool %s: equity %s %s, no margin needed%n", p.currency(), Table.sig(p.equity(), 6),
            p.currency());
        continue;
      }
      String rate = p.usdRate() == 1.0 ? "" : " (1 " + p.currency() + " = " + Table.sig(p.usdRate(), 8) + " USD)";
      out.printf("  pool %s%s: equity %s, IM %s, MM %s%n", p.currency(), rate, Table.sig(p.equity(), 6),
          Table.sig(p.initialMargin(), 6), Table.sig(p.maintenanceMargin(), 6));
      if (!p.drivingScenario().isEmpty()) {
        out.println("  driving scenario: " + p.drivingScenario());
      }
      Table components = new Table("<component", "IM", "MM", "<why");
      for (MarginComponent c : p.components()) {
        components.row(c.name(), Table.sig(c.initial(), 6), Table.sig(c.maintenance(), 6), c.explanation());
      }
      indent(components, out);
      Table positions = new Table("<position", "P&L in driving scenario", "IM share");
      for (PositionContribution c : p.contributions()) {
        positions.row(c.symbol(), Table.sig(c.scenarioPnl(), 6), Table.sig(c.initialMargin(), 6));
      }
      indent(positions, out);
    }
    AccountHealth h = r.health();
    out.printf("  total: IM %s USD, MM %s USD, equity %s USD, margin ratio %s%%, available %s USD -> %s%n",
        Table.num(h.initialMarginUsd(), 2), Table.num(h.maintenanceMarginUsd(), 2), Table.num(h.equityUsd(), 2),
        h.marginRatio() == Double.MAX_VALUE ? "inf" : Table.num(100 * h.marginRatio(), 2),
        Table.num(h.availableUsd(), 2), h.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  private static void indent(Table t, PrintWriter out) {
    java.io.StringWriter sw = new java.io.StringWriter();
    t.print(new PrintWriter(sw, true));
    for (String line : sw.toString().split("\n")) {
      out.println("    " + line);
    }
  }
}
