package org.pmargin.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.backtest.ExposureBacktest;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.history.HistoryStore;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backtest report ({@code GET /v1/reports/backtest}): the core's {@link ExposureBacktest} on the data
 * directory's daily closes, as {@code pmargin backtest} runs it (filtered historical scenarios, 500 days of lookback,
 * a one-day horizon, ES 97.5% margin, exceptions against VaR 99%), for two books of constant USD delta: one million
 * long BTC, and one million long BTC against one million short ETH. Per book the statistics of the command's table and
 * the series of its plot: margin, VaR and realised P&amp;L per day.
 */
final class BacktestReport {

  /** The margin's ES confidence. */
  static final double ES_CONFIDENCE = 0.975;
  /** The VaR confidence exceptions are counted against. */
  static final double VAR_CONFIDENCE = 0.99;
  /** The books: name to USD exposure per coin. */
  static final Map<String, Map<Asset, Double>> BOOKS = books();

  private BacktestReport() {
  }

  private static Map<String, Map<Asset, Double>> books() {
    Map<String, Map<Asset, Double>> out = new LinkedHashMap<>();
    out.put("long_btc_1m", Map.of(Asset.BTC, 1_000_000.0));
    Map<Asset, Double> spread = new LinkedHashMap<>();
    spread.put(Asset.BTC, 1_000_000.0);
    spread.put(Asset.ETH, -1_000_000.0);
    out.put("btc_long_eth_short_1m", spread);
    return out;
  }

  static ObjectNode run(HistoryStore history, int lookback) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    ObjectNode settings = out.putObject("settings");
    settings.put("scenarios", "filtered").put("lookback", lookback).put("horizon_days", 1)
        .put("es_confidence", ES_CONFIDENCE).put("var_confidence", VAR_CONFIDENCE);
    ArrayNode books = out.putArray("books");
    for (Map.Entry<String, Map<Asset, Double>> b : BOOKS.entrySet()) {
      List<PriceSeries> series = new ArrayList<>();
      for (Asset a : b.getValue().keySet()) {
        series.add(history.find(HistoryStore.Source.DAILY, a).orElseThrow(() -> new InvalidInputException("history",
            "no daily price history for " + a)));
      }
      BacktestResult r = ExposureBacktest.run(AlignedHistory.of(series), b.getValue(), lookback, 1, ES_CONFIDENCE,
          VAR_CONFIDENCE, true, null);
      books.add(book(b.getKey(), b.getValue(), r));
    }
    return out;
  }

  private static ObjectNode book(String name, Map<Asset, Double> exposures, BacktestResult r) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("book", name);
    ObjectNode e = n.putObject("exposures_usd");
    exposures.forEach((a, v) -> e.put(a.code(), v));
    n.put("days", r.observations());
    n.put("from", r.dates().get(0).toString());
    n.put("to", r.dates().get(r.observations() - 1).toString());
    n.put("exceptions", r.exceptions());
    n.put("expected_exceptions", r.observations() * (1 - r.varConfidence()));
    n.put("margin_breaches", r.marginBreaches());
    n.put("zone", r.zone().name().toLowerCase(Locale.ROOT));
    r.rollingZone().ifPresent(z -> n.putObject("rolling_250d").put("worst", z.worst().name().toLowerCase(Locale.ROOT))
        .put("worst_exceptions", z.worstExceptions()).put("worst_end", r.dates().get(z.worstEnd()).toString())
        .put("last", z.last().name().toLowerCase(Locale.ROOT)).put("last_exceptions", z.lastExceptions()));
    n.put("kupiec_p", r.kupiec().pValue());
    n.put("christoffersen_p", r.christoffersen().pValue());
    n.put("conditional_coverage_p", r.conditionalCoverage().pValue());
    n.put("average_margin_usd", r.averageMargin());
    n.put("average_margin_of_exposure", r.averageMargin() / r.averageExposure());
    ArrayNode dates = n.putArray("dates");
    ArrayNode margin = n.putArray("margin_usd");
    ArrayNode var = n.putArray("var_usd");
    ArrayNode pnl = n.putArray("realised_pnl_usd");
    for (int d = 0; d < r.observations(); d++) {
      dates.add(r.dates().get(d).toString());
      margin.add(r.margin()[d]);
      var.add(r.var()[d]);
      pnl.add(r.realisedPnl()[d]);
    }
    return n;
  }
}
