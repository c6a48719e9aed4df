package org.pmargin.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.server.service.Command;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Crash recovery with a real process: the server runs as a child JVM, four clients drive events into it over
 * HTTP, it is killed with SIGKILL at a seeded random point while requests are in flight, and restarted on the same
 * store. The server writes a snapshot every 100 events ({@code -Dpmargin.snapshotEvery}), and the kill comes after
 * one is in the store, so the restart is a snapshot and the log after it (the server's log says which). Then: every
 * acknowledged event is in the log with its sequence and answer; every logged event that was not
 * acknowledged was in flight at the kill (none is invented or half-applied); the log is gap-free; and the margins
 * of every account equal, bit for bit, an independent replay of the clients' own requests in the log's order.
 */
class KillNineRecoveryTest {

  private static final int ACCOUNTS = 10;

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldRecoverExactlyTheAcknowledgedEventsAfterKillNine(Stores.Kind kind) throws Exception {
    long seed = 15 + kind.ordinal();
    List<Command> commands = Workload.generate(seed, ACCOUNTS, 700, "k" + seed + "-");
    int killAfter = 200 + new SplittableRandom(seed).nextInt(300);
    Map<String, Command> byId = new HashMap<>();
    commands.forEach(c -> byId.put(c.clientId(), c));
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      List<String> storeArgs = kind == Stores.Kind.SQLITE ? List.of("--store-dir", tmp.resolve("store").toString())
          : List.of("--db", t.location().jdbcUrl());
      Path log = tmp.resolve("server.log");

      ServerProcess first = ServerProcess.start(storeArgs, log);
      Map<String, JsonNode> acked = new ConcurrentHashMap<>();
      for (Command c : commands.subList(0, 2 * ACCOUNTS)) {
        acked.put(c.clientId(), send(first.port(), c));
      }
      AtomicInteger next = new AtomicInteger(2 * ACCOUNTS);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        running.add(clients.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < commands.size()) {
            Command c = commands.get(i);
            try {
              acked.put(c.clientId(), send(first.port(), c));
            } catch (IOException | InterruptedException e) {
              return; // the server is gone: this request's fate is unknown to the client
            }
          }
        }));
      }
      while (acked.size() < killAfter || snapshots(t.location()).isEmpty()) {
        Thread.sleep(1);
      }
      first.kill();
      List<Long> held = snapshots(t.location());
      assertThat(held).isNotEmpty();
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
      int sent = Math.min(next.get(), commands.size());
      assertThat(acked.size()).isGreaterThanOrEqualTo(killAfter).isLessThan(sent);

      ServerProcess second = ServerProcess.start(storeArgs, log);
      try {
        // the restart went from the latest snapshot (the kill may have cut a later one short: then an older one)
        List<String> recovered = java.nio.file.Files.readAllLines(log).stream()
            .filter(l -> l.contains("recovered to event")).toList();
        assertThat(recovered).hasSize(2);
        assertThat(recovered.get(1)).containsPattern("from the snapshot after event (" + held.stream()
            .map(String::valueOf).collect(java.util.stream.Collectors.joining("|")) + ") and");
        List<JsonNode> logged = events(second.port());
        assertThat(logged).extracting(e -> e.get("sequence").asLong())
            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, logged.size()).boxed().toList());
        Map<String, JsonNode> loggedById = new HashMap<>();
        for (JsonNode e : logged) {
          loggedById.put(e.get("client_id").stringValue(), e);
        }
        // Every acknowledged event is there, with its sequence and the very answer the client got.
        for (Map.Entry<String, JsonNode> a : acked.entrySet()) {
          assertThat(loggedById).containsKey(a.getKey());
          assertThat(loggedById.get(a.getKey()).get("answer")).isEqualTo(a.getValue());
        }
        // Nothing else but requests in flight at the kill (sent, not answered).
        int unacknowledged = logged.size() - acked.size();
        assertThat(unacknowledged).isBetween(0, sent - acked.size());
        // The state equals an independent replay of the clients' own requests, in the log's order.
        List<String> payloads = new ArrayList<>();
        for (JsonNode e : logged) {
          Command mine = byId.get(e.get("client_id").stringValue());
          assertThat(mine).as("a logged event no client sent: %s", e).isNotNull();
          payloads.add(mine.payload());
        }
        try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
          assertThat(reference.accountCount()).isEqualTo(ACCOUNTS);
          for (AccountMargin m : reference.margins()) {
            JsonNode got = get(second.port(), "/v1/accounts/" + m.accountId()).get("margin");
            assertThat(bits(got.get("equity_usd").asDouble())).as(m.accountId())
                .isEqualTo(bits(m.health().equityUsd()));
            assertThat(bits(got.get("initial_margin_usd").asDouble())).isEqualTo(bits(m.health().initialMarginUsd()));
            assertThat(bits(got.get("maintenance_margin_usd").asDouble()))
                .isEqualTo(bits(m.health().maintenanceMarginUsd()));
            assertThat(got.get("state").stringValue()).isEqualTo(m.health().state().name().toLowerCase());
          }
        }
        // A client retrying what was in flight: committed ones answer as first, the others apply now.
        for (Command c : commands.subList(0, sent)) {
          if (!acked.containsKey(c.clientId())) {
            HttpResponse<String> r = post(second.port(), c);
            assertThat(r.headers().firstValue("Idempotent-Replayed").isPresent())
                .isEqualTo(loggedById.containsKey(c.clientId()));
          }
        }
      } finally {
        second.stop();
      }
    }
  }

  /** The snapshots in the store, latest first, read directly from the database. */
  private static List<Long> snapshots(org.pmargin.server.store.StoreLocation location) throws java.sql.SQLException {
    List<Long> out = new ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.jdbcUrl());
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT seq FROM snapshots ORDER BY seq DESC")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private JsonNode send(int port, Command c) throws IOException, InterruptedException {
    HttpResponse<String> r = post(port, c);
    assertThat(r.statusCode()).as(r.body()).isIn(200, 422);
    return Json.parse(r.body());
  }

  private HttpResponse<String> post(int port, Command c) throws IOException, InterruptedException {
    ObjectNode body = (ObjectNode) Json.parse(c.payload());
    String type = body.remove("type").stringValue();
    String path = switch (type) {
      case "create" -> "/v1/accounts";
      case "market" -> "/v1/market";
      default -> "/v1/accounts/" + body.remove("account").stringValue() + switch (type) {
        case "deposit" -> "/deposits";
        case "withdraw" -> "/withdrawals";
        default -> "/fills";
      };
    };
    body.put("client_id", c.clientId());
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-API-Key", ServerProcess.ADMIN_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ServerProcess.ADMIN_KEY).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  private List<JsonNode> events(int port) throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      JsonNode page = get(port, "/v1/events?limit=1000&after=" + out.size());
      if (page.get("events").isEmpty()) {
        return out;
      }
      page.get("events").forEach(out::add);
    }
  }
}
