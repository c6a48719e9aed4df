package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.engine.proof.AccountLeaf;
import org.pmargin.engine.proof.InclusionProof;
import org.pmargin.engine.proof.StateCommitment;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pmargin verify} on a proof file: a good proof holds and shows its state (exit 0); a byte changed in the
 * leaf, a root that is not the pinned one, or a path hash changed fails it (exit 5); a file that is not a proof is
 * bad input naming the field (exit 1).
 */
class VerifyCommandTest {

  @TempDir
  Path dir;

  private static final List<AccountLeaf> LEAVES = List.of(
      new AccountLeaf("alice", List.of(new AccountLeaf.Balance("USDC", 40_000)),
          List.of(new AccountLeaf.Holding("BTC_USDC-PERPETUAL", 3000, 66026.4)), 40_000, 1980.79, 990.4, "HEALTHY",
          false, 2),
      new AccountLeaf("bob", List.of(new AccountLeaf.Balance("BTC", 1.5)), List.of(), 97_500, 0, 0, "HEALTHY", false,
          2),
      new AccountLeaf("carol", List.of(), List.of(), 0, 0, 0, "HEALTHY", false, 2));

  private Path write(ObjectNode n) throws Exception {
    Path f = Files.createTempFile(dir, "proof", ".json");
    Files.writeString(f, n.toString());
    return f;
  }

  @Test
  void shouldHoldForAGoodProofAndFailForATamperedOne() throws Exception {
    StateCommitment c = StateCommitment.of(42, 2, LEAVES, false);
    InclusionProof p = c.proof(LEAVES.get(0)).orElseThrow();
    Path good = write(p.toJson());
    CliRun ok = CliRun.of("verify", "--proof", good.toString(), "--root", c.rootHex());
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("HOLDS", "proof for account alice: leaf 0 of 3", "sequence 42",
        "BTC_USDC-PERPETUAL", "3000.0 @ 66026.4", "IM 1,980.79 USD", "the pinned root");

    ObjectNode tampered = p.toJson();
    byte[] leaf = p.leaf();
    leaf[leaf.length - 20] ^= 1; // inside the maintenance margin figure
    tampered.put("leaf", HexFormat.of().formatHex(leaf));
    CliRun bad = CliRun.of("verify", "--proof", write(tampered).toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.PROOF_FAILS);
    assertThat(bad.out()).contains("FAILS").doesNotContain("HOLDS");

    String other = "00".repeat(32);
    CliRun pinned = CliRun.of("verify", "--proof", good.toString(), "--root", other);
    assertThat(pinned.exitCode()).isEqualTo(ExitCodes.PROOF_FAILS);
    assertThat(pinned.out()).contains("NOT the pinned root");

    ObjectNode path = p.toJson();
    String h = path.get("path").get(0).asString();
    ((tools.jackson.databind.node.ArrayNode) path.get("path")).set(0, (h.charAt(0) == '0' ? "1" : "0")
        + h.substring(1));
    assertThat(CliRun.of("verify", "--proof", write(path).toString()).exitCode()).isEqualTo(ExitCodes.PROOF_FAILS);
  }

  @Test
  void shouldNameTheFieldOfAFileThatIsNotAProof() throws Exception {
    ObjectNode n = StateCommitment.of(1, 2, LEAVES, false).proof(LEAVES.get(1)).orElseThrow().toJson();
    n.put("root", "abc");
    CliRun r = CliRun.of("verify", "--proof", write(n).toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("root");
    assertThat(Json.parse(n.toString()).get("format").asString()).isEqualTo(InclusionProof.FORMAT);
  }
}
