package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.engine.book.EngineStateCodec;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.venue.Attestation;
import org.pmargin.engine.venue.AttestationJson;
import org.pmargin.engine.venue.Venue;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Scrape;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cross-venue attestations end to end over HTTP on the embedded store: an admin registers a venue (its key from the
 * JDK's Ed25519 generator), a really signed attestation of a short perpetual offsets the account's long and credits
 * its collateral after the haircut; forged, tampered, replayed, out-of-order, stale, future and unknown-venue ones
 * are answered 422 with the verdict and the field, malformed ones 400, each counted in {@code /metrics} by venue and
 * verdict; {@code GET /v1/venues} shows the accepted sequence; after a restart the engine's state is the one before,
 * equal to an independent replay of the log, and the replay state still refuses the replay.
 */
class VenueRoutesTest {

  static final String ADMIN = "venue-test-admin-key-0123456789abcdef-xyz";
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path tmp;

  private KeyPair keys;
  private Instant asOf;
  private int ids;

  private static Attestation sign(Attestation a, PrivateKey k) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k);
    s.update(a.signedBytes());
    return a.signed(s.sign());
  }

  private String body(Attestation a) {
    ObjectNode n = AttestationJson.write(a);
    n.remove("type");
    n.put("client_id", "att-" + (++ids));
    return Json.MAPPER.writeValueAsString(n);
  }

  private Attestation att(String venue, long seq, Instant at, double usdc, double perp, double entry,
      PrivateKey k) throws Exception {
    return sign(new Attestation(venue, "alice", seq, at, List.of(new Attestation.Balance("USDC", usdc)),
        perp == 0 ? List.of() : List.of(new Attestation.Holding("BTC_USDC-PERPETUAL", perp, entry)), null), k);
  }

  @Test
  void shouldAcceptASignedAttestationRefuseTheAttacksCountThemAndRecover() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String stateBefore;
    JsonNode venuesBefore;
    JsonNode accountBefore;
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      int port = s.port();
      JsonNode market = Http.call(port, "GET", "/v1/market", null, ADMIN).body();
      asOf = Instant.parse(market.get("as_of").asString());
      double mark = 0;
      for (JsonNode u : market.get("underlyings")) {
        if (u.get("underlying").asString().equals("BTC")) {
          mark = u.get("perpetual_mark").asDouble();
        }
      }
      assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c1\",\"account\":\"alice\"}", ADMIN)
          .status()).isEqualTo(200);
      assertThat(Http.call(port, "POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"d1\",\"asset\":\"USDC\","
          + "\"amount\":20000}", ADMIN).status()).isEqualTo(200);
      assertThat(Http.call(port, "POST", "/v1/accounts/alice/fills", "{\"client_id\":\"f1\",\"instrument\":"
          + "\"BTC_USDC-PERPETUAL\",\"quantity\":1000,\"price\":" + mark + "}", ADMIN).status()).isEqualTo(200);
      double imAlone = margin(port).get("initial_margin_usd").asDouble();
      assertThat(imAlone).isGreaterThan(0.15 * mark); // the ±16% edge on 1 BTC at least

      Http.Reply reg = Http.call(port, "PUT", "/v1/venues/V", "{\"client_id\":\"v1\",\"public_key\":\""
          + HEX.formatHex(Venue.raw(keys.getPublic())) + "\",\"haircut\":0.2,\"fresh_seconds\":300,"
          + "\"expiry_seconds\":3900,\"skew_seconds\":5}", ADMIN);
      assertThat(reg.status()).as(reg.text()).isEqualTo(200);
      assertThat(Http.call(port, "PUT", "/v1/venues/W", "{\"client_id\":\"v2\",\"public_key\":\"00\","
          + "\"haircut\":0.2,\"fresh_seconds\":300,\"expiry_seconds\":3900,\"skew_seconds\":5}", ADMIN).status())
          .isEqualTo(400);

      Attestation ok = att("V", 7, asOf, 10_000, -1_000, mark, keys.getPrivate());
      Http.Reply accepted = Http.call(port, "POST", "/v1/attestations", body(ok), ADMIN);
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      assertThat(accepted.body().get("verdict").asString()).isEqualTo("accepted");
      JsonNode m = margin(port);
      assertThat(m.get("initial_margin_usd").asDouble()).isCloseTo(0, within(1e-9));
      assertThat(m.get("equity_usd").asDouble()).isCloseTo(20_000 + 8_000, within(1e-6));

      // the attacks: each 422 naming its verdict and field, nothing changed
      List<Object[]> attacks = new ArrayList<>();
      attacks.add(new Object[] {att("V", 8, asOf, 10_000, 0, 0, forger.getPrivate()), "bad_signature", "signature"});
      Attestation honest = att("V", 8, asOf, 10, 0, 0, keys.getPrivate());
      attacks.add(new Object[] {new Attestation("V", "alice", 8, asOf, List.of(new Attestation.Balance("USDC",
          1e6)), List.of(), honest.signature()), "bad_signature", "signature"}); // tampered after signing
      attacks.add(new Object[] {ok, "replayed", "sequence"});
      attacks.add(new Object[] {att("V", 6, asOf, 10, 0, 0, keys.getPrivate()), "out_of_order", "sequence"});
      attacks.add(new Object[] {att("V", 9, asOf.minusSeconds(3_900), 10, 0, 0, keys.getPrivate()), "out_of_order",
          "sequence"}); // older than the accepted one
      attacks.add(new Object[] {att("V", 9, asOf.plusSeconds(60), 10, 0, 0, keys.getPrivate()), "from_the_future",
          "timestamp"});
      attacks.add(new Object[] {att("X", 1, asOf, 10, 0, 0, keys.getPrivate()), "unknown_venue", "venue"});
      String stateAtAttacks = holdings(s);
      for (Object[] a : attacks) {
        Http.Reply r = Http.call(port, "POST", "/v1/attestations", body((Attestation) a[0]), ADMIN);
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.body().get("verdict").asString()).isEqualTo(a[1]);
        assertThat(r.body().get("field").asString()).isEqualTo(a[2]);
        assertThat(r.body().get("rejection").asString()).startsWith(a[1] + ": ");
        assertThat(holdings(s)).isEqualTo(stateAtAttacks);
      }
      String metrics = Http.call(port, "GET", "/metrics", null, ADMIN).text();
      assertThat(Scrape.value(metrics, "pmargin_attestations_total", "venue=\"V\"", "verdict=\"accepted\""))
          .isEqualTo(1);
      assertThat(Scrape.value(metrics, "pmargin_attestations_total", "venue=\"V\"", "verdict=\"replayed\""))
          .isEqualTo(1);
      assertThat(Scrape.value(metrics, "pmargin_attestations_total", "venue=\"V\"", "verdict=\"out_of_order\""))
          .isEqualTo(2);
      assertThat(Scrape.value(metrics, "pmargin_attestations_total", "venue=\"unregistered\"",
          "verdict=\"unknown_venue\"")).isEqualTo(1);
      assertThat(Scrape.value(metrics, "pmargin_attestations_total", "venue=\"V\"", "verdict=\"bad_signature\""))
          .isEqualTo(2);

      // every byte of a valid attestation flipped (each with a fresh client id): 400 or 422, never accepted
      Attestation next = att("V", 8, asOf, 10_000, -1_000, mark, keys.getPrivate());
      ObjectNode plain = AttestationJson.write(next);
      plain.remove("type");
      byte[] bytes = Json.MAPPER.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8);
      int malformed = 0;
      for (int i = 1; i < bytes.length; i++) {
        byte[] f = bytes.clone();
        f[i] ^= 0x01;
        String flipped = "{\"client_id\":\"flip-" + i + "\"," + new String(f, StandardCharsets.UTF_8).substring(1);
        Http.Reply r = Http.call(port, "POST", "/v1/attestations", flipped, ADMIN);
        assertThat(r.status()).as("byte %d: %s", i, r.text()).isIn(400, 422);
        malformed += r.status() == 400 ? 1 : 0;
      }
      assertThat(malformed).isPositive().isLessThan(bytes.length - 1);
      assertThat(holdings(s)).isEqualTo(stateAtAttacks);

      // each flipped body counted once, by its verdict or as malformed
      String afterFlips = Http.call(port, "GET", "/metrics", null, ADMIN).text();
      assertThat(total(afterFlips) - total(metrics)).isEqualTo(bytes.length - 1);
      assertThat(Scrape.value(afterFlips, "pmargin_attestations_total", "verdict=\"malformed\""))
          .isEqualTo(malformed);
      JsonNode venues = Http.call(port, "GET", "/v1/venues", null, ADMIN).body();
      JsonNode v = venues.get("venues").get(0);
      assertThat(v.get("venue").asString()).isEqualTo("V");
      assertThat(v.get("last_sequence").asLong()).isEqualTo(7);
      assertThat(v.get("age_seconds").asDouble()).isZero();
      assertThat(v.get("version").asLong()).isEqualTo(1);
      assertThat(venues.get("verdicts").get("accepted").asLong()).isEqualTo(1);

      // the state tree commits the accepted attestation (leaf version 2, docs/VERIFY.md) and the proof verifies
      Http.Reply root = Http.call(port, "GET", "/v1/state/root", null, ADMIN);
      Http.Reply proof = Http.call(port, "GET", "/v1/accounts/alice/proof", null, ADMIN);
      assertThat(proof.status()).as(proof.text()).isEqualTo(200);
      var p = org.pmargin.engine.proof.InclusionProof.fromJson(proof.body());
      assertThat(p.verify(HEX.parseHex(root.body().get("root").asString()))).isTrue();
      assertThat(p.state().attested()).singleElement().satisfies(x -> {
        assertThat(x.venue()).isEqualTo("V");
        assertThat(x.sequence()).isEqualTo(7);
        assertThat(x.digest()).isEqualTo(ok.digest());
      });

      stateBefore = state(s);
      venuesBefore = venues;
      accountBefore = Http.call(port, "GET", "/v1/accounts/alice", null, ADMIN).body();
    }
    // the restart: a snapshot written on close and its (empty) tail; the same state as before and as the log
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      int port = s.port();
      assertThat(state(s)).isEqualTo(stateBefore);
      assertThat(Http.call(port, "GET", "/v1/venues", null, ADMIN).body()).isEqualTo(venuesBefore);
      assertThat(Http.call(port, "GET", "/v1/accounts/alice", null, ADMIN).body()).isEqualTo(accountBefore);
      List<String> log = new ArrayList<>();
      long after = 0;
      while (true) {
        JsonNode page = Http.call(port, "GET", "/v1/events?after=" + after + "&limit=1000", null, ADMIN).body();
        for (JsonNode e : page.get("events")) {
          log.add(Json.MAPPER.writeValueAsString(e.get("request")));
          after = e.get("sequence").asLong();
        }
        if (page.get("events").isEmpty()) {
          break;
        }
      }
      try (MarginEngine replay = IndependentReplay.of(Workload.settings(), log)) {
        assertThat(EngineStateCodec.json(replay.exportState())).isEqualTo(stateBefore);
      }
      Http.Reply again = Http.call(port, "POST", "/v1/attestations", body(att("V", 7, asOf, 10_000, -1_000, 1,
          keys.getPrivate())), ADMIN);
      assertThat(again.status()).isEqualTo(422);
      assertThat(again.body().get("verdict").asString()).isEqualTo("replayed");
      stateBefore = state(s);
    }
    // no snapshot at all: the whole log replayed gives the same state again
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(StoreLocation.embedded(tmp).jdbcUrl());
        java.sql.Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("DELETE FROM snapshots")).isPositive();
    }
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      assertThat(s.service().recoveredSnapshot()).isZero();
      assertThat(state(s)).isEqualTo(stateBefore);
    }
  }

  /** The sum of every {@code pmargin_attestations_total} sample. */
  private static double total(String scrape) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("pmargin_attestations_total{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static JsonNode margin(int port) throws Exception {
    JsonNode a = Http.call(port, "GET", "/v1/accounts/alice", null, ADMIN).body();
    return a.get("margin");
  }

  private static String state(Server s) {
    return EngineStateCodec.json(s.service().engine().exportState());
  }

  /** The state without what every logged event moves (sequence) and refusals count (verdicts). */
  private static String holdings(Server s) {
    ObjectNode n = (ObjectNode) Json.parse(state(s));
    n.remove("sequence");
    ((ObjectNode) n.get("venues")).remove("counts");
    return n.toString();
  }
}
