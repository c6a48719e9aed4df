package org.pmargin.engine.proof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The state tree of the engine at one sequence number: every account's {@link AccountLeaf}, ordered by the UTF-8
 * bytes of the account id, hashed into a {@link MerkleTree}. The root is what a venue publishes (or an auditor
 * pins); {@link #proof} gives any account the path from its leaf to that root.
 *
 * <p>The root depends only on the state: the same accounts, balances, positions and margins give the same root on
 * one thread or many, and after a restart that rebuilt the same state.
 */
public final class StateCommitment {

  private final long sequence;
  private final long snapshotVersion;
  private final String[] ids;
  private final byte[][] leaves;
  private final MerkleTree tree;

  private StateCommitment(long sequence, long snapshotVersion, String[] ids, byte[][] leaves, MerkleTree tree) {
    this.sequence = sequence;
    this.snapshotVersion = snapshotVersion;
    this.ids = ids;
    this.leaves = leaves;
    this.tree = tree;
  }

  /**
   * Builds the tree.
   *
   * @param sequence  the engine's last applied sequence the state is as of
   * @param snapshotVersion  the market snapshot in force
   * @param accounts  every account's leaf, in any order (ids unique)
   * @param parallel  whether to encode and hash on several threads (the root is the same)
   */
  public static StateCommitment of(long sequence, long snapshotVersion, List<AccountLeaf> accounts,
      boolean parallel) {
    int n = accounts.size();
    byte[][] keys = new byte[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      keys[i] = accounts.get(i).account().getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    String[] ids = new String[n];
    for (int k = 0; k < n; k++) {
      ids[k] = accounts.get(order[k]).account();
      if (k > 0 && ids[k].equals(ids[k - 1])) {
        throw new IllegalArgumentException("account " + ids[k] + " appears twice");
      }
    }
    byte[][] leaves = new byte[n][];
    IntStream range = IntStream.range(0, n);
    (parallel ? range.parallel() : range).forEach(k -> leaves[k] = accounts.get(order[k]).encode());
    MerkleTree tree = MerkleTree.ofLeafHashes(MerkleTree.leafHashes(Arrays.asList(leaves), parallel), parallel);
    return new StateCommitment(sequence, snapshotVersion, ids, leaves, tree);
  }

  /** The sequence the state is as of. */
  public long sequence() {
    return sequence;
  }

  /** The market snapshot version in force. */
  public long snapshotVersion() {
    return snapshotVersion;
  }

  /** How many accounts (leaves). */
  public int size() {
    return tree.size();
  }

  /** The root. */
  public byte[] root() {
    return tree.root();
  }

  /** The root as lower-case hex. */
  public String rootHex() {
    return HexFormat.of().formatHex(tree.root());
  }

  /** The proof of an account's leaf, if the account is in the tree. */
  public Optional<InclusionProof> proof(String account) {
    byte[] key = account.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = ids.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(ids[mid].getBytes(StandardCharsets.UTF_8), key);
      if (c == 0) {
        return Optional.of(new InclusionProof(account, leaves[mid], mid, ids.length, tree.path(mid), tree.root(),
            sequence, snapshotVersion));
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** The account ids in leaf order. */
  public List<String> accounts() {
    return new ArrayList<>(Arrays.asList(ids));
  }
}
