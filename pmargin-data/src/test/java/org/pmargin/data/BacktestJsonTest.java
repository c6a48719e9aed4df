package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.stats.BacktestStatistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The backtest JSON of a hand-built result: the rolling windows' dates and counts worked out by hand. */
class BacktestJsonTest {

  @Test
  void shouldDateTheRollingWindowsOfAHandBuiltRecord() {
    // 260 days from 2024-01-01, VaR 100 every day, exceptions (loss 150) on days 0..4 and 259. Windows end on days
    // 249..259 (11 windows): the first (days 0..249) holds 5, yellow; day 0 leaves at 250 (4), ..., day 4 at 254
    // (0); day 259 enters the last (days 10..259): 1, green. Day 249 is 2024-09-06 (2024 is a leap year), day 259
    // 2024-09-16, day 10 2024-01-11.
    int n = 260;
    List<LocalDate> dates = new ArrayList<>();
    double[] margin = new double[n];
    double[] var = new double[n];
    double[] realised = new double[n];
    boolean[] exceptions = new boolean[n];
    for (int d = 0; d < n; d++) {
      dates.add(LocalDate.of(2024, 1, 1).plusDays(d));
      margin[d] = 120;
      var[d] = 100;
      exceptions[d] = d < 5 || d == 259;
      realised[d] = exceptions[d] ? -150 : 10;
    }
    BacktestResult r = new BacktestResult(dates, margin, var, realised, 0.99, 6, 6,
        BacktestStatistics.kupiec(exceptions, 0.99), BacktestStatistics.christoffersen(exceptions),
        BacktestStatistics.trafficLight(n, 6, 0.99), 120, 1000);
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("directory", "/x");
    JsonNode doc = Json.parse(Json.MAPPER.writeValueAsString(BacktestJson.write(
        new BacktestJson.Settings("historical", 20, 1, 0.975, 0.99), data,
        List.of(new BacktestJson.Book("book", r), new BacktestJson.Book("flat", null)))));
    JsonNode b = doc.get("books").get(0);
    assertThat(b.get("expected_exceptions").asDouble()).isCloseTo(2.6, within(1e-12));
    assertThat(b.get("exception_dates").toString()).isEqualTo("[\"2024-01-01\",\"2024-01-02\",\"2024-01-03\","
        + "\"2024-01-04\",\"2024-01-05\",\"2024-09-16\"]");
    JsonNode rolling = b.get("rolling_zone");
    assertThat(rolling.get("windows").asInt()).isEqualTo(11);
    JsonNode worst = rolling.get("worst");
    assertThat(worst.get("zone").asString()).isEqualTo("yellow");
    assertThat(worst.get("exceptions").asInt()).isEqualTo(5);
    assertThat(worst.get("window_from").asString()).isEqualTo("2024-01-01");
    assertThat(worst.get("window_to").asString()).isEqualTo("2024-09-06");
    assertThat(worst.get("first_reached").asString()).isEqualTo("2024-09-06");
    JsonNode last = rolling.get("last");
    assertThat(last.get("zone").asString()).isEqualTo("green");
    assertThat(last.get("exceptions").asInt()).isEqualTo(1);
    assertThat(last.get("window_from").asString()).isEqualTo("2024-01-11");
    assertThat(last.get("window_to").asString()).isEqualTo("2024-09-16");
    assertThat(rolling.get("windows_in_zone").toString()).isEqualTo("{\"green\":10,\"yellow\":1,\"red\":0}");
    assertThat(b.get("average_margin_fraction").asDouble()).isEqualTo(0.12);
    assertThat(doc.get("data").get("directory").asString()).isEqualTo("/x");
    JsonNode flat = doc.get("books").get(1);
    assertThat(flat.get("status").asString()).isEqualTo("no_exposure");
    assertThat(flat.size()).isEqualTo(2);
  }
}
