package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/** The HTTP API end to end on the embedded store: a session, the calculator, and the error answers. */
class HttpApiTest {

  @TempDir
  static Path tmp;

  /** The admin key every call here carries (the access matrix is AccessTest's). */
  static final String ADMIN = "test-admin-key-0123456789abcdef-0123456789";

  private static Server server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        java.util.Optional.of(ADMIN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
  }

  static Reply call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : Json.parse(r.body()), r);
  }

  @Test
  void shouldRunASessionOfCreateDepositFillMarginWhatIfAndWithdraw() throws Exception {
    Reply c = call("POST", "/v1/accounts", "{\"client_id\":\"s-1\",\"account\":\"alice\"}");
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.body().get("accepted").asBoolean()).isTrue();
    long seq = c.body().get("sequence").asLong();

    Reply d = call("POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"s-2\",\"asset\":\"USDC\",\"amount\":40000}");
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.body().get("sequence").asLong()).isEqualTo(seq + 1);
    assertThat(d.body().get("margins").get(0).get("equity_usd").asDouble()).isEqualTo(40_000.0);

    Reply f = call("POST", "/v1/accounts/alice/fills", "{\"client_id\":\"s-3\",\"instrument\":\"BTC-PERPETUAL\","
        + "\"quantity\":20000,\"price\":65690}");
    assertThat(f.status()).isEqualTo(200);
    double im = f.body().get("margins").get(0).get("initial_margin_usd").asDouble();
    assertThat(im).isPositive().isLessThan(40_000);

    Reply g = call("GET", "/v1/accounts/alice", null);
    assertThat(g.status()).isEqualTo(200);
    assertThat(g.body().get("balances").get("USDC").asDouble()).isEqualTo(40_000.0);
    assertThat(g.body().get("positions").get(0).get("instrument").stringValue()).isEqualTo("BTC-PERPETUAL");
    assertThat(g.body().get("positions").get(0).get("quantity").asDouble()).isEqualTo(20_000.0);
    assertThat(g.body().get("margin").get("initial_margin_usd").asDouble()).isEqualTo(im);

    Reply m = call("GET", "/v1/accounts/alice/margin", null);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body().get("status").stringValue()).isEqualTo("ok");
    Reply cross = call("GET", "/v1/accounts/alice/margin?model=cross", null);
    assertThat(cross.body().get("model").stringValue()).isNotEqualTo(m.body().get("model").stringValue());

    Reply w = call("POST", "/v1/accounts/alice/what-if", "{\"orders\":[{\"instrument\":\"BTC-PERPETUAL\","
        + "\"quantity\":-20000,\"price\":65690}]}");
    assertThat(w.status()).isEqualTo(200);
    assertThat(w.body().get("after").get("initial_margin_usd").asDouble()).isZero();
    assertThat(w.body().get("initial_margin_change_usd").asDouble()).isEqualTo(-im);

    // Taking out everything would breach initial margin: refused with the figures, logged, nothing changes.
    Reply x = call("POST", "/v1/accounts/alice/withdrawals", "{\"client_id\":\"s-4\",\"asset\":\"USDC\","
        + "\"amount\":40000}");
    assertThat(x.status()).isEqualTo(422);
    assertThat(x.body().get("accepted").asBoolean()).isFalse();
    assertThat(x.body().get("rejection").stringValue()).isNotBlank();
    assertThat(call("GET", "/v1/accounts/alice", null).body().get("balances").get("USDC").asDouble())
        .isEqualTo(40_000.0);

    // A repeat: the first answer, marked, and nothing new in the log.
    Reply again = call("POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"s-2\",\"asset\":\"USDC\","
        + "\"amount\":40000}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(again.body()).isEqualTo(d.body());

    Reply ev = call("GET", "/v1/events?after=" + seq + "&limit=2", null);
    assertThat(ev.body().get("events")).hasSize(2);
    assertThat(ev.body().get("events").get(0).get("sequence").asLong()).isEqualTo(seq + 1);
    assertThat(ev.body().get("events").get(0).get("request").get("amount").asDouble()).isEqualTo(40_000.0);
  }

  @Test
  void shouldMarginAPortfolioUnderEveryModelWithoutStoringIt() throws Exception {
    long before = server.service().lastSequence();
    Reply r = call("POST", "/v1/margin", Files.readString(Path.of("..", "examples", "portfolios",
        "covered-call.json")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("account").stringValue()).isEqualTo("covered-call");
    JsonNode margins = r.body().get("margins");
    assertThat(margins).hasSize(5);
    assertThat(margins.findValuesAsString("model")).hasSize(5).doesNotHaveDuplicates();
    assertThat(margins.get(2).get("status").stringValue()).isEqualTo("ok");
    assertThat(server.service().lastSequence()).isEqualTo(before);
    assertThat(call("GET", "/v1/accounts/covered-call", null).status()).isEqualTo(404);
  }

  @Test
  void shouldAnswerBadInputWithA400NamingTheFieldAndChangeNothing() throws Exception {
    call("POST", "/v1/accounts", "{\"client_id\":\"e-0\",\"account\":\"erin\"}");
    long before = server.service().lastSequence();
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-1\",\"asset\":\"USDC\","
        + "\"amount\":-5}"), "amount");
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-2\",\"asset\":\"USDC\","
        + "\"amount\":5,\"memo\":\"x\"}"), "memo");
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"asset\":\"USDC\",\"amount\":5}"), "client_id");
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-3\",\"asset\":\"USDC\","
        + "\"amount\":5,\"amount\":6}"), "json");
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-4\",\"asset\":\"USDC\","
        + "\"amount\":NaN}"), "json");
    assertField(call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-5\",\"asset\":"), "json");
    assertField(call("POST", "/v1/accounts/erin/fills", "{\"client_id\":\"e-6\",\"instrument\":\"DOGE-PERPETUAL\","
        + "\"quantity\":1,\"price\":1}"), "instrument");
    assertField(call("POST", "/v1/market", "{\"client_id\":\"e-7\",\"moves\":{\"XRP\":0.1}}"), "moves.XRP");
    assertField(call("POST", "/v1/accounts", "{\"client_id\":\"e-8\",\"account\":\"a b\"}"), "account");
    assertField(call("GET", "/v1/events?limit=5000", null), "limit");
    assertThat(call("POST", "/v1/accounts/nobody/deposits", "{\"client_id\":\"e-9\",\"asset\":\"USDC\","
        + "\"amount\":5}").status()).isEqualTo(404);
    Reply big = call("POST", "/v1/margin", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
    assertThat(big.status()).isEqualTo(413);
    Reply conflict = call("POST", "/v1/accounts/erin/deposits", "{\"client_id\":\"e-0\",\"asset\":\"USDC\","
        + "\"amount\":5}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body().get("error").get("field").stringValue()).isEqualTo("client_id");
    assertThat(server.service().lastSequence()).isEqualTo(before);
  }

  private static void assertField(Reply r, String field) {
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(400);
    assertThat(r.body().get("error").get("field").stringValue()).as(String.valueOf(r.body())).startsWith(field);
    assertThat(r.body().get("error").get("message").stringValue()).isNotBlank();
  }
}
