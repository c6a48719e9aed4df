package org.pmargin.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import org.pmargin.server.Server;
import org.pmargin.server.recovery.StateDigest;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreLocation;
import tools.jackson.databind.JsonNode;

/**
 * {@code pmargin serve --demo} on the shipped data: a small population through the service, then four days of the
 * FTX collapse at hourly steps as fast as the machine goes; the log must hold every account's events and market
 * events that liquidated accounts, and a restart must recover the same state.
 */
class ServeDemoTest {

  private static final String ADMIN = "demo-test-admin-key-0123456789abcdef-0123";

  @TempDir
  Path tmp;

  @Test
  void shouldLoadThePopulationAndLiquidateDuringTheFtxCrashThroughTheLog() throws Exception {
    DemoWindow window = DemoWindow.read(DataDirectory.shipped().orElseThrow(), DemoWindow.DEFAULT, 4);
    assertThat(window.bars().keySet()).extracting(a -> a.code()).containsExactly("BTC", "ETH");
    var settings = ServeDemo.settings(window, "grid", "refuse");
    assertThat(settings.market().underlyings().get(org.pmargin.core.instrument.Asset.BTC).index())
        .isEqualTo(window.market().underlying(org.pmargin.core.instrument.Asset.BTC).index());
    StoreLocation location = StoreLocation.embedded(tmp.resolve("demo"));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    DemoReplay.Replayed r;
    String digest;
    long last;
    try (Server server = Server.start(location, settings, "127.0.0.1", 0, Optional.of(ADMIN))) {
      ServeDemo.requireFresh(server.service(), settings);
      r = ServeDemo.run(server, "127.0.0.1", ADMIN, window, new ServeDemo.Population(150, 4, 7),
          new DemoReplay.Pace(Duration.ofHours(1), 1e9), new PrintStream(text, true, StandardCharsets.UTF_8));
      digest = StateDigest.digest(server.service().engine());
      last = server.service().lastSequence();
      assertThat(server.service().engine().accountCount()).isEqualTo(150);
    }
    // 4 days 00:00..23:45 at hourly steps after the start: 95 snapshots.
    assertThat(r.steps()).isEqualTo(95);
    assertThat(r.liquidationSteps()).isPositive();
    assertThat(r.liquidatedAccounts()).isPositive();
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("loading 150 accounts").contains("LIQUIDATED").contains("replay done: 95 snapshots");

    Map<String, Integer> byType = new HashMap<>();
    Set<String> created = new HashSet<>();
    Set<String> liquidatedInLog = new HashSet<>();
    try (EventStore store = EventStore.open(location)) {
      assertThat(store.count()).isEqualTo(last);
      store.read(0, e -> {
        byType.merge(e.type(), 1, Integer::sum);
        JsonNode p = Json.parse(e.payload());
        if (e.type().equals("fill") || e.type().equals("create") || e.type().equals("deposit")) {
          assertThat(Json.parse(e.answer()).get("accepted").asBoolean()).as(e.answer()).isTrue();
        }
        if (e.type().equals("create")) {
          created.add(p.get("account").asString());
        }
        for (JsonNode l : Json.parse(e.answer()).path("liquidations")) {
          assertThat(e.type()).as("liquidated by the crash, not while loading").isEqualTo("market");
          liquidatedInLog.add(l.get("account").asString());
        }
      });
    }
    assertThat(created).hasSize(150).contains("acc-0", "acc-149");
    assertThat(byType).containsEntry("create", 150).containsEntry("deposit", 150).containsEntry("fill", 600)
        .containsEntry("withdraw", 150)
        .containsEntry("market", 95);
    assertThat(liquidatedInLog).hasSize(r.liquidatedAccounts());

    // A restart replays the log to the same state, and the demo refuses the store now that it holds events.
    try (MarginService again = MarginService.open(location, settings, MarginService.Options.defaults())) {
      assertThat(StateDigest.digest(again.engine())).isEqualTo(digest);
      assertThatThrownBy(() -> ServeDemo.requireFresh(again, settings)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("holds " + last + " events");
    }
  }
}
