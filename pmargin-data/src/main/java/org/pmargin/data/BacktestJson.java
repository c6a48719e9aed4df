package org.pmargin.data;

import java.time.LocalDate;
import java.util.List;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.stats.BacktestStatistics;
import org.pmargin.core.stats.RollingTrafficLight;
import org.pmargin.core.validation.Checks;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes backtest results as JSON (format in {@code docs/FORMATS.md}, section "Backtest output"): per book the
 * exceptions, Kupiec's, Christoffersen's and the conditional coverage test statistics and p-values, the whole-period
 * zone and the Basel zone over rolling 250-day windows (worst and last, with their dates), the margin breaches and
 * the average margin, all at full precision; with the data directory the backtest read.
 */
public final class BacktestJson {

  /** The version of the backtest output format. */
  public static final int VERSION = 1;

  private BacktestJson() {
  }

  /**
   * How the backtest was run.
   *
   * @param scenarios  {@code historical}, {@code filtered} or {@code revaluation} (prices and DVOL, full revaluation)
   * @param lookbackDays  scenarios per margin date
   * @param horizonDays  the margin period of risk
   * @param esConfidence  the margin's ES confidence
   * @param varConfidence  the VaR confidence exceptions are counted against
   */
  public record Settings(String scenarios, int lookbackDays, int horizonDays, double esConfidence,
      double varConfidence) {
  }

  /**
   * One backtested book.
   *
   * @param book  the account's id
   * @param result  the backtest, or null when the book has no delta exposure to backtest
   */
  public record Book(String book, BacktestResult result) {
  }

  /**
   * The document.
   *
   * @param settings  how the backtest was run
   * @param data  the {@code data} object ({@link ProvenanceJson#write})
   * @param books  the books in the table's order
   * @return the document
   */
  public static ObjectNode write(Settings settings, ObjectNode data, List<Book> books) {
    Checks.notNull(settings, "settings");
    Checks.notNull(books, "books");
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("scenarios", settings.scenarios());
    o.put("lookback_days", settings.lookbackDays());
    o.put("horizon_days", settings.horizonDays());
    o.put("es_confidence", settings.esConfidence());
    o.put("var_confidence", settings.varConfidence());
    o.put("currency", "USD");
    o.set("data", data);
    ArrayNode out = o.putArray("books");
    for (Book b : books) {
      ObjectNode n = out.addObject();
      n.put("book", b.book());
      if (b.result() == null) {
        n.put("status", "no_exposure");
        continue;
      }
      n.put("status", "ok");
      book(n, b.result());
    }
    return o;
  }

  private static void book(ObjectNode n, BacktestResult r) {
    List<LocalDate> dates = r.dates();
    n.put("days", r.observations());
    n.put("from", dates.get(0).toString());
    n.put("to", dates.get(dates.size() - 1).toString());
    n.put("exceptions", r.exceptions());
    n.put("expected_exceptions", r.observations() * (1 - r.varConfidence()));
    ArrayNode exceptionDates = n.putArray("exception_dates");
    boolean[] e = r.exceptionDays();
    for (int d = 0; d < e.length; d++) {
      if (e[d]) {
        exceptionDates.add(dates.get(d).toString());
      }
    }
    n.put("margin_breaches", r.marginBreaches());
    test(n.putObject("kupiec"), r.kupiec(), 1);
    test(n.putObject("christoffersen_independence"), r.christoffersen(), 1);
    test(n.putObject("conditional_coverage"), r.conditionalCoverage(), 2);
    n.put("zone", ProvenanceJson.name(r.zone()));
    ObjectNode rolling = n.putObject("rolling_zone");
    rolling.put("window_days", RollingTrafficLight.BASEL_WINDOW);
    r.rollingZone().ifPresentOrElse(z -> rolling(rolling, z, dates), () -> {
      rolling.put("status", "not_enough_days");
      rolling.put("reason", "the backtest has " + r.observations() + " days, fewer than the "
          + RollingTrafficLight.BASEL_WINDOW + " of one window");
    });
    n.put("average_margin_usd", r.averageMargin());
    n.put("average_exposure_usd", r.averageExposure());
    n.put("average_margin_fraction", r.averageMargin() / r.averageExposure());
  }

  private static void test(ObjectNode n, BacktestStatistics.LikelihoodRatio lr, int degreesOfFreedom) {
    n.put("statistic", lr.statistic());
    n.put("p_value", lr.pValue());
    n.put("degrees_of_freedom", degreesOfFreedom);
  }

  private static void rolling(ObjectNode n, RollingTrafficLight z, List<LocalDate> dates) {
    n.put("status", "ok");
    n.put("windows", z.windows());
    n.put("yellow_from", z.yellowFrom());
    n.put("red_from", z.redFrom());
    ObjectNode worst = n.putObject("worst");
    worst.put("zone", ProvenanceJson.name(z.worst()));
    worst.put("exceptions", z.worstExceptions());
    window(worst, z, z.worstEnd(), dates);
    worst.put("first_reached", dates.get(z.firstEndIn(z.worst())).toString());
    ObjectNode last = n.putObject("last");
    last.put("zone", ProvenanceJson.name(z.last()));
    last.put("exceptions", z.lastExceptions());
    window(last, z, z.lastEnd(), dates);
    ObjectNode in = n.putObject("windows_in_zone");
    for (BacktestStatistics.Zone zone : BacktestStatistics.Zone.values()) {
      in.put(ProvenanceJson.name(zone), z.windowsIn(zone));
    }
  }

  private static void window(ObjectNode n, RollingTrafficLight z, int end, List<LocalDate> dates) {
    n.put("window_from", dates.get(end - z.window() + 1).toString());
    n.put("window_to", dates.get(end).toString());
  }
}
