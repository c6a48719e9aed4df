package org.pmargin.cli;

import java.io.PrintWriter;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.valuation.PortfolioGreeks;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.UnderlyingGreeks;

/**
 * Prints an account's valuation and Greeks as tables for people: vega per vol point, theta per day, dollar gamma
 * per 1% move (the JSON output keeps plain mathematical units).
 */
final class GreeksReport {

  private GreeksReport() {
  }

  static void print(PortfolioGreeks g, PrintWriter out) {
    Table positions = new Table("<instrument", "quantity", "<ccy", "mark", "upnl", "value USD", "delta",
        "gamma", "vega/vol-pt", "theta/day", "ccy delta");
    for (PositionValuation v : g.positions()) {
      positions.row(v.position().instrument().symbol(), Table.sig(v.position().quantity(), 6),
          v.settlementAsset().code(), Table.sig(v.markPrice(), 6), Table.sig(v.unrealisedPnl(), 5),
          Table.num(v.valueUsd(), 2), Table.sig(v.delta(), 5), Table.sig(v.gamma(), 4),
          Table.num(v.vega() / 100, 2), Table.num(v.theta() / YearFraction.DAYS_PER_YEAR, 2),
          Table.sig(v.settlementDelta(), 5));
    }
    positions.print(out);
    out.println();
    Table totals = new Table("<underlying", "index", "delta (coin)", "cash delta USD", "$gamma/1%",
        "vega/vol-pt", "theta/day", "of which balance", "coin-pool delta");
    for (UnderlyingGreeks u : g.byUnderlying()) {
      totals.row(u.underlying().code(), Table.num(u.index(), 2), Table.sig(u.delta(), 6),
          Table.num(u.cashDelta(), 0), Table.num(u.dollarGamma(), 0), Table.num(u.vega() / 100, 0),
          Table.num(u.theta() / YearFraction.DAYS_PER_YEAR, 0), Table.sig(u.collateralDelta(), 6),
          Table.sig(u.coinPoolDelta(), 6));
    }
    totals.print(out);
  }
}
