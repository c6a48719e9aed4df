package org.pmargin.server.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.market.FlatSmile;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.validation.Checks;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.oracle.HourlyBarFeed;
import org.pmargin.engine.oracle.Oracle;
import org.pmargin.engine.oracle.OracleConfig;
import org.pmargin.engine.oracle.OracleUpdate;
import org.pmargin.engine.oracle.PriceFeed;
import org.pmargin.engine.replay.LiveCrashReplay;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays a crash window live through the service's market route: the window's hourly bars are oracle ticks
 * ({@link HourlyBarFeed}, one source, as {@link LiveCrashReplay} runs them: {@code min_sources} 1, staleness 2
 * hours), and at every step the oracle's snapshot becomes one {@code POST /v1/market} (the index moves relative to
 * the service's current market, the vol factor to the previous day's DVOL close, the market time, and the
 * underlyings the oracle holds as {@code degraded}), paced at {@code speed} market seconds per wall second. The
 * engine re-margins and liquidates as it always does; each market hour prints a line.
 */
public final class DemoReplay {

  /**
   * The replay's pace and step.
   *
   * @param step  market time between snapshots, &gt; 0
   * @param speed  market seconds per wall-clock second, &gt; 0 (3,600: an hour a second)
   */
  public record Pace(Duration step, double speed) {

    /** Validates. */
    public Pace {
      Checks.notNull(step, "step");
      Checks.require(step.isPositive(), "step", "must be > 0, got " + step);
      Checks.require(speed > 0 && Double.isFinite(speed), "demo_speed", "must be > 0, got " + speed);
    }
  }

  /** What the replay did. */
  public record Replayed(int steps, int liquidationSteps, int liquidatedAccounts, int bankruptcies,
      Map<HealthState, Integer> endStates) {
  }

  private DemoReplay() {
  }

  /**
   * Runs the replay.
   *
   * @param base  the server's address, e.g. http://127.0.0.1:8080
   * @param adminKey  an admin API key (the market route is admin only)
   * @param window  the window
   * @param market  the service's current market (the moves are relative to it)
   * @param margins  the accounts' current margins (for the hourly line)
   * @param pace  the pace
   * @param out  where the hourly lines go
   * @return what it did
   * @throws IllegalStateException when a market event is refused
   * @throws InterruptedException when interrupted while pacing
   */
  public static Replayed run(URI base, String adminKey, DemoWindow window, Supplier<MarketSnapshot> market,
      Supplier<List<AccountMargin>> margins, Pace pace, PrintStream out) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Oracle oracle = new Oracle(window.market(), OracleConfig.defaults().withMinSources(1)
        .withStaleness(Duration.ofHours(2)));
    List<PriceFeed> feeds = new ArrayList<>();
    window.bars().forEach((coin, bars) -> feeds.add(new HourlyBarFeed("binance", coin, bars)));
    Map<Asset, Double> first = new LinkedHashMap<>();
    window.market().underlyings().values().forEach(u -> first.put(u.underlying(), u.index()));
    long sleepNanos = (long) (pace.step().toNanos() / pace.speed());
    int steps = 0;
    int hourSteps = 0;
    int liquidationSteps = 0;
    Set<String> liquidated = new java.util.HashSet<>();
    Set<String> hourAccounts = new java.util.HashSet<>();
    int bankrupt = 0;
    long next = System.nanoTime();
    for (Instant t = window.start().plus(pace.step()); !t.isAfter(window.end()); t = t.plus(pace.step())) {
      for (PriceFeed f : feeds) {
        oracle.acceptAll(f.poll(t));
      }
      OracleUpdate u = oracle.update(t);
      JsonNode answer = post(http, base, adminKey, request(window, market.get(), u, t));
      steps++;
      for (JsonNode l : answer.path("liquidations")) {
        liquidationSteps++;
        hourSteps++;
        liquidated.add(l.path("account").asString());
        hourAccounts.add(l.path("account").asString());
      }
      bankrupt += answer.path("bankruptcies").size();
      if (t.getEpochSecond() / 3600 != t.plus(pace.step()).getEpochSecond() / 3600) { // the hour's last step
        out.println(line(t, market.get(), first, count(margins.get()), hourSteps, hourAccounts.size()));
        hourSteps = 0;
        hourAccounts.clear();
      }
      next += sleepNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    return new Replayed(steps, liquidationSteps, liquidated.size(), bankrupt, count(margins.get()));
  }

  /** The market request for one oracle update: moves and vol factors relative to the service's market. */
  static ObjectNode request(DemoWindow window, MarketSnapshot current, OracleUpdate u, Instant t) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("client_id", "demo-market-" + t);
    ObjectNode moves = n.putObject("moves");
    ObjectNode vols = n.putObject("vol_factors");
    for (UnderlyingMarket m : u.snapshot().underlyings().values()) {
      UnderlyingMarket now = current.underlying(m.underlying());
      double move = m.index() / now.index() - 1;
      if (move != 0) {
        moves.put(m.underlying().code(), move);
      }
      double vol = LiveCrashReplay.vol(window.volIndex(), m.underlying(), t);
      double have = ((FlatSmile) now.vols().slices().get(0).smile()).vol();
      if (vol != have) {
        vols.put(m.underlying().code(), vol / have);
      }
    }
    n.put("at", t.toString());
    var degraded = n.putArray("degraded");
    MarketUpdate.from(u).degraded().stream().map(Asset::code).sorted().forEach(degraded::add);
    return n;
  }

  private static JsonNode post(HttpClient http, URI base, String key, ObjectNode body) throws InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(base.resolve("/v1/market")).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            Json.MAPPER.writeValueAsString(body))).build();
    HttpResponse<String> resp;
    try {
      resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("POST /v1/market failed", e);
    }
    if (resp.statusCode() != 200) {
      throw new IllegalStateException("POST /v1/market at " + body.path("at").asString() + " answered "
          + resp.statusCode() + ": " + resp.body());
    }
    return Json.parse(resp.body());
  }

  private static Map<HealthState, Integer> count(List<AccountMargin> margins) {
    Map<HealthState, Integer> out = new EnumMap<>(HealthState.class);
    for (HealthState h : HealthState.values()) {
      out.put(h, 0);
    }
    margins.forEach(m -> out.merge(m.health().state(), 1, Integer::sum));
    return out;
  }

  private static String line(Instant t, MarketSnapshot s, Map<Asset, Double> first, Map<HealthState, Integer> c,
      int steps, int accounts) {
    StringBuilder sb = new StringBuilder(t.toString().substring(0, 16).replace('T', ' '));
    first.forEach((coin, p0) -> {
      double p = s.underlying(coin).index();
      sb.append(String.format(Locale.ROOT, "  %s %,.0f (%+.1f%%)", coin, p, (p / p0 - 1) * 100));
    });
    sb.append(String.format(Locale.ROOT, "  healthy %d, margin call %d, liquidatable %d, bankrupt %d",
        c.get(HealthState.HEALTHY), c.get(HealthState.MARGIN_CALL), c.get(HealthState.LIQUIDATABLE),
        c.get(HealthState.BANKRUPT)));
    if (steps > 0) {
      sb.append(String.format(Locale.ROOT, "  LIQUIDATED %d accounts in %d steps", accounts, steps));
    }
    return sb.toString();
  }
}
