package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.server.Server;
import org.pmargin.server.auth.ApiKey;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.KeyStore;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import org.slf4j.LoggerFactory;

/**
 * Keys on the real stores: the bootstrap admin key of a fresh store is handed out once; created keys and
 * revocations survive a restart; a given admin key is added to an existing store; and no secret ever reaches the
 * logs (root at INFO, as in production), the event log, the key table or any answer but its creation's.
 */
class KeyPersistenceTest {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldKeepKeysAndRevocationsAcrossARestartAndNeverLeakASecret(Stores.Kind kind) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ch.qos.logback.core.Appender<ILoggingEvent> console = null;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    console = root.getAppender("ERR");
    root.detachAppender("ERR");
    root.setLevel(Level.INFO);
    List<String> secrets = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      String admin;
      String trader;
      String risk;
      try (Server s = Server.start(t.location(), Workload.settings(), "127.0.0.1", 0)) {
        admin = s.bootstrapSecret().orElseThrow();
        assertThat(s.bootstrapSecret()).as("shown once").isEmpty();
        int p = s.port();
        assertThat(Http.call(p, "POST", "/v1/accounts", "{\"client_id\":\"p1\",\"account\":\"alice\"}", admin)
            .status()).isEqualTo(200);
        Http.Reply tk = Http.call(p, "POST", "/v1/keys", "{\"role\":\"trader\",\"accounts\":[\"alice\"]}", admin);
        trader = tk.body().get("secret").stringValue();
        Http.Reply rk = Http.call(p, "POST", "/v1/keys", "{\"role\":\"risk\",\"label\":\"gone\"}", admin);
        risk = rk.body().get("secret").stringValue();
        assertThat(Http.call(p, "DELETE", "/v1/keys/" + rk.body().get("key_id").stringValue(), null, admin)
            .status()).isEqualTo(200);
        answers.add(Http.call(p, "POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"p2\",\"asset\":\"USDC\","
            + "\"amount\":100}", trader).text());
        answers.add(Http.call(p, "GET", "/v1/accounts/alice", null, trader).text());
        answers.add(Http.call(p, "GET", "/v1/accounts/alice", null, risk).text());
      }
      secrets.addAll(List.of(admin, trader, risk));
      try (Server s = Server.start(t.location(), Workload.settings(), "127.0.0.1", 0)) {
        assertThat(s.bootstrapSecret()).as("a store with keys gets no new one").isEmpty();
        int p = s.port();
        assertThat(Http.call(p, "GET", "/v1/keys", null, admin).status()).isEqualTo(200);
        assertThat(Http.call(p, "GET", "/v1/accounts/alice", null, trader).status()).isEqualTo(200);
        assertThat(Http.call(p, "GET", "/v1/accounts/alice", null, risk).status()).as("revoked").isEqualTo(401);
        assertThat(Http.call(p, "GET", "/v1/accounts/alice", null, trader).body().get("balances").get("USDC")
            .asDouble()).isEqualTo(100.0);
        answers.add(Http.call(p, "GET", "/v1/keys", null, admin).text());
        answers.add(Http.call(p, "GET", "/v1/events?limit=100", null, admin).text());
      }
      String given = "operator-given-admin-key-0123456789abcdef";
      secrets.add(given);
      try (Server s = Server.start(t.location(), Workload.settings(), "127.0.0.1", 0, Optional.of(given))) {
        assertThat(Http.call(s.port(), "GET", "/v1/keys", null, given).status()).isEqualTo(200);
        assertThat(Http.call(s.port(), "GET", "/v1/keys", null, admin).status()).isEqualTo(200);
        assertThat(s.keys().list()).hasSize(4);
      }
      // Nothing but hashes at rest, no secret in the logs or the event log or any later answer.
      List<String> haystack = new ArrayList<>(answers);
      logs.list.forEach(e -> {
        haystack.add(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
          haystack.add(e.getThrowableProxy().getMessage());
        }
      });
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("API key"));
      try (EventStore es = EventStore.open(t.location())) {
        es.read(0, e -> haystack.add(e.clientId() + e.payload() + e.answer()));
      }
      for (ApiKey k : new KeyStore(t.location()).all()) {
        haystack.add(k.toString());
      }
      if (kind == Stores.Kind.SQLITE) {
        try (Stream<Path> files = Files.list(tmp.resolve("store"))) {
          for (Path f : files.toList()) {
            haystack.add(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
          }
        }
      }
      for (String secret : secrets) {
        assertThat(haystack).noneMatch(h -> h != null && h.contains(secret));
      }
    } finally {
      root.detachAppender(logs);
      if (console != null) {
        root.addAppender(console);
      }
      root.setLevel(level);
    }
  }
}
