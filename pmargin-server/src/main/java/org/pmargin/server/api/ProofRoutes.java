package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.proof.AccountLeaf;
import org.pmargin.engine.proof.InclusionProof;
import org.pmargin.engine.proof.StateCommitment;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.StoreUnavailableException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifiable state over HTTP (docs/VERIFY.md): {@code GET /v1/state/root} gives the state root of every account
 * as of the last committed event (any key), and {@code GET /v1/accounts/{id}/proof} an account's proof of inclusion
 * in that root (its own account for a trader key, as every account route), which {@code pmargin verify} checks.
 *
 * <p>The commitment is built on demand and kept until the state moves; a root is only published once every event it
 * covers is committed to the log, so it never commits to a state a failed commit would take back.
 */
final class ProofRoutes {

  private static final int ATTEMPTS = 5;

  private final MarginService service;
  private StateCommitment latest;

  private ProofRoutes(MarginService service) {
    this.service = service;
  }

  static void install(RoutesConfig r, MarginService service) {
    ProofRoutes p = new ProofRoutes(service);
    r.get("/v1/state/root", ctx -> HttpApi.json(ctx, 200, p.root()));
    r.get("/v1/accounts/{id}/proof", ctx -> HttpApi.json(ctx, 200, p.proof(ctx)));
  }

  private ObjectNode root() throws InterruptedException {
    StateCommitment c = committed(false);
    return Json.MAPPER.createObjectNode().put("root", c.rootHex()).put("sequence", c.sequence())
        .put("snapshot_version", c.snapshotVersion()).put("accounts", c.size())
        .put("algorithm", "RFC 9162 Merkle tree, SHA-256; leaves: canonical account encoding v1, v2 for accounts with attestations (docs/VERIFY.md)");
  }

  private ObjectNode proof(Context ctx) throws InterruptedException {
    String id = ctx.pathParam("id");
    MarginEngine e = service.engine();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      e.margin(id).orElseThrow(() -> new UnknownAccountException(id)); // 404 for an unknown account
      AccountLeaf now = e.leaf(id);
      Optional<InclusionProof> p = committed(attempt > 0).proof(now);
      if (p.isPresent()) {
        return p.get().toJson();
      }
    }
    throw new StoreUnavailableException("the account's state kept moving while its proof was built; retry", null);
  }

  /** The commitment of the current state, rebuilt when the engine has moved (or when asked to). */
  private synchronized StateCommitment committed(boolean rebuild) throws InterruptedException {
    MarginEngine e = service.engine();
    if (!rebuild && latest != null && latest.sequence() == service.lastSequence()) {
      return latest;
    }
    for (int attempt = 0; ; attempt++) {
      StateCommitment c = e.commitment(true);
      if (c.sequence() <= service.lastCommitted()) {
        latest = c;
        return c;
      }
      if (attempt >= 200) {
        throw new StoreUnavailableException("the event log has not committed sequence " + c.sequence() + " yet",
            null);
      }
      Thread.sleep(5); // the batch is being committed: wait for it, then commit to what it holds
    }
  }
}
