package org.pmargin.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's routes: the static files and uPlot open, the read routes for every caller (as {@code AccessTest}
 * does for the others), and their numbers against the margin route and an independent figure (an inverse perpetual's
 * USD P&amp;L is linear in the move: contracts × 10 USD × move).
 */
class DashboardRoutesTest {

  static final String ADMIN = "dashboard-routes-admin-key-0123456789abcdef";

  @TempDir
  static Path tmp;

  private static Server server;
  private static String trader;
  private static String risk;
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN));
    for (String a : List.of("alice", "bob")) {
      post("/v1/accounts", "{" + id() + ",\"account\":\"" + a + "\"}");
      post("/v1/accounts/" + a + "/deposits", "{" + id() + ",\"asset\":\"USDC\",\"amount\":40000}");
    }
    post("/v1/accounts/alice/deposits", "{" + id() + ",\"asset\":\"BTC\",\"amount\":0.5}");
    post("/v1/accounts", "{" + id() + ",\"account\":\"carol\"}");
    post("/v1/accounts/carol/deposits", "{" + id() + ",\"asset\":\"BTC\",\"amount\":2}");
    post("/v1/accounts/alice/fills", "{" + id() + ",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":5000,"
        + "\"price\":65690}");
    post("/v1/accounts/bob/fills", "{" + id() + ",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":20000,"
        + "\"price\":65690}");
    trader = server.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();
    risk = server.keys().create(Role.RISK, Set.of(), "desk").secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String id() {
    return "\"client_id\":\"r-" + IDS.incrementAndGet() + "\"";
  }

  private static void post(String path, String body) throws Exception {
    var r = Http.call(server.port(), "POST", path, body, ADMIN);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  static Stream<Arguments> matrix() {
    // no key, trader (own), trader (other), risk, admin
    return Stream.of(
        Arguments.of("/dashboard/", "/dashboard/", new int[] {200, 200, 200, 200, 200}),
        Arguments.of("/dashboard/app.js", "/dashboard/app.js", new int[] {200, 200, 200, 200, 200}),
        Arguments.of("/webjars/uplot/1.6.30/dist/uPlot.esm.js", "/webjars/uplot/1.6.30/dist/uPlot.esm.js",
            new int[] {200, 200, 200, 200, 200}),
        Arguments.of("/v1/accounts", "/v1/accounts", new int[] {401, 403, 403, 200, 200}),
        Arguments.of("/v1/accounts/alice/view", "/v1/accounts/bob/view", new int[] {401, 200, 404, 200, 200}),
        Arguments.of("/v1/risk", "/v1/risk", new int[] {401, 403, 403, 200, 200}),
        Arguments.of("/v1/accounts/alice/pnl-distribution", "/v1/accounts/bob/pnl-distribution?model=simulation",
            new int[] {401, 200, 404, 200, 200}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void everyCaller(String own, String other, int[] expect) throws Exception {
    String[] keys = {null, trader, trader, risk, ADMIN};
    for (int c = 0; c < keys.length; c++) {
      String path = c == 2 ? other : own;
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + path));
      if (keys[c] != null) {
        b.header("Authorization", "Bearer " + keys[c]);
      }
      int status = CLIENT.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
      assertThat(status).as(path + " caller " + c).isEqualTo(expect[c]);
    }
    var missing = Http.call(server.port(), "GET", "/v1/accounts/nobody/view", null, ADMIN);
    var refused = Http.call(server.port(), "GET", "/v1/accounts/bob/view", null, trader);
    assertThat(refused.text().replace("bob", "X")).isEqualTo(missing.text().replace("nobody", "X"));
  }

  @Test
  void theAccountViewsNumbers() throws Exception {
    JsonNode v = Http.call(server.port(), "GET", "/v1/accounts/alice/view", null, trader).body();
    for (JsonNode m : v.get("models")) {
      if (!m.get("status").asString().equals("ok")) {
        continue;
      }
      JsonNode api = Http.call(server.port(), "GET", "/v1/accounts/alice/margin?model=" + m.get("model").asString()
          .replace(":default", ""), null, trader).body();
      assertThat(m.get("initial_margin_usd").asDouble()).as(m.get("model").asString())
          .isEqualTo(api.get("initial_margin_usd").asDouble());
    }
    assertThat(v.get("models")).hasSize(5);
    JsonNode btc = v.get("collateral").get(0).get("asset").asString().equals("BTC") ? v.get("collateral").get(0)
        : v.get("collateral").get(1);
    assertThat(btc.get("class").asString()).isEqualTo("majors");
    assertThat(btc.get("haircut").asDouble()).isCloseTo(0.05, within(1e-12));
    assertThat(btc.get("counted_usd").asDouble()).isCloseTo(0.95 * btc.get("value_usd").asDouble(), within(1e-6));
    JsonNode g = v.get("greeks").get(0);
    assertThat(g.get("delta").asDouble()).isCloseTo(5000 * 10 / 65690.0, Percentage.withPercentage(1));
    JsonNode rm = v.get("risk_matrix").get(0);
    assertThat(rm.get("underlying").asString()).isEqualTo("BTC");
    for (int i = 0; i < rm.get("vol_shocks").size(); i++) {
      for (int j = 0; j < rm.get("moves").size(); j++) {
        double move = rm.get("moves").get(j).asDouble();
        double pnl = rm.get("pnl_usd").get(i).get(j).asDouble();
        assertThat(pnl).as("move %s", move).isCloseTo(5000 * 10 * move, within(1e-6 + 50000 * Math.abs(move) * 0.01));
      }
    }
    assertThat(rm.get("worst").get("move_index").asInt()).isZero();
    assertThat(v.get("stress")).isNotEmpty();
    assertThat(v.get("last_sequence").asLong()).isEqualTo(Http.call(server.port(), "GET", "/ready", null, null)
        .body().get("last_sequence").asLong()).isPositive();
  }

  @Test
  void theRiskDeskRoutes() throws Exception {
    post("/v1/market", "{" + id() + ",\"moves\":{\"BTC\":-0.09},\"degraded\":[\"ETH\"]}");
    JsonNode list = Http.call(server.port(), "GET", "/v1/accounts", null, risk).body().get("accounts");
    assertThat(list).hasSize(3);
    assertThat(list.get(0).get("margin_ratio").asDouble()).isGreaterThanOrEqualTo(list.get(1).get("margin_ratio")
        .asDouble());
    assertThat(list.get(0).get("account").asString()).isEqualTo("bob");
    JsonNode r = Http.call(server.port(), "GET", "/v1/risk", null, risk).body();
    assertThat(r.get("insurance_fund").get("fund_usd").asDouble()).isPositive();
    assertThat(r.get("feed").get("degraded").get(0).asString()).isEqualTo("ETH");
    int total = 0;
    for (JsonNode n : r.get("accounts_by_state")) {
      total += n.asInt();
    }
    assertThat(total).isEqualTo(3);
    JsonNode eth = null;
    for (JsonNode u : r.get("market").get("underlyings")) {
      if (u.get("underlying").asString().equals("ETH")) {
        eth = u;
      }
    }
    assertThat(eth.get("degraded").asBoolean()).isTrue();
  }

  /**
   * The simulated P&amp;L histogram of an account holding 2 BTC, against the test's own figures: with historical
   * one-day scenarios its P&amp;L in scenario k is 2 × price × (P[k+1] / P[k] − 1) over the daily closes up to the
   * day before the market's time; VaR and ES of those (the m = ⌈n × 2.5%⌉ worst), and the bucket counts.
   */
  @Test
  void theSimulatedPnlDistribution() throws Exception {
    JsonNode d = Http.call(server.port(), "GET", "/v1/accounts/carol/pnl-distribution?scenarios=historical&buckets=30",
        null, risk).body();
    JsonNode view = Http.call(server.port(), "GET", "/v1/accounts/carol/view", null, risk).body();
    double price = view.get("collateral").get(0).get("price_usd").asDouble();
    java.time.LocalDate cut = java.time.Instant.parse(d.get("market_time").asString()).atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1);
    var series = org.pmargin.data.history.HistoryStore.loadFrom(org.pmargin.data.DataDirectory.find(null)
        .orElseThrow()).find(org.pmargin.data.history.HistoryStore.Source.DAILY,
            org.pmargin.core.instrument.Asset.BTC).orElseThrow();
    List<Double> closes = new java.util.ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      if (!series.date(i).isAfter(cut)) {
        closes.add(series.value(i));
      }
    }
    double[] pnl = new double[closes.size() - 1];
    for (int k = 0; k < pnl.length; k++) {
      pnl[k] = 2 * price * (closes.get(k + 1) / closes.get(k) - 1);
    }
    double[] sorted = pnl.clone();
    java.util.Arrays.sort(sorted);
    int m = (int) Math.ceil(pnl.length * 0.025 - 1e-9);
    double es = 0;
    for (int i = 0; i < m; i++) {
      es -= sorted[i] / m;
    }
    assertThat(d.get("scenarios").asInt()).isEqualTo(pnl.length);
    assertThat(d.get("history_to").asString()).isEqualTo(cut.toString());
    assertThat(d.get("confidence").asDouble()).isEqualTo(0.975);
    assertThat(d.get("var_usd").asDouble()).isCloseTo(-sorted[m - 1], within(1e-6));
    assertThat(d.get("es_usd").asDouble()).isCloseTo(es, within(1e-6));
    assertThat(d.get("worst_pnl_usd").asDouble()).isCloseTo(sorted[0], within(1e-6));
    assertThat(d.get("best_pnl_usd").asDouble()).isCloseTo(sorted[sorted.length - 1], within(1e-6));
    assertThat(d.get("es_usd").asDouble()).isGreaterThan(d.get("var_usd").asDouble()).isPositive();
    JsonNode buckets = d.get("buckets");
    assertThat(buckets).hasSize(30);
    double width = (sorted[sorted.length - 1] - sorted[0]) / 30;
    int total = 0;
    for (int b = 0; b < 30; b++) {
      double from = sorted[0] + b * width;
      double to = sorted[0] + (b + 1) * width;
      int count = 0;
      for (double v : pnl) {
        count += v >= from && (v < to || b == 29) ? 1 : 0;
      }
      // a value within rounding of an edge may fall either side: allow one per edge
      assertThat(buckets.get(b).get("count").asInt()).as("bucket %d", b).isCloseTo(count, within(1));
      assertThat(buckets.get(b).get("from_usd").asDouble()).isCloseTo(from, within(1e-6));
      total += buckets.get(b).get("count").asInt();
    }
    assertThat(total).isEqualTo(pnl.length);
    // the configured (filtered) scenarios: the same answer twice, and the model's IM at least its ES
    String first = Http.call(server.port(), "GET", "/v1/accounts/alice/pnl-distribution", null, trader).text();
    String again = Http.call(server.port(), "GET", "/v1/accounts/alice/pnl-distribution", null, trader).text();
    assertThat(again).isEqualTo(first);
    JsonNode f = Http.call(server.port(), "GET", "/v1/accounts/alice/pnl-distribution", null, trader).body();
    assertThat(f.get("scenario_set").asString()).startsWith("filtered");
    assertThat(f.get("initial_margin_usd").asDouble()).isGreaterThanOrEqualTo(f.get("es_usd").asDouble());
    String mc = "/v1/accounts/alice/pnl-distribution?scenarios=monte-carlo";
    assertThat(Http.call(server.port(), "GET", mc, null, trader).text())
        .isEqualTo(Http.call(server.port(), "GET", mc, null, trader).text());
    assertThat(Http.call(server.port(), "GET", "/v1/accounts/alice/pnl-distribution?model=grid", null, trader)
        .status()).isEqualTo(400);
    assertThat(Http.call(server.port(), "GET", "/v1/accounts/alice/pnl-distribution?buckets=2", null, trader)
        .text()).contains("\"field\":\"buckets\"");
  }
}
