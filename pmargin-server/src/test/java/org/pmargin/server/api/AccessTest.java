package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.data.Json;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Http.Reply;
import org.pmargin.server.support.Workload;

/**
 * Every route class against every caller: no key (401 unless the route is open), a trader on its own account and
 * on another one (404 as for an account that does not exist), the risk desk (reads only: 403 on writes) and an
 * admin; a refused request changes nothing.
 */
class AccessTest {

  static final String ADMIN = "access-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  static Path tmp;

  private static Server server;
  private static String trader;
  private static String risk;
  private static final AtomicInteger IDS = new AtomicInteger();
  private static java.security.KeyPair venueKeys;

  private static String venueTerms() {
    return "\"public_key\":\"" + java.util.HexFormat.of().formatHex(org.pmargin.engine.venue.Venue.raw(
        venueKeys.getPublic())) + "\",\"haircut\":0.1,\"fresh_seconds\":60,\"expiry_seconds\":86400,"
        + "\"skew_seconds\":60}";
  }

  /** A really signed attestation of venue AV for alice, sequence n (increasing: each call is new), at market time. */
  private static String attestation(int n) {
    try {
      java.time.Instant asOf = java.time.Instant.parse(call("GET", "/v1/market", null, ADMIN).body().get("as_of")
          .asString());
      var a = new org.pmargin.engine.venue.Attestation("AV", "alice", n, asOf, List.of(
          new org.pmargin.engine.venue.Attestation.Balance("USDC", 1)), List.of(), null);
      java.security.Signature sig = java.security.Signature.getInstance("Ed25519");
      sig.initSign(venueKeys.getPrivate());
      sig.update(a.signedBytes());
      var body = org.pmargin.engine.venue.AttestationJson.write(a.signed(sig.sign()));
      body.remove("type");
      body.put("client_id", "att-" + n);
      return org.pmargin.data.Json.MAPPER.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The callers, in the order of each route's expected statuses. */
  enum Caller { NONE, TRADER_OWN, TRADER_OTHER, RISK, ADMIN }

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0, Optional.of(ADMIN));
    assertThat(server.bootstrapSecret()).isEmpty();
    for (String a : List.of("alice", "bob")) {
      assertThat(call("POST", "/v1/accounts", "{\"client_id\":\"setup-" + a + "\",\"account\":\"" + a + "\"}",
          ADMIN).status()).isEqualTo(200);
      assertThat(call("POST", "/v1/accounts/" + a + "/deposits", "{\"client_id\":\"setup-d-" + a + "\","
          + "\"asset\":\"USDC\",\"amount\":40000}", ADMIN).status()).isEqualTo(200);
    }
    venueKeys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(call("PUT", "/v1/venues/AV", "{\"client_id\":\"setup-venue\"," + venueTerms(), ADMIN).status())
        .isEqualTo(200);
    trader = server.keys().create(Role.TRADER, Set.of("alice"), "alice's desk").secret();
    risk = server.keys().create(Role.RISK, Set.of(), "risk desk").secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Reply call(String method, String path, String body, String key) throws Exception {
    return Http.call(server.port(), method, path, body, key);
  }

  private static String id() {
    return "\"client_id\":\"m-" + IDS.incrementAndGet() + "\"";
  }

  /** A route class: how to call it for an account, and the status for each {@link Caller}. */
  record Route(String name, String method, Function<String, String> path, IntFunction<String> body, int... expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> matrix() throws Exception {
    String portfolio = Files.readString(Path.of("..", "examples", "portfolios", "covered-call.json"));
    List<Route> routes = List.of(
        new Route("GET /health", "GET", a -> "/health", n -> null, 200, 200, 200, 200, 200),
        new Route("GET /ready", "GET", a -> "/ready", n -> null, 200, 200, 200, 200, 200),
        new Route("POST /v1/margin (calculator)", "POST", a -> "/v1/margin", n -> portfolio,
            200, 200, 200, 200, 200),
        new Route("GET /v1/market", "GET", a -> "/v1/market", n -> null, 401, 200, 200, 200, 200),
        new Route("POST /v1/market", "POST", a -> "/v1/market", n -> "{" + id() + ",\"moves\":{\"BTC\":0.0}}",
            401, 403, 403, 403, 200),
        new Route("POST /v1/accounts", "POST", a -> "/v1/accounts", n -> "{" + id() + ",\"account\":\"new-"
            + IDS.get() + "\"}", 401, 403, 403, 403, 200),
        new Route("GET /v1/accounts/{id}", "GET", a -> "/v1/accounts/" + a, n -> null, 401, 200, 404, 200, 200),
        new Route("GET /v1/accounts/{id}/margin", "GET", a -> "/v1/accounts/" + a + "/margin?model=cross",
            n -> null, 401, 200, 404, 200, 200),
        new Route("POST /v1/accounts/{id}/what-if", "POST", a -> "/v1/accounts/" + a + "/what-if",
            n -> "{\"orders\":[{\"instrument\":\"BTC-PERPETUAL\",\"quantity\":10,\"price\":65690}]}",
            401, 200, 404, 200, 200),
        new Route("POST /v1/accounts/{id}/deposits", "POST", a -> "/v1/accounts/" + a + "/deposits",
            n -> "{" + id() + ",\"asset\":\"USDC\",\"amount\":10}", 401, 200, 404, 403, 200),
        new Route("POST /v1/accounts/{id}/withdrawals", "POST", a -> "/v1/accounts/" + a + "/withdrawals",
            n -> "{" + id() + ",\"asset\":\"USDC\",\"amount\":1}", 401, 200, 404, 403, 200),
        new Route("POST /v1/accounts/{id}/fills", "POST", a -> "/v1/accounts/" + a + "/fills",
            n -> "{" + id() + ",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":10,\"price\":65690}",
            401, 200, 404, 403, 200),
        new Route("GET /v1/events", "GET", a -> "/v1/events?limit=5", n -> null, 401, 403, 403, 200, 200),
        new Route("POST /v1/keys", "POST", a -> "/v1/keys", n -> "{\"role\":\"risk\",\"label\":\"k" + n + "\"}",
            401, 403, 403, 403, 201),
        new Route("GET /v1/keys", "GET", a -> "/v1/keys", n -> null, 401, 403, 403, 403, 200),
        new Route("DELETE /v1/keys/{id}", "DELETE", a -> "/v1/keys/" + server.keys().create(Role.RISK, Set.of(),
            "doomed").key().id(), n -> null, 401, 403, 403, 403, 200),
        new Route("POST /v1/accounts/{id}/fill-batches", "POST", a -> "/v1/accounts/" + a + "/fill-batches",
            n -> "{\"fills\":[{" + id() + ",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":10,\"price\":65690}]}",
            401, 200, 404, 403, 200),
        new Route("GET /metrics", "GET", a -> "/metrics", n -> null, 401, 403, 403, 200, 200),
        new Route("GET /openapi.json", "GET", a -> "/openapi.json", n -> null, 200, 200, 200, 200, 200),
        new Route("GET /v1/parameters", "GET", a -> "/v1/parameters", n -> null, 401, 200, 200, 200, 200),
        new Route("PUT /v1/parameters", "PUT", a -> "/v1/parameters", n -> "{" + id()
            + ",\"parameters\":{\"version\":1}}", 401, 403, 403, 403, 200),
        new Route("GET /v1/liquidation", "GET", a -> "/v1/liquidation", n -> null, 401, 403, 403, 200, 200),
        new Route("POST /v1/liquidation/pause", "POST", a -> "/v1/liquidation/pause", n -> "{" + id() + "}",
            401, 403, 403, 403, 200),
        new Route("POST /v1/liquidation/resume", "POST", a -> "/v1/liquidation/resume", n -> "{" + id() + "}",
            401, 403, 403, 403, 200),
        new Route("POST /v1/liquidation/run", "POST", a -> "/v1/liquidation/run", n -> "{" + id() + "}",
            401, 403, 403, 403, 200),
        new Route("GET /v1/state/root", "GET", a -> "/v1/state/root", n -> null, 401, 200, 200, 200, 200),
        new Route("GET /v1/accounts/{id}/proof", "GET", a -> "/v1/accounts/" + a + "/proof", n -> null,
            401, 200, 404, 200, 200),
        new Route("GET /v1/venues", "GET", a -> "/v1/venues", n -> null, 401, 403, 403, 200, 200),
        new Route("PUT /v1/venues/{id}", "PUT", a -> "/v1/venues/AV2", n -> "{" + id() + "," + venueTerms(),
            401, 403, 403, 403, 200),
        new Route("POST /v1/attestations", "POST", a -> "/v1/attestations", AccessTest::attestation,
            401, 403, 403, 403, 200),
        new Route("GET unknown route", "GET", a -> "/v1/nothing-here", n -> null, 401, 404, 404, 404, 404));
    List<Arguments> out = new ArrayList<>();
    for (Route r : routes) {
      for (Caller c : Caller.values()) {
        out.add(Arguments.of(r, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void shouldAllowOrRefuseEachRouteForEachCaller(Route route, Caller caller) throws Exception {
    String key = switch (caller) {
      case NONE -> null;
      case TRADER_OWN, TRADER_OTHER -> trader;
      case RISK -> risk;
      case ADMIN -> ADMIN;
    };
    String account = caller == Caller.TRADER_OTHER ? "bob" : "alice";
    int expected = route.expect()[caller.ordinal()];
    String path = route.path().apply(account);
    long before = server.service().lastSequence();
    Reply r = call(route.method(), path, route.body().apply(IDS.incrementAndGet()), key);
    assertThat(r.status()).as("%s as %s: %s", route, caller, r.text()).isEqualTo(expected);
    if (expected >= 400) {
      assertThat(r.body().get("error").get("code").stringValue()).isEqualTo(switch (expected) {
        case 401 -> "unauthenticated";
        case 403 -> "forbidden";
        default -> r.body().get("error").get("code").stringValue();
      });
      assertThat(server.service().lastSequence()).as("a refused request changes nothing").isEqualTo(before);
    }
    if (expected == 401) {
      assertThat(r.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
  }

  @Test
  void shouldAnswerAForeignAccountExactlyAsAnAccountThatDoesNotExist() throws Exception {
    Reply foreign = call("GET", "/v1/accounts/bob", null, trader);
    Reply missing = call("GET", "/v1/accounts/bob-x", null, ADMIN);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(foreign.text()).isEqualTo(missing.text().replace("bob-x", "bob"))
        .isEqualTo("{\"error\":{\"code\":\"not_found\",\"field\":\"account\",\"message\":\"no account 'bob'\"}}");
    assertThat(foreign.raw().headers().map().keySet()).isEqualTo(missing.raw().headers().map().keySet());
    // The trader's own account that does not exist yet: the same 404.
    assertThat(call("GET", "/v1/accounts/nobody", null, trader).status()).isEqualTo(404);
  }

  @Test
  void shouldAcceptTheKeyInXApiKeyAndRefuseUnknownOnes() throws Exception {
    assertThat(Http.callWith(server.port(), "GET", "/v1/accounts/alice", null, "X-API-Key", trader).status())
        .isEqualTo(200);
    assertThat(Http.callWith(server.port(), "GET", "/v1/accounts/bob", null, "X-API-Key", trader).status())
        .isEqualTo(404);
    assertThat(call("GET", "/v1/market", null, trader + "x").status()).isEqualTo(401);
    assertThat(call("GET", "/v1/market", null, "pmk_" + "A".repeat(43)).status()).isEqualTo(401);
    assertThat(Http.callWith(server.port(), "GET", "/v1/market", null, "Authorization", "Basic "
        + java.util.Base64.getEncoder().encodeToString(("u:" + trader).getBytes())).status()).isEqualTo(401);
    Reply none = call("GET", "/v1/accounts/alice", null, null);
    assertThat(none.body().get("error").get("field").stringValue()).isEqualTo("authorization");
  }

  @Test
  void shouldCreateListAndRevokeKeysShowingTheSecretOnlyOnCreation() throws Exception {
    Reply c = call("POST", "/v1/keys", "{\"role\":\"trader\",\"accounts\":[\"bob\"],\"label\":\"bob\"}", ADMIN);
    assertThat(c.status()).isEqualTo(201);
    String secret = c.body().get("secret").stringValue();
    String id = c.body().get("key_id").stringValue();
    assertThat(secret).startsWith("pmk_").hasSize(4 + 43);
    assertThat(c.raw().headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(call("GET", "/v1/accounts/bob", null, secret).status()).isEqualTo(200);
    assertThat(call("GET", "/v1/accounts/alice", null, secret).status()).isEqualTo(404);
    Reply list = call("GET", "/v1/keys", null, ADMIN);
    assertThat(list.text()).contains(id).doesNotContain(secret).doesNotContain("hash").doesNotContain("secret");
    Reply revoked = call("DELETE", "/v1/keys/" + id, null, ADMIN);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().get("active").asBoolean()).isFalse();
    assertThat(call("GET", "/v1/accounts/bob", null, secret).status()).isEqualTo(401);
    assertThat(call("DELETE", "/v1/keys/" + id, null, ADMIN).status()).isEqualTo(404);
    // Bad input names the field.
    assertField(call("POST", "/v1/keys", "{\"role\":\"trader\"}", ADMIN), "accounts");
    assertField(call("POST", "/v1/keys", "{\"role\":\"root\"}", ADMIN), "role");
    assertField(call("POST", "/v1/keys", "{\"role\":\"risk\",\"accounts\":[\"a\"]}", ADMIN), "accounts");
    assertField(call("POST", "/v1/keys", "{\"role\":\"trader\",\"accounts\":[\"a b\"]}", ADMIN), "accounts[0]");
    assertField(call("POST", "/v1/keys", "{\"role\":\"risk\",\"scope\":1}", ADMIN), "scope");
    assertThat(Json.parse(call("GET", "/v1/keys", null, ADMIN).text()).get("keys").size())
        .isEqualTo(server.keys().list().size());
  }

  private static void assertField(Reply r, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.body().get("error").get("field").stringValue()).isEqualTo(field);
  }
}
