package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Scrape;
import org.pmargin.server.support.Workload;

/** {@code /metrics} after known traffic: every counter, gauge and histogram count equals what was sent. */
class MetricsTest {

  static final String ADMIN = "metrics-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  Path tmp;

  @Test
  void shouldCountWhatTheTrafficDid() throws Exception {
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      int port = s.port();
      String risk = s.keys().create(Role.RISK, Set.of(), "risk").secret();
      String trader = s.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();
      for (String a : new String[] {"alice", "bob"}) {
        assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c-" + a + "\",\"account\":\"" + a
            + "\"}", ADMIN).status()).isEqualTo(200);
        assertThat(Http.call(port, "POST", "/v1/accounts/" + a + "/deposits", "{\"client_id\":\"d-" + a
            + "\",\"asset\":\"USDC\",\"amount\":40000}", ADMIN).status()).isEqualTo(200);
      }
      assertThat(Http.call(port, "POST", "/v1/accounts/alice/fills", "{\"client_id\":\"f1\",\"instrument\":"
          + "\"BTC-PERPETUAL\",\"quantity\":20000,\"price\":65690}", ADMIN).status()).isEqualTo(200);
      // alice: IM 33,987.68 > 40,000 - 39,000: refused by the engine (422, logged).
      assertThat(Http.call(port, "POST", "/v1/accounts/alice/withdrawals", "{\"client_id\":\"w1\",\"asset\":"
          + "\"USDC\",\"amount\":39000}", ADMIN).status()).isEqualTo(422);
      assertThat(Http.call(port, "POST", "/v1/market", "{\"client_id\":\"m1\",\"moves\":{\"BTC\":-0.05},"
          + "\"degraded\":[\"ETH\"]}", ADMIN).status()).isEqualTo(200);
      // Refusals: 2 x 400, 1 x 401, 2 x 403, 1 x 404, 1 x 409.
      assertThat(Http.call(port, "POST", "/v1/accounts/bob/deposits", "{\"client_id\":\"x1\",\"asset\":\"USDC\","
          + "\"amount\":-1}", ADMIN).status()).isEqualTo(400);
      assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"x2\"", ADMIN).status()).isEqualTo(400);
      assertThat(Http.call(port, "GET", "/v1/accounts/alice", null, null).status()).isEqualTo(401);
      assertThat(Http.call(port, "GET", "/metrics", null, trader).status()).isEqualTo(403);
      assertThat(Http.call(port, "POST", "/v1/market", "{\"client_id\":\"x3\"}", risk).status()).isEqualTo(403);
      assertThat(Http.call(port, "GET", "/v1/accounts/carol", null, ADMIN).status()).isEqualTo(404);
      assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c-alice\",\"account\":\"zed\"}", ADMIN)
          .status()).isEqualTo(409);

      Http.Reply r = Http.call(port, "GET", "/metrics", null, risk);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      String m = r.text();
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "code=\"invalid_input\"", "status=\"400\""))
          .isEqualTo(2);
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "code=\"unauthenticated\"", "status=\"401\""))
          .isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "code=\"forbidden\"", "status=\"403\""))
          .isEqualTo(2);
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "code=\"not_found\"", "status=\"404\""))
          .isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "code=\"client_id_conflict\"",
          "status=\"409\"")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_requests_rejected_total", "status=\"422\"")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_remargin_seconds_count", "event=\"create\"")).isEqualTo(2);
      assertThat(Scrape.value(m, "pmargin_remargin_seconds_count", "event=\"deposit\"")).isEqualTo(2);
      assertThat(Scrape.value(m, "pmargin_remargin_seconds_count", "event=\"fill\"")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_remargin_seconds_count", "event=\"withdraw\"")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_remargin_seconds_count", "event=\"market\"")).isEqualTo(1);
      // 7 events, in batches whose sizes add up to 7.
      assertThat(Scrape.value(m, "pmargin_event_log_batch_size_sum")).isEqualTo(7);
      assertThat(Scrape.value(m, "pmargin_event_log_commit_seconds_count"))
          .isEqualTo(Scrape.value(m, "pmargin_event_log_batch_size_count")).isBetween(1.0, 7.0);
      assertThat(Scrape.value(m, "pmargin_event_log_last_committed_sequence")).isEqualTo(7);
      assertThat(Scrape.value(m, "pmargin_event_log_last_applied_sequence")).isEqualTo(7);
      assertThat(Scrape.value(m, "pmargin_event_log_lag_events")).isZero();
      // After BTC -5%, alice (IM 33,988 on 40,000 with 20,000 BTC perpetual contracts) is in a margin call.
      var alice = s.service().engine().margin("alice").orElseThrow().health().state().name().toLowerCase();
      assertThat(Scrape.value(m, "pmargin_accounts", "state=\"" + alice + "\"")).isGreaterThanOrEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_accounts", "state=\"healthy\"")
          + Scrape.value(m, "pmargin_accounts", "state=\"margin_call\"")
          + Scrape.value(m, "pmargin_accounts", "state=\"liquidatable\"")
          + Scrape.value(m, "pmargin_accounts", "state=\"bankrupt\"")).isEqualTo(2);
      assertThat(Scrape.value(m, "pmargin_feed_degraded", "underlying=\"ETH\"")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_market_version")).isEqualTo(s.service().engine().snapshot().version());
      assertThat(Scrape.value(m, "pmargin_risk_parameters_version")).isEqualTo(1);
      assertThat(Scrape.value(m, "pmargin_liquidation_paused")).isZero();
    }
  }
}
