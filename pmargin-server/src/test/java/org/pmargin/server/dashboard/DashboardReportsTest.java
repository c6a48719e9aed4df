package org.pmargin.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.stats.Ewma;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.history.DailyVolumes;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.engine.liquidation.EngineLiquidity;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.CascadeStep;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.engine.replay.LiveCrashReplay;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.demo.DemoWindow;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's cascade and backtest reports: any key may read them (none: 401), 202 while computed, then the
 * numbers against the test's own runs: the grid model's cascade replayed here with the liquidity calibrated here, and
 * the long-BTC book's realised P&amp;L, exception count and margin on sample days from the daily closes.
 */
class DashboardReportsTest {

  static final String ADMIN = "dashboard-reports-admin-key-0123456789abcdef";
  static final int ACCOUNTS = 60;

  @TempDir
  static Path tmp;

  private static Server server;
  private static String trader;
  private static Path data;

  @BeforeAll
  static void start() {
    System.setProperty("pmargin.reports.days", "1");
    System.setProperty("pmargin.reports.accounts", String.valueOf(ACCOUNTS));
    try {
      server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN));
    } finally {
      System.clearProperty("pmargin.reports.days");
      System.clearProperty("pmargin.reports.accounts");
    }
    trader = server.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();
    data = DataDirectory.find(null).orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Polls a report until it is ready (202 before). */
  private static JsonNode ready(String path) throws Exception {
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      var r = Http.call(server.port(), "GET", path, null, trader);
      if (r.status() == 200) {
        return r.body();
      }
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      assertThat(r.body().get("status").asString()).isEqualTo("computing");
      assertThat(r.raw().headers().firstValue("Retry-After")).contains("2");
      assertThat(System.nanoTime()).as("report not ready in 3 minutes").isLessThan(until);
      Thread.sleep(200);
    }
  }

  @Test
  void aKeyIsNeeded() throws Exception {
    for (String p : List.of("/v1/reports/cascade", "/v1/reports/backtest")) {
      assertThat(Http.call(server.port(), "GET", p, null, null).status()).isEqualTo(401);
      assertThat(Http.call(server.port(), "GET", p, null, "pmk_not-a-key").status()).isEqualTo(401);
      assertThat(Http.call(server.port(), "GET", p, null, trader).status()).isIn(200, 202);
    }
  }

  @Test
  void theCascadeIsTheEnginesReplayOfTheDemoWindow() throws Exception {
    JsonNode r = ready("/v1/reports/cascade");
    assertThat(r.get("window").get("id").asString()).isEqualTo("ftx_collapse");
    assertThat(r.get("accounts").asInt()).isEqualTo(ACCOUNTS);
    List<String> names = new ArrayList<>();
    r.get("models").forEach(m -> names.add(m.get("model").asString()));
    assertThat(names).containsExactly("isolated", "cross", "grid:default", "sensitivity");
    int snapshots = r.get("times").size();
    assertThat(snapshots).isEqualTo(95); // one day, a snapshot every 15 minutes
    // the grid model's run, done here: the demo window, the liquidity calibrated from the day before, impact on
    DemoWindow w = DemoWindow.read(data, "ftx_collapse", 1);
    LiquidationConfig liquidation = LiquidationConfig.defaults().withLiquidity(liquidity(w));
    LiveCrashReplay.Summary s = LiveCrashReplay.run(w.bars(), w.volIndex(), MarginModels.byName("grid",
        RiskParameters.defaults()), new LiveCrashReplay.Settings(w.start(), w.end(), Duration.ofMinutes(15), ACCOUNTS,
        6, 14, 1, liquidation, 0.08, 0, ImpactFeedback.defaults()), (x, y) -> { });
    assertThat(s.series()).hasSize(snapshots);
    JsonNode grid = r.get("models").get(2);
    JsonNode t = grid.get("totals");
    assertThat(t.get("accounts_liquidated").asInt()).isEqualTo(s.liquidation().accountsLiquidated());
    assertThat(t.get("steps").asInt()).isEqualTo(s.liquidation().steps());
    assertThat(t.get("notional_closed_usd").asDouble()).isEqualTo(s.liquidation().notionalClosedUsd());
    assertThat(t.get("bad_debt_usd").asDouble()).isEqualTo(s.liquidation().badDebtUsd());
    assertThat(s.liquidation().steps()).as("the crash day liquidates someone under grid").isPositive();
    double cumulative = 0;
    for (int i = 0; i < snapshots; i++) {
      CascadeStep c = s.series().get(i);
      cumulative += c.notionalUsd();
      assertThat(r.get("times").get(i).asString()).isEqualTo(c.time().toString());
      assertThat(grid.get("series").get("notional_liquidated_cumulative_usd").get(i).asDouble())
          .isCloseTo(cumulative, within(1e-6));
      assertThat(grid.get("series").get("accounts_below_mm").get(i).asInt()).isEqualTo(
          c.states().get(HealthState.LIQUIDATABLE) + c.states().get(HealthState.BANKRUPT));
      assertThat(grid.get("series").get("insurance_fund_usd").get(i).asDouble())
          .isEqualTo(c.loss().insuranceFundUsd());
    }
    for (JsonNode m : r.get("models")) {
      int end = 0;
      for (JsonNode n : m.get("end_states")) {
        end += n.asInt();
      }
      assertThat(end).as(m.get("model").asString()).isEqualTo(ACCOUNTS);
      int steps = 0;
      for (JsonNode n : m.get("series").get("steps")) {
        steps += n.asInt();
      }
      assertThat(steps).isEqualTo(m.get("totals").get("steps").asInt());
    }
    assertThat(Http.call(server.port(), "GET", "/v1/reports/cascade", null, trader).body()).isEqualTo(r);
  }

  /** {@code pmargin cascade}'s calibration, written again: 30-day volume and the year's EWMA vol to the day before. */
  private static EngineLiquidity liquidity(DemoWindow w) {
    LocalDate known = w.start().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    Map<Asset, Double> volumes = new TreeMap<>(DailyVolumes.average(data, 30, null, known));
    volumes.keySet().retainAll(w.bars().keySet());
    HistoryStore store = HistoryStore.loadFrom(data);
    Map<Asset, Double> vols = new TreeMap<>();
    for (Asset coin : w.bars().keySet()) {
      double[] v = store.find(HistoryStore.Source.DAILY, coin).orElseThrow().between(known.minusDays(365), known)
          .values();
      double[] r = new double[v.length - 1];
      for (int i = 1; i < v.length; i++) {
        r[i - 1] = Math.log(v[i] / v[i - 1]);
      }
      vols.put(coin, Ewma.riskMetrics().volatility(r));
    }
    return EngineLiquidity.defaults().withCalibration(volumes, vols);
  }

  @Test
  void theBacktestAgainstTheDailyCloses() throws Exception {
    JsonNode r = ready("/v1/reports/backtest");
    JsonNode book = r.get("books").get(0);
    assertThat(book.get("book").asString()).isEqualTo("long_btc_1m");
    PriceSeries btc = HistoryStore.loadFrom(data).find(HistoryStore.Source.DAILY, Asset.BTC).orElseThrow();
    double[] p = btc.values();
    double[] ret = new double[p.length - 1];
    for (int j = 0; j < ret.length; j++) {
      ret[j] = Math.log(p[j + 1] / p[j]);
    }
    double[] vol = Ewma.riskMetrics().volatilities(ret);
    int first = 500 + Ewma.riskMetrics().seedObservations(); // lookback + horizon - 1 + the EWMA's burn-in
    int days = ret.length - first;
    assertThat(book.get("days").asInt()).isEqualTo(days);
    int exceptions = 0;
    for (int d = 0; d < days; d++) {
      int t = first + d;
      double realised = 1e6 * (p[t + 1] / p[t] - 1);
      assertThat(book.get("dates").get(d).asString()).isEqualTo(btc.date(t).toString());
      assertThat(book.get("realised_pnl_usd").get(d).asDouble()).isCloseTo(realised, within(1e-6));
      exceptions += -realised > book.get("var_usd").get(d).asDouble() ? 1 : 0;
    }
    assertThat(book.get("exceptions").asInt()).isEqualTo(exceptions).isPositive();
    for (int d : new int[] {0, days / 2, days - 1}) {
      int t = first + d;
      double[] pnl = new double[500];
      for (int s = 0; s < 500; s++) {
        int j = t - 500 + s;
        pnl[s] = 1e6 * Math.expm1(ret[j] * vol[t] / vol[j]);
      }
      Arrays.sort(pnl);
      double es = 0;
      for (int i = 0; i < 13; i++) { // ⌈500 × 2.5%⌉ = 13 worst
        es -= pnl[i] / 13;
      }
      assertThat(book.get("margin_usd").get(d).asDouble()).as("day %d", d).isCloseTo(es, within(1e-6));
      assertThat(book.get("var_usd").get(d).asDouble()).isCloseTo(-pnl[4], within(1e-6)); // ⌈500 × 1%⌉ = 5th
    }
    assertThat(r.get("books").get(1).get("exposures_usd").get("ETH").asDouble()).isEqualTo(-1e6);
  }
}
