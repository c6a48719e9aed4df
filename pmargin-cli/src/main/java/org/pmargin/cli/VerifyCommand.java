package org.pmargin.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pmargin.data.Json;
import org.pmargin.engine.proof.AccountLeaf;
import org.pmargin.engine.proof.InclusionProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin verify}: checks a proof that an account's state is in a published state root (docs/VERIFY.md),
 * with nothing but the documented algorithm (RFC 9162 inclusion over the canonical leaf), and shows the state the
 * proof proves. A root given with {@code --root} (one the venue published, or an auditor pinned) must be the
 * proof's own.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a proof of an account's state (pmargin-proof/1 JSON, from the service's "
        + "/v1/accounts/{id}/proof) against its root, or against a root you pinned; exit code 5 when it fails.")
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--proof", required = true, paramLabel = "FILE", description = "The proof file.")
  private Path proof;

  @Option(names = "--root", paramLabel = "HEX", description = "The root it must prove against (64 hex digits).")
  private String root;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    InclusionProof p = Json.read(proof, InclusionProof::fromJson);
    byte[] pinned = root == null ? null : InclusionProof.hex(root.strip(), "--root");
    boolean holds = pinned == null ? p.verify() : p.verify(pinned);
    out.printf(Locale.ROOT, "proof for account %s: leaf %d of %d, %d hashes in the path%n", p.account(),
        p.index(), p.treeSize(), p.path().size());
    out.printf(Locale.ROOT, "root %s (sequence %d, snapshot %d)%s%n", p.rootHex(), p.sequence(),
        p.snapshotVersion(), pinned == null ? "" : java.security.MessageDigest.isEqual(pinned, p.root())
            ? ", the pinned root" : ", NOT the pinned root " + root.strip());
    if (!holds) {
      out.println("FAILS: the proof does not hold");
      out.flush();
      return ExitCodes.PROOF_FAILS;
    }
    AccountLeaf s = p.state();
    out.printf(Locale.ROOT, "state: equity %,.2f USD, IM %,.2f USD, MM %,.2f USD, %s%s (margin on snapshot "
        + "%d)%n", s.equityUsd(), s.initialMarginUsd(), s.maintenanceMarginUsd(), s.state(),
        s.degraded() ? ", on a held price" : "", s.snapshotVersion());
    for (AccountLeaf.Balance b : s.balances()) {
      out.printf(Locale.ROOT, "  balance  %-10s %s%n", b.asset(), Double.toString(b.amount()));
    }
    for (AccountLeaf.Holding h : s.positions()) {
      out.printf(Locale.ROOT, "  position %-28s %s @ %s%n", h.instrument(), Double.toString(h.quantity()),
          Double.toString(h.entryPrice()));
    }
    out.println("HOLDS: this state is in the tree of root " + p.rootHex());
    out.flush();
    return ExitCodes.OK;
  }
}
