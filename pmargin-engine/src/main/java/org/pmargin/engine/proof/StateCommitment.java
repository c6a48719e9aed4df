package org.pmargin.engine.proof;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.AccountMargin;

/**
 * The state tree of the engine at one sequence number: every account's canonical leaf ({@link AccountLeaf}),
 * ordered by the UTF-8 bytes of the account id, hashed into a {@link MerkleTree}. The root is what a venue publishes
 * (or an auditor pins); {@link #proof} gives an account the path from its leaf to that root.
 *
 * <p>Only the hashes are kept (64 bytes an account with the tree), not the leaves: a proof is made from the
 * account's leaf as the caller has it now, and only when it hashes to the leaf committed here, so a proof can never
 * pair a root with a state it does not contain. The root depends only on the state: the same accounts give the same
 * root on one thread or many, in any input order, and after a restart that rebuilt the same state.
 */
public final class StateCommitment {

  private static final int CHUNK = 2048;

  private final long sequence;
  private final long snapshotVersion;
  private final String[] ids;
  private final MerkleTree tree;

  private StateCommitment(long sequence, long snapshotVersion, String[] ids, MerkleTree tree) {
    this.sequence = sequence;
    this.snapshotVersion = snapshotVersion;
    this.ids = ids;
    this.tree = tree;
  }

  /**
   * The tree of some leaves.
   *
   * @param sequence  the engine's last applied sequence the state is as of
   * @param snapshotVersion  the market snapshot in force
   * @param accounts  every account's leaf, in any order (ids unique)
   * @param parallel  whether to encode and hash on the fork-join pool (the root is the same)
   */
  public static StateCommitment of(long sequence, long snapshotVersion, List<AccountLeaf> accounts,
      boolean parallel) {
    return build(sequence, snapshotVersion, accounts.size(), i -> accounts.get(i).account(),
        (i, w) -> accounts.get(i).writeTo(w), parallel);
  }

  /**
   * The tree of an engine's accounts and their last margins, encoded straight from the engine's objects.
   *
   * @param accounts  the accounts
   * @param margins  their last margins, index for index
   */
  public static StateCommitment ofAccounts(long sequence, long snapshotVersion, List<Account> accounts,
      List<AccountMargin> margins, boolean parallel) {
    return ofAccounts(sequence, snapshotVersion, accounts, margins, null, parallel);
  }

  /**
   * As {@link #ofAccounts(long, long, List, List, boolean)}, with the attestations each account's margin counted.
   *
   * @param attested  per account (index for index) its attestations sorted by venue, or null for none; null for
   *     no account
   */
  public static StateCommitment ofAccounts(long sequence, long snapshotVersion, List<Account> accounts,
      List<AccountMargin> margins, List<List<AccountLeaf.Attested>> attested, boolean parallel) {
    if (accounts.size() != margins.size()) {
      throw new IllegalArgumentException(accounts.size() + " accounts but " + margins.size() + " margins");
    }
    return build(sequence, snapshotVersion, accounts.size(), i -> accounts.get(i).id(),
        (i, w) -> AccountLeaf.write(accounts.get(i), margins.get(i), attested == null ? null : attested.get(i), w),
        parallel);
  }

  private static StateCommitment build(long sequence, long snapshotVersion, int n,
      java.util.function.IntFunction<String> id, BiConsumer<Integer, CanonicalWriter> encode, boolean parallel) {
    Integer[] order = new Integer[n];
    String[] unsorted = new String[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      unsorted[i] = id.apply(i);
    }
    if (parallel) {
      Arrays.parallelSort(order, (a, b) -> CanonicalWriter.compareUtf8(unsorted[a], unsorted[b]));
    } else {
      Arrays.sort(order, (a, b) -> CanonicalWriter.compareUtf8(unsorted[a], unsorted[b]));
    }
    String[] ids = new String[n];
    for (int k = 0; k < n; k++) {
      ids[k] = unsorted[order[k]];
      if (k > 0 && ids[k].equals(ids[k - 1])) {
        throw new IllegalArgumentException("account " + ids[k] + " appears twice");
      }
    }
    byte[] hashes = new byte[n * MerkleTree.HASH];
    IntStream chunks = IntStream.range(0, (n + CHUNK - 1) / CHUNK);
    (parallel ? chunks.parallel() : chunks).forEach(c -> {
      MessageDigest md = MerkleTree.sha256();
      CanonicalWriter w = new CanonicalWriter();
      for (int k = c * CHUNK, to = Math.min(n, (c + 1) * CHUNK); k < to; k++) {
        w.reset();
        encode.accept(order[k], w);
        md.update((byte) 0);
        md.update(w.array(), 0, w.size());
        try {
          md.digest(hashes, k * MerkleTree.HASH, MerkleTree.HASH);
        } catch (java.security.DigestException e) {
          throw new IllegalStateException(e);
        }
      }
    });
    return new StateCommitment(sequence, snapshotVersion, ids, MerkleTree.ofLeafHashes(hashes, parallel));
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

  /**
   * The proof of an account's leaf as the caller holds it now.
   *
   * @param current  the account's leaf now
   * @return the proof, or empty when the account is not in the tree or its state is no longer the one committed
   *     here (build a new commitment then)
   */
  public Optional<InclusionProof> proof(AccountLeaf current) {
    int k = indexOf(current.account());
    if (k < 0) {
      return Optional.empty();
    }
    byte[] leaf = current.encode();
    if (!MessageDigest.isEqual(MerkleTree.leafHash(leaf), tree.leaf(k))) {
      return Optional.empty();
    }
    return Optional.of(new InclusionProof(current.account(), leaf, k, ids.length, tree.path(k), tree.root(),
        sequence, snapshotVersion));
  }

  /** Whether an account is in the tree. */
  public boolean contains(String account) {
    return indexOf(account) >= 0;
  }

  /** The account ids in leaf order. */
  public List<String> accounts() {
    return List.of(ids);
  }

  private int indexOf(String account) {
    int lo = 0;
    int hi = ids.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = CanonicalWriter.compareUtf8(ids[mid], account);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
