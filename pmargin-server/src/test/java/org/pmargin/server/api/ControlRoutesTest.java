package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.Server;
import org.pmargin.server.recovery.StateDigest;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Http.Reply;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Workload;

/**
 * The risk desk's controls: a parameter change is an event (version + 1, every account re-margined, bad documents
 * refused naming the field, nothing changed), liquidation paused and resumed by events, and after both the state
 * equals an independent replay of the log and the same state comes back after a restart.
 */
class ControlRoutesTest {

  static final String ADMIN = "controls-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  Path tmp;

  private static Reply call(Server s, String method, String path, String body) throws Exception {
    return Http.call(s.port(), method, path, body, ADMIN);
  }

  private static double im(Server s) {
    return s.service().engine().margin("alice").orElseThrow().health().initialMarginUsd();
  }

  @Test
  void shouldVersionParametersPauseLiquidationAndReplayTheSame() throws Exception {
    StoreLocation store = StoreLocation.embedded(tmp);
    String digest;
    try (Server s = Server.start(store, Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      assertThat(call(s, "POST", "/v1/accounts", "{\"client_id\":\"c1\",\"account\":\"alice\"}").status())
          .isEqualTo(200);
      call(s, "POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"c2\",\"asset\":\"USDC\",\"amount\":40000}");
      call(s, "POST", "/v1/accounts/alice/fills", "{\"client_id\":\"c3\",\"instrument\":\"BTC-PERPETUAL\","
          + "\"quantity\":20000,\"price\":65690}");
      double im1 = im(s);
      Reply p1 = call(s, "GET", "/v1/parameters", null);
      assertThat(p1.body().get("version").asLong()).isEqualTo(1);
      assertThat(p1.body().get("model").stringValue()).isEqualTo("grid");

      Reply changed = call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p1\",\"if_version\":1,\"parameters\":"
          + "{\"version\":1,\"grid\":{\"im_factor\":1.5}}}");
      assertThat(changed.status()).as(changed.text()).isEqualTo(200);
      assertThat(changed.body().get("type").stringValue()).isEqualTo("parameters");
      assertThat(changed.body().get("remargined").asInt()).as("every account re-margined").isEqualTo(1);
      assertThat(changed.body().has("margins")).as("kept apart, in the log's margins column").isFalse();
      assertThat(im(s)).isGreaterThan(im1 * 1.4).isLessThanOrEqualTo(im1 * 1.5 + 1e-6);
      Reply p2 = call(s, "GET", "/v1/parameters", null);
      assertThat(p2.body().get("version").asLong()).isEqualTo(2);
      assertThat(p2.body().get("sequence").asLong()).isEqualTo(4);
      assertThat(p2.body().get("parameters").get("grid").get("im_factor").asDouble()).isEqualTo(1.5);

      long seq = s.service().lastSequence();
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p2\",\"parameters\":{\"version\":1,"
          + "\"grid\":{\"im_factor\":1000}}}"), 400, "parameters.grid.im_factor");
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p3\",\"parameters\":{\"version\":1,"
          + "\"grid\":{\"mm_factor\":-1}}}"), 400, "parameters.grid.mm_factor");
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p4\",\"parameters\":{\"version\":1,"
          + "\"grid\":{\"bogus\":1}}}"), 400, "parameters.grid.bogus");
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p5\",\"model\":\"nope\",\"parameters\":"
          + "{\"version\":1}}"), 400, "model");
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p6\",\"parameters\":{}}"), 400,
          "parameters.version");
      assertBad(call(s, "PUT", "/v1/parameters", "{\"client_id\":\"p7\",\"if_version\":1,\"parameters\":"
          + "{\"version\":1}}"), 409, "if_version");
      assertThat(s.service().lastSequence()).as("refused changes are not events").isEqualTo(seq);
      assertThat(call(s, "GET", "/v1/parameters", null).body().get("version").asLong()).isEqualTo(2);

      // Liquidation paused: a crash leaves alice below maintenance margin, queued, not liquidated.
      assertThat(call(s, "POST", "/v1/liquidation/pause", "{\"client_id\":\"l1\"}").status()).isEqualTo(200);
      Reply crash = call(s, "POST", "/v1/market", "{\"client_id\":\"m1\",\"moves\":{\"BTC\":-0.1}}");
      assertThat(s.service().engine().margin("alice").orElseThrow().health().state().name())
          .isIn("LIQUIDATABLE", "BANKRUPT");
      assertThat(crash.body().has("liquidations")).as(crash.text()).isFalse();
      Reply status = call(s, "GET", "/v1/liquidation", null);
      assertThat(status.body().get("paused").asBoolean()).isTrue();
      assertThat(status.body().get("candidates").asInt()).as(status.text()).isEqualTo(1);
      assertThat(s.service().engine().liquidationPaused()).isTrue();
      Reply resumed = call(s, "POST", "/v1/liquidation/resume", "{\"client_id\":\"l2\"}");
      assertThat(resumed.body().has("liquidations") || resumed.body().has("bankruptcies")).as(resumed.text())
          .isTrue();
      assertThat(call(s, "POST", "/v1/liquidation/run", "{\"client_id\":\"l3\"}").status()).isEqualTo(200);
      assertThat(call(s, "GET", "/v1/liquidation", null).body().get("paused").asBoolean()).isFalse();
      call(s, "POST", "/v1/liquidation/pause", "{\"client_id\":\"l4\"}");
      digest = StateDigest.digest(s.service().engine());
    }
    List<String> payloads = new ArrayList<>();
    try (EventStore st = EventStore.open(store)) {
      st.read(0, e -> payloads.add(e.payload()));
    }
    try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
      assertThat(StateDigest.digest(reference)).isEqualTo(digest);
      assertThat(reference.liquidationPaused()).isTrue();
    }
    try (Server s = Server.start(store, Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN))) {
      assertThat(StateDigest.digest(s.service().engine())).isEqualTo(digest);
      assertThat(s.service().engine().liquidationPaused()).isTrue();
      Reply p = call(s, "GET", "/v1/parameters", null);
      assertThat(p.body().get("version").asLong()).isEqualTo(2);
      assertThat(im(s)).isEqualTo(s.service().engine().margin("alice").orElseThrow().health().initialMarginUsd());
    }
  }

  private static void assertBad(Reply r, int status, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.body().get("error").get("field").stringValue()).as(r.text()).isEqualTo(field);
  }
}
