package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.service.ServiceSettings;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;

/**
 * Per-key token buckets: with one write, one read and one anonymous calculation a second (a budget of one, so the
 * test does not depend on how fast a loaded machine answers: a token comes back only a whole second later), the
 * second write of a key in a burst is a 429 naming {@code writes} with {@code Retry-After: 1} and changes nothing,
 * while another key and the reads of the same key go on; the calculator is limited per address.
 */
class RateLimitTest {

  static final String ADMIN = "ratelimit-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  Path tmp;

  @Test
  void shouldRefuseOverBudgetRequestsWith429AndChangeNothing() throws Exception {
    ServiceSettings settings = Workload.settings();
    try (Server s = Server.start(StoreLocation.embedded(tmp), settings, "127.0.0.1", 0, Optional.of(ADMIN),
        new RateLimits(1, 1, 1))) {
      int port = s.port();
      String other = s.keys().create(Role.ADMIN, Set.of(), "second admin").secret();
      int ok = 0;
      Http.Reply limited = null;
      for (int i = 0; i < 2; i++) {
        Http.Reply r = Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c" + i + "\",\"account\":\"a" + i
            + "\"}", ADMIN);
        if (r.status() == 200) {
          ok++;
        } else {
          limited = r;
        }
      }
      assertThat(ok).isEqualTo(1);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.raw().headers().firstValue("Retry-After")).contains("1");
      assertThat(limited.body().get("error").get("code").stringValue()).isEqualTo("rate_limited");
      assertThat(limited.body().get("error").get("field").stringValue()).isEqualTo("writes");
      assertThat(s.service().lastSequence()).as("the limited write changed nothing").isEqualTo(1);
      assertThat(s.service().engine().margin("a1")).isEmpty();
      // Reads have their own bucket; another key its own.
      assertThat(Http.call(port, "GET", "/v1/accounts/a0", null, ADMIN).status()).isEqualTo(200);
      assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c9\",\"account\":\"a9\"}", other)
          .status()).isEqualTo(200);
      int reads = 0;
      for (int i = 0; i < 2; i++) {
        reads += Http.call(port, "GET", "/v1/market", null, other).status() == 200 ? 1 : 0;
      }
      assertThat(reads).isEqualTo(1);
      Http.Reply r = Http.call(port, "GET", "/v1/market", null, other);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("reads");
      // The anonymous calculator: 1 per address.
      String portfolio = Files.readString(Path.of("..", "examples", "portfolios", "covered-call.json"));
      int calc = 0;
      for (int i = 0; i < 2; i++) {
        calc += Http.call(port, "POST", "/v1/margin", portfolio, null).status() == 200 ? 1 : 0;
      }
      assertThat(calc).isEqualTo(1);
      assertThat(Http.call(port, "POST", "/v1/margin", portfolio, null).body().get("error").get("field")
          .stringValue()).isEqualTo("anonymous");
      // Health is never limited.
      for (int i = 0; i < 20; i++) {
        assertThat(Http.call(port, "GET", "/health", null, null).status()).isEqualTo(200);
      }
      // A second later the budget is back.
      Thread.sleep(1100);
      assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c1\",\"account\":\"a1\"}", ADMIN)
          .status()).isEqualTo(200);
    }
  }
}
