package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.engine.proof.InclusionProof;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;

/**
 * The state root and proofs over HTTP: a trader's proof of its own account verifies against the published root and
 * decodes to the figures the account route shows; another account's proof is the 404 of an unknown account; one
 * deposit moves the root and the sequence; after a restart that recovered the same log the root is the same.
 */
class ProofRoutesTest {

  static final String ADMIN = "proof-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  Path tmp;

  @Test
  void shouldPublishARootAndProveAnAccountInIt() throws Exception {
    String root;
    long sequence;
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      int port = s.port();
      for (String a : new String[] {"alice", "bob", "carol"}) {
        assertThat(Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c-" + a + "\",\"account\":\"" + a
            + "\"}", ADMIN).status()).isEqualTo(200);
        assertThat(Http.call(port, "POST", "/v1/accounts/" + a + "/deposits", "{\"client_id\":\"d-" + a
            + "\",\"asset\":\"USDC\",\"amount\":40000}", ADMIN).status()).isEqualTo(200);
      }
      assertThat(Http.call(port, "POST", "/v1/accounts/alice/fills", "{\"client_id\":\"f-1\",\"instrument\":"
          + "\"BTC-PERPETUAL\",\"quantity\":20000,\"price\":65690}", ADMIN).status()).isEqualTo(200);
      String trader = s.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();

      Http.Reply r = Http.call(port, "GET", "/v1/state/root", null, trader);
      assertThat(r.status()).isEqualTo(200);
      root = r.body().get("root").asString();
      sequence = r.body().get("sequence").asLong();
      assertThat(sequence).isEqualTo(7);
      assertThat(r.body().get("accounts").asInt()).isEqualTo(3);

      Http.Reply p = Http.call(port, "GET", "/v1/accounts/alice/proof", null, trader);
      assertThat(p.status()).isEqualTo(200);
      InclusionProof proof = InclusionProof.fromJson(p.body());
      assertThat(proof.verify(HexFormat.of().parseHex(root))).isTrue();
      assertThat(proof.sequence()).isEqualTo(sequence);
      assertThat(proof.index()).isZero();
      assertThat(proof.treeSize()).isEqualTo(3);
      Http.Reply account = Http.call(port, "GET", "/v1/accounts/alice", null, trader);
      assertThat(proof.state().initialMarginUsd())
          .isEqualTo(account.body().get("margin").get("initial_margin_usd").asDouble());
      assertThat(proof.state().positions()).singleElement()
          .satisfies(h -> assertThat(h.quantity()).isEqualTo(20_000.0));

      assertThat(Http.call(port, "GET", "/v1/accounts/bob/proof", null, trader).status()).isEqualTo(404);
      assertThat(Http.call(port, "GET", "/v1/accounts/nobody/proof", null, ADMIN).status()).isEqualTo(404);

      assertThat(Http.call(port, "POST", "/v1/accounts/bob/deposits", "{\"client_id\":\"d-2\",\"asset\":\"USDC\","
          + "\"amount\":1}", ADMIN).status()).isEqualTo(200);
      Http.Reply moved = Http.call(port, "GET", "/v1/state/root", null, trader);
      assertThat(moved.body().get("sequence").asLong()).isEqualTo(sequence + 1);
      assertThat(moved.body().get("root").asString()).isNotEqualTo(root);
      assertThat(proof.verify(HexFormat.of().parseHex(moved.body().get("root").asString()))).isFalse();
      assertThat(Http.call(port, "POST", "/v1/accounts/bob/withdrawals", "{\"client_id\":\"w-2\",\"asset\":"
          + "\"USDC\",\"amount\":1}", ADMIN).status()).isEqualTo(200);
      root = Http.call(port, "GET", "/v1/state/root", null, trader).body().get("root").asString();
      sequence += 2;
    }
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      Http.Reply r = Http.call(s.port(), "GET", "/v1/state/root", null, ADMIN);
      assertThat(r.body().get("sequence").asLong()).isEqualTo(sequence);
      assertThat(r.body().get("root").asString()).as("the same state after a restart").isEqualTo(root);
    }
  }
}
